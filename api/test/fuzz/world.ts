/**
 * The world the fuzz suite runs in: the real stack (startStack: PGlite + in-process bus, or
 * Postgres + Redis) with the fakes a route may call filled in, so that an upstream
 * never fails on its own and any 5xx is the api's: GitHub (users, repos, the work
 * queue's search, contents for the journal, gists, hooks), Anthropic (a user's key), OAuth,
 * PUBLIC_URL and a metrics token configured (a feature left unconfigured answers 501).
 * Two users: bob, whose session the fuzz uses, and alice, whose ids bob tries. The
 * forged tokens (expired, alg none, wrong key…) are made here.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, base64url } from 'jose';
import { sql } from 'kysely';
import { createApp } from '../../src/app.ts';
import { FakeAnthropic, installContents, installQueueFake } from '../coach/support/index.ts';
import { startStack, type Stack, type StackTarget } from '../support/index.ts';
import type { AuthKind, FuzzRequest, Resolver } from './requests.ts';

const BOB = { login: 'hubot', id: 583_901, token: 'ghp_fuzzBobToken0000000000000000000000001' };
const METRICS_TOKEN = 'fuzz-metrics-token-0000000000';
const ALICE = { login: 'octocat', id: 583_902, token: 'ghp_fuzzAliceToken00000000000000000000002' };

export interface World extends Resolver {
  stack: Stack;
  /** Hono in-process, with the response contract checked (as the stack's own server does). */
  app: ReturnType<typeof createApp>;
  anthropic: FakeAnthropic;
  /**
   * After a request as bob: when it signed bob out (logout, or anything that ended his session), sign in again
   * so the rest of the run is not all 401s. True when it did (the tables changed: a new session row).
   */
  afterResponse(r: FuzzRequest, status: number): Promise<boolean>;
  /** Per table, a value that changes with any row inserted, updated or deleted: equal before and after a request that wrote nothing. */
  fingerprint(): Promise<Map<string, string>>;
  close(): Promise<void>;
}

export async function startWorld(target: StackTarget, env: Record<string, string>): Promise<World> {
  const anthropic = await new FakeAnthropic().start();
  const stack = await startStack(target, {
    worker: false,
    env: {
      ANTHROPIC_BASE_URL: anthropic.url,
      GITHUB_CLIENT_ID: 'Iv1.fuzzclientid',
      GITHUB_CLIENT_SECRET: 'fuzz-client-secret-0000000000000000000000',
      LOG_LEVEL: 'warn',
      METRICS_TOKEN: METRICS_TOKEN,
      // Webhook registration on adoption and "register again" work (against the fake GitHub) instead of a 501.
      PUBLIC_URL: 'https://tamagitto.example',
      ...env,
    },
  });
  const gh = stack.github;
  gh.addUser({ ...BOB, name: 'Hubot' });
  gh.addUser({ ...ALICE, name: 'The Octocat' });
  const bobRepo = gh.addRepo(BOB.login, 'fuzz-repo', { id: 9_100_001, language: 'TypeScript' });
  gh.addRepo(BOB.login, 'spare-repo', { id: 9_100_002, language: 'Python' });
  const aliceRepo = gh.addRepo(ALICE.login, 'guarded', { id: 9_100_003, language: 'Go' });
  gh.addRepo(ALICE.login, 'private-one', { id: 9_100_004, language: 'Rust', private: true });
  installQueueFake(gh, BOB.login);
  installContents(gh);
  gh.on('POST', /^\/gists$/, (_req, res) => {
    const text = JSON.stringify({ url: `${gh.url}/gists/aa5a315d61ae9438b18d`, id: 'aa5a315d61ae9438b18d', html_url: 'https://gist.github.com/aa5a315d61ae9438b18d', public: false, files: {} });
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
    res.end(text);
  });

  const bob = await stack.signIn(BOB.token);
  const alice = await stack.signIn(ALICE.token);
  const bobPet = await stack.adopt(bob.token, `${BOB.login}/fuzz-repo`);
  const alicePet = await stack.adopt(alice.token, `${ALICE.login}/guarded`);
  const aliceSession = await startSession(stack, alice.token);
  const bobSession = await startSession(stack, bob.token);
  const db = stack.db.db;
  const analysis = async (fullName: string, sha: string) => {
    const repo = await db.selectFrom('repositories').select('id').where('full_name', '=', fullName.toLowerCase()).executeTakeFirstOrThrow();
    const row = await db
      .insertInto('commit_analyses')
      .values({ repository_id: repo.id, sha, message: 'fuzz: seeded', files_changed: 1, additions: 3, deletions: 1, metrics: JSON.stringify({}), findings: JSON.stringify([]), delta: 1, engine_version: 'fuzz' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const bobAnalysis = await analysis(`${BOB.login}/fuzz-repo`, 'b'.repeat(40));
  await analysis(`${BOB.login}/fuzz-repo`, 'c'.repeat(40));
  const aliceAnalysis = await analysis(`${ALICE.login}/guarded`, 'a'.repeat(40));
  const page = (await (await stack.req(`/api/pets/${bobPet.id}/analyses?limit=1`, { token: bob.token })).json()) as { nextCursor: string | null };
  const puzzle = ((await (await stack.req('/api/puzzle/today', { token: bob.token })).json()) as { puzzle: { id: string } }).puzzle;
  // Alice's dead pet: a row bob may try to revive.
  const deadPet = await db
    .insertInto('entities')
    .values({ user_id: alice.user.id, repository_id: (await db.selectFrom('entities').select('repository_id').where('id', '=', alicePet.id).executeTakeFirstOrThrow()).repository_id, name: 'Ghost', family: 'robot', species: 'ghost', health: 0, state: 'dead', stage: 'baby', died_at: new Date(Date.now() - 5 * 86_400_000) })
    .returning('id')
    .executeTakeFirst()
    .catch(() => null);
  const ticket = ((await (await stack.req('/api/ws/ticket', { method: 'POST', token: bob.token })).json()) as { ticket: string }).ticket;

  const refs: Record<string, string> = {
    'bob.pet': bobPet.id,
    'bob.pet.upper': bobPet.id.toUpperCase(),
    'alice.pet': alicePet.id,
    'alice.deadPet': deadPet?.id ?? randomUUID(),
    'bob.session': bobSession,
    'alice.session': aliceSession,
    'bob.analysis': bobAnalysis,
    'alice.analysis': aliceAnalysis,
    'bob.analysisCursor': page.nextCursor ?? 'no-cursor',
    'bob.login': BOB.login,
    'alice.login': ALICE.login,
    'bob.repoName': 'fuzz-repo',
    'alice.repoName': 'guarded',
    'bob.repo': `${BOB.login}/fuzz-repo`,
    'bob.spareRepo': `${BOB.login}/spare-repo`,
    'alice.repo': `${ALICE.login}/guarded`,
    'alice.privateRepo': `${ALICE.login}/private-one`,
    'bob.repoGithubId': String(bobRepo.id),
    'alice.repoGithubId': String(aliceRepo.id),
    'bob.githubToken': BOB.token,
    'puzzle.today': puzzle.id,
    'bob.ticket': ticket,
    'bob.sessionToken': bob.token,
  };

  const tokens = await forgedTokens(stack.secrets.jwtSecret, bob.user.id, bob.token, ticket);
  let resignIns = 0;
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely%' order by 1`.execute(db)
  ).rows
    .map((r) => r.name)
    // Written by the live relay after a bus event (api/src/live/relay.ts), whenever that arrives: not by the request at hand.
    .filter((name) => name !== 'live_events');
  if (tables.length < 10) throw new Error(`fuzz: expected the app's tables, found ${tables.join(', ')}`);
  // Every insert or update gives a row a new xmin (the writing transaction's id), and a delete changes the
  // count: the count and the sum of xmins change with any write, without reading (de-TOASTing) the rows' data.
  const fingerprintQuery = sql.raw(
    tables.map((t) => `select '${t}' as name, count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text as hash from "${t}"`).join(' union all '),
  );

  let last: { snapshot: string; tables: Map<string, string> } | null = null;
  return {
    stack,
    app: createApp(stack.api.deps, { checkResponses: true }),
    anthropic,
    webhookSecret: stack.secrets.webhookSecret,
    ref(name) {
      const v = refs[name];
      if (v === undefined) throw new Error(`fuzz: no reference ${name}`);
      return v;
    },
    authorization: (kind: AuthKind) => tokens[kind],
    async afterResponse(r, status) {
      if (r.auth !== 'bob' || !(status === 401 || (r.op === 'POST /api/auth/logout' && r.method === 'POST' && status < 300))) return false;
      // A 401 to bob's own session that was not a sign-out would be a finding of its own: say so when it repeats.
      if (++resignIns > 200) throw new Error(`fuzz: bob was signed out ${resignIns} times; last by ${r.op} → ${status}`);
      tokens.bob = `Bearer ${(await stack.signIn(BOB.token)).token}`;
      return true;
    },
    async fingerprint() {
      // Any insert, update or delete takes a transaction id: while the snapshot (next id, ids in flight) stays
      // the same, no row anywhere can have changed, and the last per-table values still hold (most refused
      // requests write nothing, so this saves a scan of every table per request). Another database on the
      // same server moving the counter only costs the full query.
      const snapshot = (await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(db)).rows[0]!.s;
      if (last && last.snapshot === snapshot) return last.tables;
      const { rows } = await fingerprintQuery.execute(db);
      const tables = new Map((rows as { name: string; hash: string }[]).map((r) => [r.name, r.hash]));
      last = { snapshot, tables };
      return tables;
    },
    async close() {
      await stack.close();
      await anthropic.close();
    },
  };
}

async function startSession(stack: Stack, token: string): Promise<string> {
  const r = await stack.req('/api/sessions/start', { method: 'POST', token });
  if (r.status !== 201 && r.status !== 200) throw new Error(`fuzz: session start ${r.status} ${await r.text()}`);
  const s = (await r.json()) as { id: string };
  const block = await stack.req(`/api/sessions/${s.id}/blocks/start`, { method: 'POST', token, json: { label: 'seed' } });
  if (block.status !== 201) throw new Error(`fuzz: block start ${block.status} ${await block.text()}`);
  return s.id;
}

/** Every Authorization header the fuzz sends, by kind: bob's real session, then broken and forged ones. */
async function forgedTokens(secret: string, bobId: string, bobToken: string, ticket: string): Promise<Record<AuthKind, string | null>> {
  const key = new TextEncoder().encode(secret);
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: bobId, iss: 'tamagitto', aud: 'tamagitto-api' };
  const hs256 = (c: Record<string, unknown>) => new SignJWT(c).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  const expired = await hs256(claims).setIssuedAt(now - 3 * 86_400).setExpirationTime(now - 2 * 86_400).sign(key);
  const wrongKey = await hs256(claims).setIssuedAt(now).setExpirationTime(now + 3_600).sign(randomBytes(32));
  const hs512 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).setIssuedAt(now).setExpirationTime(now + 3_600).sign(key);
  const wrongAud = await hs256({ ...claims, aud: 'tamagitto-ws' }).setIssuedAt(now).setExpirationTime(now + 3_600).sign(key);
  const wrongIss = await hs256({ ...claims, iss: 'someone-else' }).setIssuedAt(now).setExpirationTime(now + 3_600).sign(key);
  const noExp = await hs256(claims).setIssuedAt(now).sign(key);
  const unknownUser = await hs256({ ...claims, sub: randomUUID() }).setIssuedAt(now).setExpirationTime(now + 3_600).sign(key);
  const [h, , s] = bobToken.split('.');
  const tampered = `${h}.${base64url.encode(JSON.stringify({ ...claims, sub: randomUUID(), iat: now, exp: now + 3_600 }))}.${s}`;
  const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(JSON.stringify({ ...claims, iat: now, exp: now + 3_600 }))}.`;
  const bearer = (t: string) => `Bearer ${t}`;
  return {
    bob: bearer(bobToken),
    none: null,
    garbage: bearer('garbage.garbage.garbage'),
    'empty-bearer': 'Bearer ',
    basic: `Basic ${Buffer.from('hubot:password').toString('base64')}`,
    expired: bearer(expired),
    'alg-none': bearer(none),
    'wrong-key': bearer(wrongKey),
    hs512: bearer(hs512),
    'wrong-audience': bearer(wrongAud),
    'wrong-issuer': bearer(wrongIss),
    tampered: bearer(tampered),
    'no-exp': bearer(noExp),
    ticket: bearer(ticket),
    'unknown-user': bearer(unknownUser),
    'metrics-token': bearer(METRICS_TOKEN),
  };
}

