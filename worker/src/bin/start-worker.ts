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
const metrics = createWorkerMetrics({ db: handle.db, bus, githubApiUrl: env.GITHUB_API_URL });
// Listening before the worker starts: a port already taken stops the process at once, not after it took jobs.
const metricsServer = env.WORKER_METRICS_PORT === undefined ? null : await startMetricsServer(metrics, { port: env.WORKER_METRICS_PORT, log });
if (metricsServer) log.info({ url: `${metricsServer.url}/metrics` }, 'worker metrics listening');
const worker = await startWorker(
  { db: handle.db, bus: metrics.instrumentBus(bus), log, cipher: new TokenCipher(env.TOKEN_ENCRYPTION_KEY), githubApiUrl: env.GITHUB_API_URL, now: () => new Date() },
  { name: env.WORKER_NAME, concurrency: env.WORKER_CONCURRENCY, claimIdleMs: env.JOB_CLAIM_IDLE_MS },
);

onShutdown(log, [() => worker.stop(), async () => metricsServer?.close(), () => bus.close(), () => handle.close(), async () => metrics.close()], { timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
