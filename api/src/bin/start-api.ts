/** `npm run start:api`: the api alone (production shape: run workers separately with `npm run start:worker`). */
import { createBus, createDb, createLogger, migrateToLatest, onShutdown } from '@tamagitto/db';
import { readEnv, resolveSecrets } from '../env.ts';
import { buildDeps, startApiServer } from '../server.ts';

const env = readEnv();
const log = createLogger({ level: env.LOG_LEVEL, name: 'api' });
const secrets = resolveSecrets(env);
const db = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, log });
await migrateToLatest(db.db);
const bus = createBus({ redisUrl: env.REDIS_URL });
const api = await startApiServer(buildDeps({ env, secrets, db, bus, log }), { port: env.PORT, host: env.HOST });
log.info({ url: api.url, database: db.kind, bus: bus.kind }, 'api listening');

onShutdown(log, [() => api.close(), () => bus.close(), () => db.close()], { timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
