/**
 * The api process's configuration: read once, validated, frozen. The only
 * place the api reads process.env (an ESLint rule holds the others to it).
 * `readEnv` is pure; `resolveSecrets` fills secrets that embedded mode may
 * generate (kept in DATA_DIR so restarts keep sessions and tokens readable).
 */
import { ensureStoredSecrets, type Secrets } from '@tamagitto/db';

export interface ApiEnv {
  PORT: number;
  HOST: string;
  DATA_DIR: string;
  DATABASE_URL: string | undefined;
  REDIS_URL: string | undefined;
  GITHUB_API_URL: string;
  GITHUB_WEBHOOK_SECRET: string | undefined;
  GITHUB_CLIENT_ID: string | undefined;
  GITHUB_CLIENT_SECRET: string | undefined;
  /** Where GitHub's OAuth pages live (github.com; a fake in tests). */
  GITHUB_OAUTH_URL: string;
  PUBLIC_URL: string | undefined;
  JWT_SECRET: string | undefined;
  TOKEN_ENCRYPTION_KEY: string | undefined;
  GEMINI_API_KEY: string | undefined;
  GEMINI_BASE_URL: string | undefined;
  ANTHROPIC_BASE_URL: string | undefined;
  /** The server's own key, used only to generate the daily puzzle (chat uses each user's key). */
  ANTHROPIC_API_KEY: string | undefined;
  /** Coach chat model; a Haiku-class default keeps the user's bill small. */
  ANTHROPIC_MODEL: string;
  /** A coach answer slower than this is cut off with a `timeout` error. */
  ANTHROPIC_TIMEOUT_MS: number;
  CORS_ORIGINS: string[];
  /**
   * Chrome extension ids whose `chrome-extension://<id>` origin passes CORS. Empty: any
   * extension origin passes (development; a warning at start-up with DATABASE_URL).
   */
  EXTENSION_IDS: string[];
  /**
   * How many reverse proxies stand in front of the api (Caddy: 1). 0: the client is the
   * socket's address. N: the client is the N-th address from the right of X-Forwarded-For
   * (http/rate-limit.ts, clientIp).
   */
  TRUST_PROXY: number;
  /** Multiplier on every rate limit (http/rate-limit.ts): 1 as documented, 0 off (`RATE_LIMITS=off`). */
  RATE_LIMITS: number;
  /** Bearer token that `GET /api/metrics` requires; unset: the route answers 404. */
  METRICS_TOKEN: string | undefined;
  /** `npm start` runs the worker too: its delivery retention in days (worker/src/retention.ts, worker/src/env.ts). */
  WEBHOOK_RETENTION_DAYS: number;
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** On SIGINT/SIGTERM, finish in-flight work for at most this long, then exit 0 (db/src/shutdown.ts). */
  SHUTDOWN_TIMEOUT_MS: number;
  /** A live client (WebSocket or SSE) with more than this many bytes waiting to be sent is cut off (api/src/live/). */
  LIVE_MAX_BUFFERED_BYTES: number;
  /** `GET /api/events` sends a comment line this often, so proxies keep the stream open. */
  LIVE_SSE_HEARTBEAT_MS: number;
  /** How long `live_events` rows (the SSE stream's Last-Event-ID history) are kept. */
  LIVE_EVENTS_RETENTION_HOURS: number;
}

export class EnvError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'EnvError';
  }
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function url(name: string, v: string | undefined, protocols: string[]): string | undefined {
  if (v === undefined || v === '') return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new EnvError(name, `not a valid URL: ${redactUrl(v)}`);
  }
  if (!protocols.includes(u.protocol)) throw new EnvError(name, `must use ${protocols.join(' or ')}`);
  return v.replace(/\/+$/, '');
}

/** Never echo credentials in an error message. */
function redactUrl(v: string): string {
  return v.replace(/\/\/[^@/]*@/, '//***@');
}

function secret(name: string, v: string | undefined, min: number): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (v.length < min) throw new EnvError(name, `must be at least ${min} characters`);
  return v;
}

/** Chrome extension ids: 32 letters a–p. */
const EXTENSION_ID = /^[a-p]{32}$/;

function list(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * `defaults.host`: the interface bound when HOST is unset — `npm start` (embedded, plain HTTP,
 * generated secrets) passes 127.0.0.1 so it is not reachable from the network unless asked;
 * the production api (behind Caddy, in a container) keeps 0.0.0.0.
 *
 * @example
 * const env = readEnv({ PORT: '8080' }); // everything else defaulted
 */
export function readEnv(env: Record<string, string | undefined> = process.env, defaults: { host?: string } = {}): Readonly<ApiEnv> {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EnvError('PORT', 'must be an integer 0–65535');
  const level = (env.LOG_LEVEL ?? 'info') as ApiEnv['LOG_LEVEL'];
  if (!LEVELS.includes(level)) throw new EnvError('LOG_LEVEL', `must be one of ${LEVELS.join(', ')}`);
  const cors = list(env.CORS_ORIGINS);
  for (const o of cors) url('CORS_ORIGINS', o, ['http:', 'https:']);
  const extensionIds = list(env.EXTENSION_IDS);
  for (const id of extensionIds) if (!EXTENSION_ID.test(id)) throw new EnvError('EXTENSION_IDS', `not a Chrome extension id (32 letters a-p): ${id.slice(0, 40)}`);
  const trustProxy = Number(env.TRUST_PROXY || 0);
  if (!Number.isInteger(trustProxy) || trustProxy < 0 || trustProxy > 10) throw new EnvError('TRUST_PROXY', 'must be the number of proxies in front of the api, 0–10 (Caddy: 1)');
  const limits = (env.RATE_LIMITS || 'on').trim().toLowerCase();
  const rateLimits = limits === 'on' ? 1 : limits === 'off' ? 0 : Number(limits);
  if (limits !== 'off' && (!Number.isFinite(rateLimits) || rateLimits <= 0 || rateLimits > 1_000_000)) throw new EnvError('RATE_LIMITS', 'must be on, off, or a multiplier of every limit (e.g. 2 or 0.5)');
  const clientId = env.GITHUB_CLIENT_ID || undefined;
  const clientSecret = env.GITHUB_CLIENT_SECRET || undefined;
  if (Boolean(clientId) !== Boolean(clientSecret)) {
    throw new EnvError(clientId ? 'GITHUB_CLIENT_SECRET' : 'GITHUB_CLIENT_ID', 'set both GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET, or neither');
  }
  const llmTimeout = Number(env.ANTHROPIC_TIMEOUT_MS ?? 30_000);
  if (!Number.isInteger(llmTimeout) || llmTimeout < 100 || llmTimeout > 300_000) throw new EnvError('ANTHROPIC_TIMEOUT_MS', 'must be an integer 100–300000 (milliseconds)');
  const shutdownTimeout = Number(env.SHUTDOWN_TIMEOUT_MS || 25_000);
  if (!Number.isInteger(shutdownTimeout) || shutdownTimeout < 100 || shutdownTimeout > 600_000) throw new EnvError('SHUTDOWN_TIMEOUT_MS', 'must be an integer 100–600000 (milliseconds)');
  const retention = Number(env.WEBHOOK_RETENTION_DAYS || 14);
  if (!Number.isInteger(retention) || retention < 1 || retention > 3650) throw new EnvError('WEBHOOK_RETENTION_DAYS', 'must be an integer 1–3650 (days)');
  const liveBuffered = Number(env.LIVE_MAX_BUFFERED_BYTES || 262_144);
  if (!Number.isInteger(liveBuffered) || liveBuffered < 1024 || liveBuffered > 1 << 30) throw new EnvError('LIVE_MAX_BUFFERED_BYTES', 'must be an integer 1024–1073741824 (bytes)');
  const sseHeartbeat = Number(env.LIVE_SSE_HEARTBEAT_MS || 15_000);
  if (!Number.isInteger(sseHeartbeat) || sseHeartbeat < 50 || sseHeartbeat > 300_000) throw new EnvError('LIVE_SSE_HEARTBEAT_MS', 'must be an integer 50–300000 (milliseconds)');
  const liveRetention = Number(env.LIVE_EVENTS_RETENTION_HOURS || 24);
  if (!Number.isInteger(liveRetention) || liveRetention < 1 || liveRetention > 720) throw new EnvError('LIVE_EVENTS_RETENTION_HOURS', 'must be an integer 1–720 (hours)');
  const model = env.ANTHROPIC_MODEL || 'claude-haiku-4-5';
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(model)) throw new EnvError('ANTHROPIC_MODEL', 'must be a model id like claude-haiku-4-5');
  return Object.freeze({
    PORT: port,
    HOST: env.HOST || defaults.host || '0.0.0.0',
    DATA_DIR: env.DATA_DIR || '.data',
    DATABASE_URL: url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    REDIS_URL: url('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    GITHUB_API_URL: url('GITHUB_API_URL', env.GITHUB_API_URL, ['http:', 'https:']) ?? 'https://api.github.com',
    GITHUB_WEBHOOK_SECRET: secret('GITHUB_WEBHOOK_SECRET', env.GITHUB_WEBHOOK_SECRET, 16),
    GITHUB_CLIENT_ID: clientId,
    GITHUB_CLIENT_SECRET: clientSecret,
    GITHUB_OAUTH_URL: url('GITHUB_OAUTH_URL', env.GITHUB_OAUTH_URL, ['http:', 'https:']) ?? 'https://github.com',
    PUBLIC_URL: url('PUBLIC_URL', env.PUBLIC_URL, ['http:', 'https:']),
    JWT_SECRET: secret('JWT_SECRET', env.JWT_SECRET, 32),
    TOKEN_ENCRYPTION_KEY: secret('TOKEN_ENCRYPTION_KEY', env.TOKEN_ENCRYPTION_KEY, 32),
    GEMINI_API_KEY: env.GEMINI_API_KEY || undefined,
    GEMINI_BASE_URL: url('GEMINI_BASE_URL', env.GEMINI_BASE_URL, ['http:', 'https:']),
    ANTHROPIC_BASE_URL: url('ANTHROPIC_BASE_URL', env.ANTHROPIC_BASE_URL, ['http:', 'https:']),
    ANTHROPIC_API_KEY: env.ANTHROPIC_API_KEY || undefined,
    ANTHROPIC_MODEL: model,
    ANTHROPIC_TIMEOUT_MS: llmTimeout,
    CORS_ORIGINS: cors,
    EXTENSION_IDS: extensionIds,
    TRUST_PROXY: trustProxy,
    RATE_LIMITS: rateLimits,
    METRICS_TOKEN: secret('METRICS_TOKEN', env.METRICS_TOKEN, 16),
    WEBHOOK_RETENTION_DAYS: retention,
    LOG_LEVEL: level,
    SHUTDOWN_TIMEOUT_MS: shutdownTimeout,
    LIVE_MAX_BUFFERED_BYTES: liveBuffered,
    LIVE_SSE_HEARTBEAT_MS: sseHeartbeat,
    LIVE_EVENTS_RETENTION_HOURS: liveRetention,
  });
}

export type { Secrets };

/**
 * Secrets from the environment; in embedded mode (no DATABASE_URL) any that
 * are missing are generated once and kept in `DATA_DIR/secrets.json` (mode
 * 0600). With DATABASE_URL several processes share the data, so the secrets
 * must be given explicitly — a generated one would differ per process.
 */
export function resolveSecrets(env: Pick<ApiEnv, 'DATA_DIR' | 'DATABASE_URL' | 'JWT_SECRET' | 'TOKEN_ENCRYPTION_KEY' | 'GITHUB_WEBHOOK_SECRET'>): Secrets {
  const given = { jwtSecret: env.JWT_SECRET, tokenEncryptionKey: env.TOKEN_ENCRYPTION_KEY, webhookSecret: env.GITHUB_WEBHOOK_SECRET };
  if (env.DATABASE_URL) {
    const names = { jwtSecret: 'JWT_SECRET', tokenEncryptionKey: 'TOKEN_ENCRYPTION_KEY', webhookSecret: 'GITHUB_WEBHOOK_SECRET' } as const;
    for (const [k, name] of Object.entries(names)) {
      if (!given[k as keyof Secrets]) throw new EnvError(name, 'required when DATABASE_URL is set (every process must share it)');
    }
    return given as Secrets;
  }
  const next = ensureStoredSecrets(env.DATA_DIR);
  return {
    jwtSecret: given.jwtSecret ?? next.jwtSecret,
    tokenEncryptionKey: given.tokenEncryptionKey ?? next.tokenEncryptionKey,
    webhookSecret: given.webhookSecret ?? next.webhookSecret,
  };
}
