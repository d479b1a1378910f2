import { describe, expect, it, vi } from 'vitest';
import type { PetDto } from '@tamagitto/domain';
import { ApiRequestError } from './api-client.ts';
import { broadcastEnvelope, createBroadcastListener, createRequestListener, request, RequestFailed, type Handlers, type RequestEnvelope } from './messages.ts';

const pet = { id: 'p1', name: 'Bit' } as PetDto;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'pets/refresh': async () => ({ ok: true, error: null }),
    'pet/by-repo': async ({ owner, name }) => ({ pet: owner === 'octo' && name === 'cat' ? pet : null }),
    'pet/open': async () => ({ ok: true }),
    'check/for-pr': async () => ({ petId: null, check: null }),
    'check/request': async () => ({ id: 'c1', status: 'queued' }),
    'check/open': async () => ({ ok: true }),
    'session/changed': async () => ({ ok: true }),
    'options/open': async () => ({ ok: true }),
    ...overrides,
  };
}

/** Wires `request` straight into the listener, as chrome.runtime would. */
function loopback(h: Handlers) {
  const listener = createRequestListener(h);
  return (msg: RequestEnvelope) =>
    new Promise<unknown>((resolve) => {
      const async = listener(msg, {}, resolve);
      if (!async) resolve(undefined);
    });
}

describe('typed message map', () => {
  it('routes a request to its handler and returns the typed answer', async () => {
    const send = loopback(handlers());
    await expect(request('pet/by-repo', { owner: 'octo', name: 'cat' }, send)).resolves.toEqual({ pet });
    await expect(request('pet/by-repo', { owner: 'x', name: 'y' }, send)).resolves.toEqual({ pet: null });
  });

  it('turns a handler failure into a rejected promise with its message', async () => {
    const send = loopback(handlers({ 'pet/open': async () => Promise.reject(new Error('boom')) }));
    await expect(request('pet/open', { petId: 'p1' }, send)).rejects.toThrow('boom');
  });

  it("keeps an API error's code and status across the worker boundary", async () => {
    const send = loopback(handlers({ 'check/for-pr': async () => Promise.reject(new ApiRequestError(429, 'rate_limited', 'GitHub rate limit or permission problem: try again later')) }));
    const err = await request('check/for-pr', { owner: 'o', name: 'n', number: 1 }, send).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestFailed);
    expect(err).toMatchObject({ code: 'rate_limited', status: 429, message: 'GitHub rate limit or permission problem: try again later' });
  });

  it('ignores unknown types and non-envelopes so other listeners can answer', () => {
    const listener = createRequestListener(handlers());
    const respond = vi.fn();
    expect(listener({ kind: 'request', type: 'nope', payload: {} }, {}, respond)).toBe(false);
    expect(listener({ kind: 'request', type: 'toString', payload: {} }, {}, respond)).toBe(false);
    expect(listener('pet/open', {}, respond)).toBe(false);
    expect(listener(null, {}, respond)).toBe(false);
    expect(respond).not.toHaveBeenCalled();
  });

  it('rejects when nobody answers', async () => {
    await expect(request('pets/refresh', {}, async () => undefined)).rejects.toThrow('No answer to pets/refresh');
  });

  it('dispatches broadcasts by type', () => {
    const updated = vi.fn();
    const listen = createBroadcastListener({ 'pet/updated': updated });
    listen(broadcastEnvelope('pet/updated', { pet, delta: 3 }));
    listen(broadcastEnvelope('pet/deleted', { petId: 'p1' }));
    listen({ kind: 'request', type: 'pet/updated', payload: {} });
    expect(updated).toHaveBeenCalledTimes(1);
    expect(updated).toHaveBeenCalledWith({ pet, delta: 3 });
  });
});
