/** `npm run start:worker`: a worker process on its own (production shape). */
import { createBus, createDb, createLogger, migrateToLatest, onShutdown, TokenCipher } from '@tamagitto/db';
import { readWorkerEnv } from '../env.ts';
import { createWorkerMetrics } from '../metrics.ts';
import { startMetricsServer } from '../metrics-server.ts';
import { startWorker } from '../worker.ts';

const env = readWorkerEnv();
const log = createLogger({ level: env.LOG_LEVEL, name: 'worker' });
if (!env.DATABASE_URL || !env.REDIS_URL) {
  log.warn('a separate worker needs DATABASE_URL and REDIS_URL shared with the api; for one process use `npm start`');
}
const handle = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, log });
await migrateToLatest(handle.db);
const bus = createBus({ redisUrl: env.REDIS_URL });
// TAMAGITTO_TIME_SCALE (tests only): a clock running faster than real time, so retries spread over
// hours come due in seconds. Everything that reads the clock speeds up with it, so the lifecycle
// scheduler and the nudges (days would pass in minutes) are off under a scaled clock.
const scale = env.TAMAGITTO_TIME_SCALE;
const startedAt = Date.now();
const now = scale === 1 ? () => new Date() : () => new Date(startedAt + (Date.now() - startedAt) * scale);
if (scale !== 1) log.warn({ scale }, 'TAMAGITTO_TIME_SCALE: the worker clock runs faster than real time (tests only)');
const metrics = createWorkerMetrics({ db: handle.db, bus, githubApiUrl: env.GITHUB_API_URL, now });
// Listening before the worker starts: a port already taken stops the process at once, not after it took jobs.
const metricsServer = env.WORKER_METRICS_PORT === undefined ? null : await startMetricsServer(metrics, { port: env.WORKER_METRICS_PORT, log });
if (metricsServer) log.info({ url: `${metricsServer.url}/metrics` }, 'worker metrics listening');
const worker = await startWorker(
  {
    db: handle.db,
    bus: metrics.instrumentBus(bus),
    log,
    cipher: new TokenCipher(env.TOKEN_ENCRYPTION_KEY),
    githubApiUrl: env.GITHUB_API_URL,
    now,
    onOutcome: (outcome, kind) => metrics.outcome(outcome, kind),
    onAnalysed: (seconds) => metrics.observeAnalysis(seconds),
  },
  {
    name: env.WORKER_NAME,
    concurrency: env.WORKER_CONCURRENCY,
    claimIdleMs: env.JOB_CLAIM_IDLE_MS,
    retentionDays: env.WEBHOOK_RETENTION_DAYS,
    ...(scale === 1 ? {} : { schedulerIntervalMs: 0, nudgeIntervalMs: 0 }),
  },
);

onShutdown(log, [() => worker.stop(), async () => metricsServer?.close(), () => bus.close(), () => handle.close(), async () => metrics.close()], { timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
