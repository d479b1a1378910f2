/** `npm run start:worker`: a worker process on its own (production shape). */
import { createBus, createDb, createLogger, migrateToLatest, onShutdown, TokenCipher } from '@tamagitto/db';
import { readWorkerEnv } from '../env.ts';
import { startWorker } from '../worker.ts';

const env = readWorkerEnv();
const log = createLogger({ level: env.LOG_LEVEL, name: 'worker' });
if (!env.DATABASE_URL || !env.REDIS_URL) {
  log.warn('a separate worker needs DATABASE_URL and REDIS_URL shared with the api; for one process use `npm start`');
}
const handle = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, log });
await migrateToLatest(handle.db);
const bus = createBus({ redisUrl: env.REDIS_URL });
const worker = await startWorker(
  { db: handle.db, bus, log, cipher: new TokenCipher(env.TOKEN_ENCRYPTION_KEY), githubApiUrl: env.GITHUB_API_URL, now: () => new Date() },
  { name: env.WORKER_NAME, concurrency: env.WORKER_CONCURRENCY, claimIdleMs: env.JOB_CLAIM_IDLE_MS },
);

onShutdown(log, [() => worker.stop(), () => bus.close(), () => handle.close()], { timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
