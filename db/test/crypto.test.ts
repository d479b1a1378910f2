import { describe, expect, it } from 'vitest';
import { TokenCipher } from '../src/crypto.ts';

describe('TokenCipher', () => {
  const key = 'k'.repeat(64);
  it('round-trips and never stores the plain token', () => {
    const c = new TokenCipher(key);
    const env = c.encrypt('ghp_secretvalue123');
    expect(env).not.toContain('ghp_');
    expect(env.startsWith('v1.')).toBe(true);
    expect(c.decrypt(env)).toBe('ghp_secretvalue123');
    // A fresh IV every time.
    expect(c.encrypt('ghp_secretvalue123')).not.toBe(env);
  });
  it('rejects a tampered envelope and a different key', () => {
    const c = new TokenCipher(key);
    const env = c.encrypt('ghp_x');
    const parts = env.split('.');
    parts[3] = Buffer.from('ghp_y').toString('base64url');
    expect(() => c.decrypt(parts.join('.'))).toThrow();
    expect(() => new TokenCipher('z'.repeat(64)).decrypt(env)).toThrow();
  });
  it('refuses a short key', () => {
    expect(() => new TokenCipher('short')).toThrow(/TOKEN_ENCRYPTION_KEY/);
  });
});
