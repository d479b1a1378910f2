/**
 * One server under test for bench/fanout, in its own process (its RSS and CPU are its own):
 *
 * - `serve.ts api`: the Tamagitto api (PostgreSQL + Redis, a fresh database) with BENCH_USERS users
 *   and a session each, written to BENCH_SEED_FILE as JSON ({ url, users: [{ id, token }] }).
 * - `serve.ts raw`: a bare `ws` server that broadcasts every message of its Redis channel to all its
 *   clients, the way ws's README does it: JSON.stringify once, `client.send(data)` to each.
 *
 * Both take their broadcast from Redis pub/sub through @tamagitto/db's bus, so both include the same hop.
 * Prints `READY <url>`; exits on SIGTERM (the api drops its database first).
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { WebSocketServer } from 'ws';
import { createBus, createLogger } from '@tamagitto/db';

const mode = process.argv[2];
const redisUrl = process.env.BENCH_REDIS_URL!;
const prefix = process.env.BENCH_PREFIX!;
export const RAW_CHANNEL = 'bench.raw';

if (mode === 'raw') {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  const bus = createBus({ redisUrl, prefix });
  await bus.subscribe(RAW_CHANNEL, (message) => {
    const data = JSON.stringify(message);
    for (const client of wss.clients) client.send(data);
  });
  server.listen(0, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  process.on('SIGTERM', () => {
    void bus.close().finally(() => process.exit(0));
  });
} else if (mode === 'api') {
  const { createPostgresTestDb } = await import('@tamagitto/db/testing');
  const { readEnv } = await import('../../api/src/env.ts');
  const { buildDeps, startApiServer } = await import('../../api/src/server.ts');
  const db = await createPostgresTestDb(process.env.BENCH_DATABASE_URL!);
  const bus = createBus({ redisUrl, prefix });
  const log = createLogger({ level: 'warn', name: 'bench', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
  // Limits off: the load comes from a few loopback addresses (http/rate-limit.ts).
  const env = readEnv({ LOG_LEVEL: 'warn', RATE_LIMITS: 'off' });
  const deps = buildDeps({ env, secrets: { jwtSecret: 'j'.repeat(64), tokenEncryptionKey: 'k'.repeat(64), webhookSecret: 'w'.repeat(32) }, db, bus, log });
  const api = await startApiServer(deps, { port: 0, host: '127.0.0.1' });
  const n = Number(process.env.BENCH_USERS ?? 2002);
  const rows = await db.db
    .insertInto('users')
    .values(Array.from({ length: n }, (_, i) => ({ github_id: 990_000_000 + i, login: `fanout-${i}` })))
    .returning('id')
    .execute();
  const users: { id: string; token: string }[] = [];
  for (const r of rows) users.push({ id: r.id, token: (await deps.sessions.issueSession(r.id)).token });
  const url = api.url.replace('localhost', '127.0.0.1');
  writeFileSync(process.env.BENCH_SEED_FILE!, JSON.stringify({ url, users }));
  console.log(`READY ${url}`);
  let closing = false;
  process.on('SIGTERM', async () => {
    if (closing) return;
    closing = true;
    await api.close();
    if ('purge' in bus) await (bus as { purge(): Promise<void> }).purge();
    await bus.close();
    await db.close();
    process.exit(0);
  });
} else {
  throw new Error('usage: serve.ts api|raw');
}
