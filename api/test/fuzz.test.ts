/**
 * The fuzz suite (issue 15): generated requests to every operation of the live
 * OpenAPI document — valid-ish ones from the schemas and hostile ones (wrong
 * types, huge and negative numbers, NUL, lone surrogates, RTL, emoji, very long
 * text, missing and extra fields, invalid and deeply nested JSON, wrong
 * Content-Types, bodies over 64 KB, bad and forged JWTs, bad ids and another
 * user's, and for the webhook bad signatures, headers and signed bodies of the
 * wrong shape) — on the embedded stack and on Postgres + Redis. For every one:
 *
 * - no status ≥ 500 (the stack checks responses against the document: an
 *   undocumented status or a body off its schema is a 500 `contract_violation`),
 * - every 4xx is JSON in the envelope `{ error: { code, message } }`,
 * - a refused request (≥ 400) changed no row of any table.
 *
 * FUZZ_RUNS (default 10,000) requests in all, split over the stacks that run;
 * FUZZ_SEED reproduces a run (the seed is printed first), FUZZ_PATH (printed on a
 * failure) replays fast-check's shrunk counterexample. See api/README.md, "Fuzzing".
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf, type OpenApiDocument, type Operation } from './fuzz/operations.ts';
import { materialize, requestArbitrary, type FuzzRequest } from './fuzz/requests.ts';
import { startWorld, type World } from './fuzz/world.ts';
import { stackTargets } from './support/index.ts';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const totalRuns = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 10_000;
const replayPath = process.env.FUZZ_PATH;
if (!Number.isInteger(seed) || !Number.isInteger(totalRuns) || totalRuns < 1) throw new Error('FUZZ_SEED and FUZZ_RUNS must be integers');

const targets = stackTargets();
const running = targets.filter((t) => !t.skip);
const runsPerTarget = Math.ceil(totalRuns / running.length);
console.log(`fuzz: FUZZ_SEED=${seed}, ${runsPerTarget} requests on each of ${running.map((t) => t.name).join(' and ')} (${runsPerTarget * running.length} in all)`);
for (const t of targets) if (t.skip) console.log(`fuzz: skipped on ${t.name}: ${t.skip}`);

interface Outcome {
  status: number;
  contentType: string;
  text: string;
}

/** A raw WebSocket upgrade: the answer's status, type and body; a 101 is closed at once. */
function upgrade(port: number, target: string, headers: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = () => {
      const [head = '', ...rest] = answer.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? -1);
      resolve({ status, contentType: /\r\ncontent-type: ([^\r]*)/i.exec(head)?.[1] ?? '', text: status === 101 ? '' : rest.join('\r\n\r\n') });
    };
    socket.on('data', (d) => {
      answer += String(d);
      if (answer.startsWith('HTTP/1.1 101')) socket.destroy();
    });
    socket.on('close', done);
    socket.on('error', reject);
    // No answer is a failure of its own (status -1), not a hang.
    socket.setTimeout(10_000, () => socket.destroy());
    const lines = Object.entries({ host: 'localhost', upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13', ...headers }).map(([k, v]) => `${k}: ${v}`);
    socket.write(`GET ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  });
}

/**
 * One request on a connection of its own (node:http, no agent), answered as a fetch Response. fetch keeps
 * connections alive, and a kept-alive connection the server closed just as the next request went out failed
 * that request with "other side closed" (a clean run met it on a 60-byte PUT /api/me/settings); sending it
 * again could not tell whether the first attempt was done — a sign-out twice reads as a refused request that
 * changed the tables. With a fresh connection per request there is no such race to guess about.
 */
function fetchOnce(url: string, init: { method: string; headers: Record<string, string>; body?: string | Uint8Array }): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method, headers: init.headers, agent: false }, (res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(res.headers)) for (const one of [v ?? []].flat()) headers.append(k, one);
      const status = res.statusCode ?? 0;
      const empty = status === 204 || status === 304 || init.method === 'HEAD';
      if (empty) res.resume();
      resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, headers }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

async function send(world: World, r: FuzzRequest): Promise<Outcome> {
  const m = materialize(r, world);
  if (r.transport === 'upgrade') return upgrade(world.stack.api.port, m.url, m.init.headers);
  // Node's HTTP parser refuses a request line and headers over 16 KB itself (431, and it closes the connection
  // while the client may still be sending: fuzz-regressions.test.ts checks that answer); such URLs go in-process.
  const socket = r.transport === 'socket' && m.url.length < 12_000;
  let res: Response;
  try {
    res = socket ? await fetchOnce(`${world.stack.url}${m.url}`, m.init) : await world.app.request(m.url, m.init);
  } catch (err) {
    // The webhook's fast path answers a request it refuses from its headers and closes the connection without
    // reading the body; a client still sending may see the reset before the answer. Only then is it expected.
    if (socket && r.op === 'POST /api/webhook/github' && refusedFromHeaders(m.init.headers)) return { status: 0, contentType: '', text: `connection closed: ${String(err)}` };
    throw err;
  }
  // GET /api/events streams until the client leaves (api/src/live/sse.ts): its opening chunk, then hang up.
  if (r.op === 'GET /api/events' && res.status === 200) {
    const reader = res.body!.getReader();
    const first = await reader.read();
    await reader.cancel();
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: new TextDecoder().decode(first.value) };
  }
  // The whole body, streams (the coach's SSE) included.
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
}

/** Mirrors webhookHeaders (api/src/ingest/handle-webhook.ts): no signature, no or a malformed delivery id, no event. */
function refusedFromHeaders(h: Record<string, string>): boolean {
  return !h['x-hub-signature-256'] || !/^[\w-]{1,100}$/.test(h['x-github-delivery'] ?? '') || !h['x-github-event'];
}

/** What is wrong with an answer (null: nothing): a 5xx, or a 4xx that is not the JSON error envelope. */
function problemWith(o: Outcome): string | null {
  if (o.status === -1) return `no answer: ${o.text.slice(0, 200)}`;
  if (o.status >= 500) return `answered ${o.status}: ${o.text.slice(0, 500)}`;
  if (o.status < 400) return null;
  if (!o.contentType.includes('application/json')) return `${o.status} is not JSON (${o.contentType || 'no Content-Type'}): ${o.text.slice(0, 200)}`;
  let body: unknown;
  try {
    body = JSON.parse(o.text);
  } catch {
    return `${o.status} body is not valid JSON: ${o.text.slice(0, 200)}`;
  }
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const keys = body !== null && typeof body === 'object' ? Object.keys(body) : [];
  if (keys.length !== 1 || typeof e?.code !== 'string' || typeof e.message !== 'string' || e.message.length === 0 || Object.keys(e).length !== 2) {
    return `${o.status} is not the envelope { error: { code, message } }: ${o.text.slice(0, 200)}`;
  }
  return null;
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((t) => before.get(t) !== after.get(t));
}

/** The server's error log lines (pino level ≥ 50) while a request ran: why it failed. */
function errorsLogged(lines: string[]): string {
  const errors = lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
  return errors.length ? errors.join('').slice(0, 2_000) : '(none)';
}

/** A request as it can be read in a failure message (long strings cut). */
function describeRequest(r: FuzzRequest): string {
  return JSON.stringify(r, (_k, v: unknown) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 120)}…(${v.length} chars)` : v));
}

for (const [index, target] of targets.entries()) {
  describe.skipIf(target.skip)(`fuzz on ${target.name}`, () => {
    let world: World;
    let ops: Operation[];
    beforeAll(async () => {
      world = await startWorld(target, { RATE_LIMITS: 'off' });
      const doc = (await (await world.app.request('/api/openapi.json')).json()) as OpenApiDocument;
      ops = operationsOf(doc);
    });
    afterAll(async () => world?.close());

    it(`${runsPerTarget} generated requests: no 5xx, every 4xx in the envelope, nothing changed by a refused one`, { timeout: 600_000 }, async () => {
      const targetSeed = seed + index;
      const hits = new Map<string, number>(ops.map((o) => [o.key, 0]));
      const statuses = new Map<number, number>();
      let refused = 0;
      let sent = 0;
      let baseline = await world.fingerprint();
      const started = performance.now();

      const property = fc.asyncProperty(requestArbitrary(ops), async (r) => {
        const logged = world.stack.logs.length;
        const outcome = await send(world, r);
        sent++;
        hits.set(r.op, (hits.get(r.op) ?? 0) + 1);
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        const after = await world.fingerprint();
        const before = baseline;
        baseline = after;
        const problem = problemWith(outcome);
        if (problem) throw new Error(`${r.op}: ${problem}\nrequest: ${describeRequest(r)}\nerrors logged: ${errorsLogged(world.stack.logs.slice(logged))}`);
        if (outcome.status >= 400 || outcome.status === 0) {
          refused++;
          const tables = changed(before, after);
          if (tables.length > 0) throw new Error(`${r.op}: refused with ${outcome.status} but changed ${tables.join(', ')}: ${outcome.text.slice(0, 200)}\nrequest: ${describeRequest(r)}`);
        }
        if (await world.afterResponse(r, outcome.status)) baseline = await world.fingerprint();
      });

      try {
        // No shrinking (endOnFailure): the world is stateful, and a shrunk replay runs in the state the failure left
        // behind — a CI run reported "POST /api/auth/logout refused with 401 but changed sessions, users", a replay
        // after bob's session was gone, instead of the request that failed first.
        await fc.assert(property, { seed: targetSeed, numRuns: runsPerTarget, ...(replayPath && { path: replayPath }), endOnFailure: true });
      } catch (err) {
        console.error(`fuzz on ${target.name} failed: reproduce with FUZZ_SEED=${seed} (this stack's fast-check seed is ${targetSeed}; FUZZ_PATH from the report below replays the shrunk case)`);
        throw err;
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `fuzz on ${target.name}: ${sent} requests in ${seconds.toFixed(1)} s, ${refused} refused (each checked to change nothing); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
      );
      const least = Math.min(10, Math.floor(runsPerTarget / ops.length / 4));
      const missed = [...hits].filter(([, n]) => n < least).map(([k, n]) => `${k} (${n})`);
      expect(missed, `every operation of the document gets at least ${least} requests`).toEqual([]);
      expect(sent).toBeGreaterThanOrEqual(replayPath ? 1 : runsPerTarget);
    });
  });
}
