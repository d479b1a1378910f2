/**
 * What the fuzz suite (fuzz.test.ts) found, each pinned by a focused test:
 *
 * - JSON nested ~12,000 deep (`[[[[…`, well under 64 KB) was a 500: the check for
 *   unstorable text walked it by recursion and ran out of call stack. It is now
 *   walked with a stack of its own, and nesting past MAX_JSON_DEPTH is a 400.
 * - A request line and headers over 16 KB got node's bare `431` with no body; a
 *   request that is not HTTP a bare `400`. Both are now the error envelope.
 * - `POST /api/badges/share {"week":"9999-W52"}` was a 500 (PostgreSQL refused the
 *   date `+010000-01-01`): daysOfIsoWeek now answers [] for a week that is not one
 *   (W00, W54, a W53 the year lacks, past year 9999), which the route refuses with 400.
 * - A WebSocket upgrade whose request target is not a URL (`GET //[`) threw in the
 *   async upgrade handler: an unhandled rejection, which ends the process (npm
 *   start exited 1 on one unauthenticated request). It is a 400 in the envelope.
 * - A correctly signed webhook whose repository id is not a safe integer, or with a
 *   NUL in its action or repository name, was a 500 (the bigint / text columns refused
 *   it): the id is dropped, the text refused with a 400.
 * - `POST /api/pets` for a repository already adopted answered 409 after rewriting
 *   the repository row: the repeat is now refused before anything is written.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysOfIsoWeek } from '@tamagitto/domain';
import { AppError } from '../src/http/errors.ts';
import { assertStorable, MAX_JSON_DEPTH, unstorableText } from '../src/http/validate.ts';
import { stackTargets, startStack, type Stack } from './support/index.ts';

const deep = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);

describe('the body check walks any depth without recursion', () => {
  it('a 200,000-deep array is refused as too deep, not a stack overflow', () => {
    const value: unknown = JSON.parse(deep(200_000));
    let thrown: unknown;
    try {
      assertStorable(value);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).status).toBe(400);
    expect((thrown as AppError).message).toMatch(new RegExp(`nested deeper than ${MAX_JSON_DEPTH} levels$`));
  });

  it('nesting up to the limit passes, and unstorable text is still found at the bottom of it', () => {
    let ok: unknown = 'fine';
    let bad: unknown = 'a\u0000';
    for (let i = 0; i < MAX_JSON_DEPTH; i++) {
      ok = { a: ok };
      bad = [bad];
    }
    expect(() => assertStorable(ok)).not.toThrow();
    expect(unstorableText(bad)).toBe(Array(MAX_JSON_DEPTH).fill('0').join('.'));
  });
});

describe('daysOfIsoWeek: only weeks that exist', () => {
  it.each(['2026-W00', '2026-W54', '2025-W53', '9999-W52', '0000-W01', '2026-W4'])('%s is not one', (week) => {
    expect(daysOfIsoWeek(week)).toEqual([]);
  });
  it.each([
    ['2026-W48', '2026-11-23', '2026-11-29'],
    ['2026-W53', '2026-12-28', '2027-01-03'],
    ['9999-W51', '9999-12-20', '9999-12-26'],
  ])('%s is %s…%s', (week, first, last) => {
    const days = daysOfIsoWeek(week);
    expect([days.length, days[0], days[6]]).toEqual([7, first, last]);
  });
});

describe('refused at the door, in the envelope', () => {
  let s: Stack;
  let session: string;
  beforeAll(async () => {
    s = await startStack(stackTargets()[0]!, { worker: false });
    s.github.addUser({ login: 'fuzzed', id: 583_990, token: 'ghp_fuzzRegressionToken000000000000000001' });
    session = (await s.signIn('ghp_fuzzRegressionToken000000000000000001')).token;
  });
  afterAll(async () => s?.close());

  it('a JSON body nested 12,000 deep is a 400 naming the problem (it was a 500)', async () => {
    const res = await s.req('/api/auth/pat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep(12_000) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'validation_failed', message: `body: nested deeper than ${MAX_JSON_DEPTH} levels` } });
  });

  it.each(['9999-W52', '2026-W00', '2026-W54'])('sharing the badges of week %s is a 400 (9999-W52 was a 500)', async (week) => {
    const res = await s.req('/api/badges/share', { method: 'POST', token: session, json: { week } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'validation_failed', message: 'week: not an ISO week' } });
  });

  it.each([
    ['a repository id that is not a safe integer', { repository: { id: 1e308, full_name: 'o/r' }, after: 'a'.repeat(40), commits: [] }],
    ['a NUL in the action', { action: 'open\u0000ed', repository: { id: 5, full_name: 'o/r' } }],
    ['a NUL in the repository name', { repository: { id: 5, full_name: 'o/\u0000r' }, after: 'b'.repeat(40), commits: [] }],
  ])('a correctly signed webhook with %s is stored or refused, never a 500', async (_what, payload) => {
    const event = 'action' in payload ? 'pull_request' : 'push';
    const res = await s.deliver(event, payload);
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('adopting a repository again is a 409 that writes nothing (it rewrote the repository row first)', async () => {
    s.github.addRepo('fuzzed', 'twice', { id: 583_991, language: 'Go' });
    await s.adopt(session, 'fuzzed/twice');
    const before = await s.db.db.selectFrom('repositories').selectAll().where('github_id', '=', 583_991).executeTakeFirstOrThrow();
    s.github.addRepo('fuzzed', 'twice', { id: 583_991, language: 'Rust' });
    const res = await s.req('/api/pets', { method: 'POST', token: session, json: { repo: 'fuzzed/twice' } });
    expect(res.status).toBe(409);
    const after = await s.db.db.selectFrom('repositories').selectAll().where('github_id', '=', 583_991).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  /** Raw bytes to the server, its raw answer. */
  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(s.api.port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d) => (answer += String(d)));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.write(request);
      // No answer at all (a handler that threw and left the socket open): give up rather than wait for the test timeout.
      setTimeout(() => {
        socket.destroy();
        resolve(answer);
      }, 5_000).unref();
    });
  const parse = (answer: string) => {
    const [head, body] = answer.split('\r\n\r\n');
    return { status: Number(head!.split(' ')[1]), contentType: /content-type: ([^\r]+)/i.exec(head!)?.[1], body: JSON.parse(body!) as unknown };
  };

  it('headers over 16 KB are a 431 in the envelope (it was a bare status line)', async () => {
    const answer = parse(await raw(`GET /api/health/live?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({ error: { code: 'bad_request', message: 'the request line and headers are over 16 KB' } });
  });

  const upgrade = (target: string) =>
    `GET ${target} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;

  it.each(['//[', 'http://[', '//%'])('a WebSocket upgrade to %s is a 400 in the envelope, and the server lives on (it was an unhandled rejection)', async (target) => {
    const answer = parse(await raw(upgrade(target)));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { code: 'bad_request', message: 'not a valid request target' } });
    expect((await fetch(`${s.url}/api/health/live`)).status).toBe(200);
  });

  it('the same target without an upgrade is a 404 in the envelope', async () => {
    const answer = parse(await raw('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    expect(answer.status).toBe(404);
    expect((answer.body as { error: { code: string } }).error.code).toBe('not_found');
  });

  it("a DELETE whose body comes without Content-Length after `Connection: close` gets the DELETE's own answer, not a 400 for the stray bytes after it (the pet was released under a 400)", async () => {
    s.github.addRepo('fuzzed', 'stray', { id: 583_992, language: 'Go' });
    const pet = await s.adopt(session, 'fuzzed/stray');
    // node:http's client sends a DELETE's body this way (no Content-Length, no chunking): to HTTP/1.1 the request
    // ends at its headers, and the two bytes after it are the parser's error while the DELETE is being answered.
    const answer = await raw(`DELETE /api/pets/${pet.id} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${session}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[]`);
    expect(answer.split(' ')[1]).toBe('204');
    expect(answer).not.toContain('not valid HTTP');
    expect(await s.db.db.selectFrom('entities').select('id').where('id', '=', pet.id).executeTakeFirst()).toBeUndefined();
    expect((await fetch(`${s.url}/api/health/live`)).status).toBe(200);
  });

  it('a request that is not HTTP is a 400 in the envelope', async () => {
    const answer = parse(await raw('HELLO\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { code: 'bad_request', message: 'the request is not valid HTTP' } });
  });
});
