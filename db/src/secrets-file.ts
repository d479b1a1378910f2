/**
 * Embedded mode's generated secrets, kept in `DATA_DIR/secrets.json` (mode
 * 0600) so restarts keep sessions valid and stored tokens readable. The api
 * writes them; a worker on the same DATA_DIR reads the same file.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  jwtSecret: string;
  tokenEncryptionKey: string;
  webhookSecret: string;
}

export function readStoredSecrets(dataDir: string): Partial<Secrets> {
  const file = join(dataDir, 'secrets.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>) : {};
}

/** The stored secrets, generating (and storing) any that are missing. */
export function ensureStoredSecrets(dataDir: string): Secrets {
  const stored = readStoredSecrets(dataDir);
  const gen = () => randomBytes(32).toString('hex');
  const next: Secrets = {
    jwtSecret: stored.jwtSecret ?? gen(),
    tokenEncryptionKey: stored.tokenEncryptionKey ?? gen(),
    webhookSecret: stored.webhookSecret ?? gen(),
  };
  if (JSON.stringify(next) !== JSON.stringify(stored)) {
    const file = join(dataDir, 'secrets.json');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(next), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return next;
}
