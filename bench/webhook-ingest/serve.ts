/**
 * One server under test, in its own process so the load generator does not
 * share its event loop: `tsx serve.ts probot|embedded|scaled`. Prints
 * `READY <url>` when listening; exits on SIGTERM.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

const mode = process.argv[2];
const secret = process.env.BENCH_SECRET ?? 'bench-webhook-secret-0123456789';

if (mode === 'probot') {
  const { Probot, createNodeMiddleware } = await import('probot');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const probot = new Probot({ appId: 1, privateKey, secret, logLevel: 'fatal' });
  const middleware = await createNodeMiddleware(
    (app) => {
      app.on('push', async () => {});
    },
    { probot, webhooksPath: '/api/webhook/github' },
  );
  const server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404).end();
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  process.on('SIGTERM', () => process.exit(0));
} else if (mode === 'embedded' || mode === 'scaled') {
  const { createBus, createDb, createLogger, migrateToLatest } = await import('@tamagitto/db');
  const { createPostgresTestDb } = await import('@tamagitto/db/testing');
  const { readEnv } = await import('../../api/src/env.ts');
  const { buildDeps, startApiServer } = await import('../../api/src/server.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'tamagitto-bench-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL;
  if (mode === 'scaled' && (!databaseUrl || !redisUrl)) throw new Error('scaled mode needs BENCH_DATABASE_URL and BENCH_REDIS_URL');
  const db = mode === 'scaled' ? await createPostgresTestDb(databaseUrl!) : await createDb({ dataDir });
  if (mode === 'embedded') await migrateToLatest(db.db);
  const prefix = `tamagitto-bench-${randomBytes(4).toString('hex')}:`;
  const bus = createBus({ redisUrl: mode === 'scaled' ? redisUrl : undefined, prefix });
  const log = createLogger({ level: 'warn', name: 'bench', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
  // Limits off: the load generator drives >10k req/s from one address (http/rate-limit.ts).
  const env = readEnv({ LOG_LEVEL: 'warn', RATE_LIMITS: 'off' });
  const api = await startApiServer(
    buildDeps({ env, secrets: { jwtSecret: 'j'.repeat(64), tokenEncryptionKey: 'k'.repeat(64), webhookSecret: secret }, db, bus, log }),
    { port: 0, host: '127.0.0.1' },
  );
  console.log(`READY ${api.url.replace('localhost', '127.0.0.1')}`);
  let closing = false;
  process.on('SIGTERM', async () => {
    if (closing) return;
    closing = true;
    const stored = await db.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    console.log(`STORED ${Number(stored?.n ?? 0)}`);
    await api.close();
    if ('purge' in bus) await (bus as { purge(): Promise<void> }).purge();
    await bus.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
} else {
  throw new Error('usage: serve.ts probot|embedded|scaled');
}
