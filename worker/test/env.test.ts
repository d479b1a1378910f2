import { describe, expect, it } from 'vitest';
import { readWorkerEnv } from '../src/env.ts';

const KEY = 'k'.repeat(64);

describe('readWorkerEnv', () => {
  it('defaults the shutdown deadline to 25 s and reads SHUTDOWN_TIMEOUT_MS', () => {
    expect(readWorkerEnv({ TOKEN_ENCRYPTION_KEY: KEY, DATABASE_URL: 'postgres://x/y' }).SHUTDOWN_TIMEOUT_MS).toBe(25_000);
    expect(readWorkerEnv({ TOKEN_ENCRYPTION_KEY: KEY, DATABASE_URL: 'postgres://x/y', SHUTDOWN_TIMEOUT_MS: '3000' }).SHUTDOWN_TIMEOUT_MS).toBe(3_000);
  });

  it.each(['soon', '10', '1.5', '9999999'])('refuses SHUTDOWN_TIMEOUT_MS=%s, naming it', (v) => {
    expect(() => readWorkerEnv({ TOKEN_ENCRYPTION_KEY: KEY, DATABASE_URL: 'postgres://x/y', SHUTDOWN_TIMEOUT_MS: v })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
  });
});
