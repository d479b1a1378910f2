import { describe, expect, it, vi } from 'vitest';
import type { PetDto } from '@tamagitto/domain';
import type { CheckDto } from '../shared/messages.ts';
import { newestForPr } from '../shared/check-report.ts';
import { checkRequests, prUrl } from './checks.ts';

const check = (id: string, number: number, status: CheckDto['status'] = 'done'): CheckDto => ({
  id, status, progress: 100, pr: { owner: 'octo', name: 'cat', number, url: prUrl({ owner: 'octo', name: 'cat', number }) },
  headSha: `h-${id}`, baseSha: 'b', verdict: 'pass', report: null, error: null, githubStatus: { posted: true, error: null },
  createdAt: '2026-12-06T10:00:00Z', updatedAt: '2026-12-06T10:00:00Z',
});

describe('newestForPr', () => {
  it('takes the first (newest) check of that PR, preferring one not superseded', () => {
    const items = [check('a', 3), check('b', 7, 'superseded'), check('c', 7), check('d', 7)];
    expect(newestForPr(items, 7)?.id).toBe('c');
    expect(newestForPr([check('b', 7, 'superseded')], 7)?.id).toBe('b');
    expect(newestForPr(items, 9)).toBeNull();
  });
});

describe('checkRequests', () => {
  const cat = { id: 'p-cat' } as PetDto;

  function setup(pet: PetDto | null, answer: unknown, status = 200) {
    const calls: { method: string; url: string; auth: string | null; body: string }[] = [];
    const fetchFn = vi.fn(async (req: Request) => {
      calls.push({ method: req.method, url: req.url, auth: req.headers.get('authorization'), body: await req.text() });
      return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const log: string[] = [];
    const r = checkRequests({
      petByRepo: async () => ({ pet }),
      currentTarget: async () => ({ origin: 'http://api.test', token: 'jwt' }),
      openPet: async (id) => void log.push(`open ${id}`),
      setIntent: async (id) => void log.push(`intent ${id}`),
      fetchFn,
    });
    return { r, calls, log };
  }

  it('forPr asks the pet’s checks with the session and picks that PR', async () => {
    const { r, calls } = setup(cat, { items: [check('a', 3), check('b', 7)], nextBefore: null });
    expect(await r.forPr({ owner: 'octo', name: 'cat', number: 7 })).toEqual({ petId: 'p-cat', check: check('b', 7) });
    expect(calls).toEqual([{ method: 'GET', url: 'http://api.test/api/pets/p-cat/checks?limit=100', auth: 'Bearer jwt', body: '' }]);
  });

  it('forPr without a pet in the repository asks nothing', async () => {
    const { r, calls } = setup(null, {});
    expect(await r.forPr({ owner: 'octo', name: 'cat', number: 7 })).toEqual({ petId: null, check: null });
    expect(calls).toEqual([]);
  });

  it('request posts the PR’s URL; an API refusal rejects with its message', async () => {
    const { r, calls } = setup(cat, { id: 'c9', status: 'queued' }, 202);
    expect(await r.request({ owner: 'octo', name: 'cat', number: 7 })).toEqual({ id: 'c9', status: 'queued' });
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'http://api.test/api/checks', body: JSON.stringify({ pr: 'https://github.com/octo/cat/pull/7' }) });
    const refused = setup(cat, { error: { code: 'access_lost', message: 'You can no longer read octo/cat.' } }, 403);
    await expect(refused.r.request({ owner: 'octo', name: 'cat', number: 7 })).rejects.toThrow('You can no longer read octo/cat.');
  });

  it('open leaves the check for the popup before opening it', async () => {
    const { r, log } = setup(cat, {});
    expect(await r.open({ petId: 'p-cat', checkId: 'c9' })).toEqual({ ok: true });
    expect(log).toEqual(['intent c9', 'open p-cat']);
  });
});
