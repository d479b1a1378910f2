/**
 * The api under bench/read-path, in its own process so the load generator does
 * not share its event loop: PostgreSQL (a fresh migrated database), the Redis
 * bus, one user with one pet and one live session. Prints
 * `READY <url of GET /api/pets/:id> <session JWT>`; exits on SIGTERM, dropping
 * the database.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createBus, createDb, createLogger, insertEntity, TokenCipher, upsertRepository, upsertUser } from '@tamagitto/db';
import { createPostgresTestDb } from '@tamagitto/db/testing';
import { readEnv } from '../../api/src/env.ts';
import { buildDeps, startApiServer } from '../../api/src/server.ts';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const secrets = { jwtSecret: randomBytes(32).toString('hex'), tokenEncryptionKey: randomBytes(32).toString('hex'), webhookSecret: randomBytes(20).toString('hex') };

// A fresh migrated database (seeded through its own small pool), then the api's own pool on it (the production size).
const created = await createPostgresTestDb(databaseUrl);
const db = await createDb({ databaseUrl: created.url });
const user = await upsertUser(created.db, { githubId: 4242, login: 'bench', name: 'Bench', avatarUrl: null }, { encrypted: new TokenCipher(secrets.tokenEncryptionKey).encrypt('ghp_bench'), scopes: 'repo' });
const repo = await upsertRepository(created.db, { githubId: 4343, owner: 'bench', name: 'app', language: 'TypeScript', defaultBranch: 'main', private: false });
const pet = await insertEntity(created.db, { user_id: user.id, repository_id: repo.id, name: 'Benchy', family: 'blob', species: 'slime' });

const prefix = `tamagitto-bench-${randomBytes(4).toString('hex')}:`;
const bus = createBus({ redisUrl, prefix });
const log = createLogger({ level: 'warn', name: 'bench', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
// RATE_LIMITS (default off): the load generator is one user at thousands of requests per second
// (the per-user ceiling is 300 a minute, http/rate-limit.ts); BENCH_RATE_LIMITS=1000 measures with the limiter on Redis.
const env = readEnv({ LOG_LEVEL: 'warn', RATE_LIMITS: process.env.BENCH_RATE_LIMITS ?? 'off', REDIS_URL: redisUrl, DATABASE_URL: created.url });
const deps = buildDeps({ env, secrets, db, bus, log });
const { token } = await deps.sessions.issueSession(user.id);
const api = await startApiServer(deps, { port: 0, host: '127.0.0.1' });
console.log(`READY ${api.url.replace('localhost', '127.0.0.1')}/api/pets/${pet.id} ${token}`);

let closing = false;
process.on('SIGTERM', async () => {
  if (closing) return;
  closing = true;
  await api.close();
  await bus.close();
  await db.close();
  await created.close();
  process.exit(0);
});
