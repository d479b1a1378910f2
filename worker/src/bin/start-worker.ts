/** `npm run start:worker`: a worker process on its own (production shape). */
import { createBus, createDb, createLogger, migrateToLatest, TokenCipher } from '@tamagitto/db';
import { readWorkerEnv } from '../env.ts';
import { startWorker } from '../worker.ts';

const env = readWorkerEnv();
const log = createLogger({ level: env.LOG_LEVEL, name: 'worker' });
if (!env.DATABASE_URL || !env.REDIS_URL) {
  log.warn('a separate worker needs DATABASE_URL and REDIS_URL shared with the api; for one process use `npm start`');
}
const handle = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
await migrateToLatest(handle.db);
const bus = createBus({ redisUrl: env.REDIS_URL });
const worker = await startWorker(
  { db: handle.db, bus, log, cipher: new TokenCipher(env.TOKEN_ENCRYPTION_KEY), githubApiUrl: env.GITHUB_API_URL, now: () => new Date() },
  { name: env.WORKER_NAME, concurrency: env.WORKER_CONCURRENCY, claimIdleMs: env.JOB_CLAIM_IDLE_MS },
);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal: sig }, 'shutting down');
    await worker.stop();
    await bus.close();
    await handle.close();
    log.flush?.();
    process.exit(0);
  });
}
