/**
 * The worker process's configuration: read once, validated, frozen. process.env
 * is read only here (eslint.config.js forbids it elsewhere in worker/src), so a
 * missing or malformed setting stops the worker at start-up, not mid-job.
 */
import { hostname } from 'node:os';
import { readStoredSecrets } from '@tamagitto/db';

export interface WorkerEnv {
  DATA_DIR: string;
  DATABASE_URL: string | undefined;
  REDIS_URL: string | undefined;
  GITHUB_API_URL: string;
  TOKEN_ENCRYPTION_KEY: string;
  LOG_LEVEL: string;
  WORKER_CONCURRENCY: number;
  WORKER_NAME: string;
  /** How long a job may stay unacked before another worker takes it over. */
  JOB_CLAIM_IDLE_MS: number;
  /** On SIGINT/SIGTERM, finish in-flight jobs for at most this long, then exit 0 leaving the rest pending. */
  SHUTDOWN_TIMEOUT_MS: number;
  /** Serve Prometheus metrics on this port (GET /metrics); undefined = no listener. */
  WORKER_METRICS_PORT: number | undefined;
  /**
   * Tests only: the worker's clock runs this many times faster than real time (retry delays
   * and due times with it), so a fault suite can live through hours of retries in seconds. 1 in production.
   */
  TAMAGITTO_TIME_SCALE: number;
  /** Finished deliveries (processed, ignored, failed) older than this many days are deleted (src/retention.ts). */
  WEBHOOK_RETENTION_DAYS: number;
}

export function readWorkerEnv(env: Record<string, string | undefined> = process.env): Readonly<WorkerEnv> {
  const dataDir = env.DATA_DIR || '.data';
  let key = env.TOKEN_ENCRYPTION_KEY || undefined;
  if (!key && !env.DATABASE_URL) {
    // Embedded mode: the api generated and kept it beside the database.
    key = readStoredSecrets(dataDir).tokenEncryptionKey;
  }
  if (!key || key.length < 32) throw new Error('TOKEN_ENCRYPTION_KEY: required (at least 32 characters), the same value the api uses');
  const concurrency = Number(env.WORKER_CONCURRENCY ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error('WORKER_CONCURRENCY: an integer 1–64');
  const claim = Number(env.JOB_CLAIM_IDLE_MS ?? 60_000);
  if (!Number.isInteger(claim) || claim < 100) throw new Error('JOB_CLAIM_IDLE_MS: an integer ≥ 100');
  const shutdownTimeout = Number(env.SHUTDOWN_TIMEOUT_MS || 25_000);
  if (!Number.isInteger(shutdownTimeout) || shutdownTimeout < 100 || shutdownTimeout > 600_000) throw new Error('SHUTDOWN_TIMEOUT_MS: an integer 100–600000 (milliseconds)');
  const metricsPort = env.WORKER_METRICS_PORT ? Number(env.WORKER_METRICS_PORT) : undefined;
  if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65_535)) throw new Error('WORKER_METRICS_PORT: a port number 0–65535 (0 = any free port)');
  const timeScale = Number(env.TAMAGITTO_TIME_SCALE || 1);
  if (!Number.isFinite(timeScale) || timeScale < 1 || timeScale > 100_000) throw new Error('TAMAGITTO_TIME_SCALE: a number 1–100000 (tests only; 1 = real time)');
  const retention = Number(env.WEBHOOK_RETENTION_DAYS || 14);
  if (!Number.isInteger(retention) || retention < 1 || retention > 3650) throw new Error('WEBHOOK_RETENTION_DAYS: an integer 1–3650 (days)');
  return Object.freeze({
    DATA_DIR: dataDir,
    DATABASE_URL: env.DATABASE_URL || undefined,
    REDIS_URL: env.REDIS_URL || undefined,
    GITHUB_API_URL: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    TOKEN_ENCRYPTION_KEY: key,
    LOG_LEVEL: env.LOG_LEVEL || 'info',
    WORKER_CONCURRENCY: concurrency,
    WORKER_NAME: env.WORKER_NAME || `${hostname()}-${process.pid}`,
    JOB_CLAIM_IDLE_MS: claim,
    SHUTDOWN_TIMEOUT_MS: shutdownTimeout,
    WORKER_METRICS_PORT: metricsPort,
    TAMAGITTO_TIME_SCALE: timeScale,
    WEBHOOK_RETENTION_DAYS: retention,
  });
}
