import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, readEnv, resolveSecrets } from './env.ts';

describe('readEnv', () => {
  it('defaults everything for `npm start`', () => {
    const env = readEnv({});
    expect(env).toMatchObject({ PORT: 8787, DATA_DIR: '.data', GITHUB_API_URL: 'https://api.github.com', CORS_ORIGINS: [], LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: 25_000 });
    expect(readEnv({ SHUTDOWN_TIMEOUT_MS: '5000' }).SHUTDOWN_TIMEOUT_MS).toBe(5_000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(env)).toBe(true);
  });
  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ REDIS_URL: 'not a url' }, /REDIS_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET/],
    [{ GITHUB_CLIENT_ID: 'id-only' }, /GITHUB_CLIENT_SECRET/],
    [{ CORS_ORIGINS: 'https://ok.example, nope' }, /CORS_ORIGINS/],
    [{ SHUTDOWN_TIMEOUT_MS: 'soon' }, /SHUTDOWN_TIMEOUT_MS/],
    [{ SHUTDOWN_TIMEOUT_MS: '10' }, /SHUTDOWN_TIMEOUT_MS/],
  ])('fails fast naming the variable: %j', (input, re) => {
    expect(() => readEnv(input)).toThrow(EnvError);
    expect(() => readEnv(input)).toThrow(re);
  });
  it('never echoes credentials from a bad URL', () => {
    expect(() => readEnv({ DATABASE_URL: 'mysql://user:hunter2@db/x' })).toThrow(/DATABASE_URL/);
    try {
      readEnv({ REDIS_URL: 'redis//user:hunter2@' });
    } catch (e) {
      expect(String(e)).not.toContain('hunter2');
    }
  });
  it('parses lists and strips trailing slashes', () => {
    const env = readEnv({ CORS_ORIGINS: 'https://a.example, https://b.example', GITHUB_API_URL: 'http://127.0.0.1:9/' });
    expect(env.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(env.GITHUB_API_URL).toBe('http://127.0.0.1:9');
  });
});

describe('readEnv: exposure and abuse settings (issue 15)', () => {
  it('binds 0.0.0.0 by default, 127.0.0.1 for npm start, and HOST wins over both', () => {
    expect(readEnv({}).HOST).toBe('0.0.0.0');
    expect(readEnv({}, { host: '127.0.0.1' }).HOST).toBe('127.0.0.1');
    expect(readEnv({ HOST: '0.0.0.0' }, { host: '127.0.0.1' }).HOST).toBe('0.0.0.0');
  });
  it('reads rate limits, proxies, extension ids, the metrics token and the retention', () => {
    expect(readEnv({})).toMatchObject({ RATE_LIMITS: 1, TRUST_PROXY: 0, EXTENSION_IDS: [], METRICS_TOKEN: undefined, WEBHOOK_RETENTION_DAYS: 14 });
    expect(readEnv({ RATE_LIMITS: 'off' }).RATE_LIMITS).toBe(0);
    expect(readEnv({ RATE_LIMITS: '2.5' }).RATE_LIMITS).toBe(2.5);
    expect(readEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(readEnv({ EXTENSION_IDS: 'abcdefghijklmnopabcdefghijklmnop, ponmlkjihgfedcbaponmlkjihgfedcba' }).EXTENSION_IDS).toHaveLength(2);
    expect(readEnv({ METRICS_TOKEN: 'm'.repeat(16) }).METRICS_TOKEN).toBe('m'.repeat(16));
  });
  it.each([
    [{ RATE_LIMITS: 'lots' }, /RATE_LIMITS/],
    [{ RATE_LIMITS: '-1' }, /RATE_LIMITS/],
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY/],
    [{ EXTENSION_IDS: 'not-an-id' }, /EXTENSION_IDS/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN/],
    [{ WEBHOOK_RETENTION_DAYS: '0' }, /WEBHOOK_RETENTION_DAYS/],
  ])('fails fast naming the variable: %j', (input, re) => {
    expect(() => readEnv(input)).toThrow(re);
  });
});

describe('resolveSecrets', () => {
  it('embedded: generates once, keeps them 0600 in DATA_DIR, and reuses them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-secrets-'));
    const a = resolveSecrets({ DATA_DIR: dir, DATABASE_URL: undefined, JWT_SECRET: undefined, TOKEN_ENCRYPTION_KEY: undefined, GITHUB_WEBHOOK_SECRET: undefined });
    const b = resolveSecrets({ DATA_DIR: dir, DATABASE_URL: undefined, JWT_SECRET: undefined, TOKEN_ENCRYPTION_KEY: undefined, GITHUB_WEBHOOK_SECRET: undefined });
    expect(a).toEqual(b);
    expect(a.jwtSecret).toHaveLength(64);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).jwtSecret).toBe(a.jwtSecret);
  });
  it('given values win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-secrets-'));
    const s = resolveSecrets({ DATA_DIR: dir, DATABASE_URL: undefined, JWT_SECRET: 'j'.repeat(40), TOKEN_ENCRYPTION_KEY: undefined, GITHUB_WEBHOOK_SECRET: undefined });
    expect(s.jwtSecret).toBe('j'.repeat(40));
  });
  it('with DATABASE_URL every secret must be given (processes must share them)', () => {
    expect(() =>
      resolveSecrets({ DATA_DIR: '/nonexistent', DATABASE_URL: 'postgres://x/y', JWT_SECRET: 'j'.repeat(40), TOKEN_ENCRYPTION_KEY: undefined, GITHUB_WEBHOOK_SECRET: 'w'.repeat(20) }),
    ).toThrow(/TOKEN_ENCRYPTION_KEY/);
  });
});
