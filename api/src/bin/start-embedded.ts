/**
 * `npm start`: api and worker in ONE process on the embedded defaults —
 * PGlite under DATA_DIR, the in-process bus, generated secrets. No setup.
 * It binds 127.0.0.1 unless HOST says otherwise: plain HTTP with generated
 * secrets is for this machine, not the network (the production api, start-api.ts,
 * binds 0.0.0.0 behind Caddy).
 * Shutdown order on SIGINT/SIGTERM: stop accepting requests, finish in-flight
 * jobs, then close the bus and the database — within SHUTDOWN_TIMEOUT_MS, after
 * which it exits anyway (unfinished deliveries stay queued in the database and
 * are recovered on the next start).
 */
import { createBus, createDb, createLogger, migrateToLatest, onShutdown, TokenCipher } from '@tamagitto/db';
import { createWorkerMetrics, startWorker } from '@tamagitto/worker';
import { readEnv, resolveSecrets } from '../env.ts';
import { buildDeps, startApiServer } from '../server.ts';

const env = readEnv(process.env, { host: '127.0.0.1' });
const log = createLogger({ level: env.LOG_LEVEL, name: 'tamagitto' });
const secrets = resolveSecrets(env);
const db = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, log });
const applied = await migrateToLatest(db.db);
if (applied.length) log.info({ migrations: applied.map((m) => m.migrationName) }, 'migrations applied');
const bus = createBus({ redisUrl: env.REDIS_URL });
const deps = buildDeps({ env, secrets, db, bus, log });
// One process, one /api/metrics: the worker's metrics (queue depth, oldest pending, dead letters…) join the api's registry.
const workerMetrics = createWorkerMetrics({ db: db.db, bus, githubApiUrl: env.GITHUB_API_URL, registry: deps.metrics.registry });
const api = await startApiServer(deps, { port: env.PORT, host: env.HOST });
const worker = await startWorker(
  {
    db: db.db,
    bus: workerMetrics.instrumentBus(bus),
    log,
    cipher: new TokenCipher(secrets.tokenEncryptionKey),
    githubApiUrl: env.GITHUB_API_URL,
    now: () => new Date(),
    onOutcome: (outcome, kind) => workerMetrics.outcome(outcome, kind),
    onAnalysed: (seconds) => workerMetrics.observeAnalysis(seconds),
  },
  { name: `embedded-${process.pid}`, concurrency: 2, claimIdleMs: 30_000, retentionDays: env.WEBHOOK_RETENTION_DAYS },
);

log.info({ url: api.url, database: db.kind, bus: bus.kind, dataDir: env.DATA_DIR }, 'Tamagitto is running');
console.log(`\n  Tamagitto is running at ${api.url}\n  Health: ${api.url}/api/health/ready\n  API:    ${api.url}/api/docs\n  Data:   ${db.kind === 'pglite' ? `${env.DATA_DIR}/pglite` : 'DATABASE_URL'}\n  Stop:   Ctrl+C\n`);

onShutdown(log, [() => api.close(), () => worker.stop(), () => bus.close(), () => db.close(), async () => workerMetrics.close()], { timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
