/**
 * What the database cannot store and bodies nobody needs are refused at the
 * door, in one place for every route (route() and the app's body limit):
 * a NUL character or a lone surrogate anywhere in a body or a query is a 400
 * naming the field, a JSON body over 64 KB is a 413 — and a refused request
 * changes nothing.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstorableText } from '../src/http/validate.ts';
import { coachStack, type CoachStack } from './coach/support/index.ts';
import { stackTargets } from './support/index.ts';

describe('unstorableText', () => {
  it.each([
    ['plain text', { a: 'héllo 🐣' }, null],
    ['a NUL', { message: 'a\u0000b' }, 'message'],
    ['a lone high surrogate', { x: ['ok', '\ud800'] }, 'x.1'],
    ['a lone low surrogate', { deep: { label: 'x\udc00' } }, 'deep.label'],
    ['a whole surrogate pair', { emoji: '\ud83d\udc23' }, null],
    ['a NUL in a key', { ['k\u0000']: 1 }, '(a key)'],
    ['a bare string', 'a\u0000', 'body'],
  ])('%s', (_what, value, expected) => {
    expect(unstorableText(value)).toBe(expected);
  });
});

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`request limits on ${target.name}`, () => {
    let s: CoachStack;
    beforeAll(async () => {
      s = await coachStack(target);
    });
    afterAll(async () => s?.close());

    const conversationRows = () => s.db.db.selectFrom('conversations').select('id').where('user_id', '=', s.userId).execute();

    async function expectRefused(res: Response, status: number, code: string, field?: string) {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      if (field) expect(body.error.message).toMatch(new RegExp(`^${field}: `));
    }

    it('a NUL in the coach chat is a 400 naming the field, and nothing is stored', async () => {
      const before = (await conversationRows()).length;
      await expectRefused(await s.req('/api/conversation/chat', { method: 'POST', token: s.session, json: { message: 'a\u0000b' } }), 400, 'validation_failed', 'message');
      expect((await conversationRows()).length).toBe(before);
    });

    it('a work block labelled with a NUL or a lone surrogate is a 400, and no block starts', async () => {
      const started = await s.req('/api/sessions/start', { method: 'POST', token: s.session });
      const { id } = (await started.json()) as { id: string };
      for (const label of ['\u0000', 'fix \ud800 bug']) {
        await expectRefused(await s.req(`/api/sessions/${id}/blocks/start`, { method: 'POST', token: s.session, json: { label } }), 400, 'validation_failed', 'label');
      }
      const blocks = await s.db.db.selectFrom('work_blocks').select('id').where('user_id', '=', s.userId).execute();
      expect(blocks).toEqual([]);
    });

    it('a NUL in a query parameter is a 400', async () => {
      await expectRefused(await s.req('/api/analytics/velocity?from=2026-11-01%00', { token: s.session }), 400, 'validation_failed', 'from');
    });

    it('a JSON body over 64 KB is a 413 with the envelope, by Content-Length and when streamed', async () => {
      const big = JSON.stringify({ token: 'x'.repeat(70 * 1024) });
      await expectRefused(await fetch(`${s.api.url}/api/auth/pat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big }), 413, 'payload_too_large');
      const stream = new ReadableStream<Uint8Array>({
        start(ctl) {
          for (let i = 0; i < 80; i++) ctl.enqueue(new TextEncoder().encode('x'.repeat(1024)));
          ctl.close();
        },
      });
      const res = await fetch(`${s.api.url}/api/conversation/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.session}` },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      await expectRefused(res, 413, 'payload_too_large');
    });

    it.each([
      ['no signature', { 'x-github-event': 'push', 'x-github-delivery': 'd-1' }, 401, 'bad_signature'],
      ['no delivery id', { 'x-github-event': 'push', 'x-hub-signature-256': 'sha256=00' }, 400, 'bad_request'],
      ['no event', { 'x-github-delivery': 'd-2', 'x-hub-signature-256': 'sha256=00' }, 400, 'bad_request'],
    ])('a webhook with %s is refused from its headers, before its body is read', async (_what, headers, status, code) => {
      // The body never ends: only a refusal that does not wait for it can answer.
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${s.api.url}/api/webhook/github`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(20 * 1024 * 1024), ...headers } }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += String(d)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', (err) => (String(err).includes('ECONNRESET') || String(err).includes('EPIPE') ? undefined : reject(err)));
        req.write('{"zen":"');
        setTimeout(() => req.destroy(), 5_000).unref();
      });
      expect(answer.status).toBe(status);
      expect((JSON.parse(answer.body) as { error: { code: string } }).error.code).toBe(code);
    });

    it('a body under the limit still works', async () => {
      const res = await s.req('/api/conversation/chat', { method: 'POST', token: s.session, json: { message: 'what should I do next?' } });
      expect(res.status).toBe(200);
    });
  });
}
