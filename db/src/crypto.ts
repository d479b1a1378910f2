/**
 * GitHub tokens at rest: AES-256-GCM with a random 96-bit IV per value
 * (never in plain text at rest). The envelope is `v1.<iv>.<tag>.<ciphertext>`
 * in base64url so a future key rotation can add `v2`.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export class TokenCipher {
  readonly #key: Buffer;

  /** `secret`: any string of at least 32 characters (a generated one is 64 hex chars); it is hashed to 256 bits. */
  constructor(secret: string) {
    if (secret.length < 32) throw new Error('TOKEN_ENCRYPTION_KEY must be at least 32 characters');
    this.#key = createHash('sha256').update(secret, 'utf8').digest();
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  /** Throws when the envelope was tampered with or made with another key. */
  decrypt(envelope: string): string {
    const [version, iv, tag, ct] = envelope.split('.');
    if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown token envelope');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }
}
