import { describe, expect, it, vi } from 'vitest';
import type { PetDto, ServerMessage } from '@tamagitto/domain';
import type { ApiTarget } from '../shared/api-client.ts';
import type { RequestMap } from '../shared/messages.ts';
import type { PetUpdate } from './pet-sync.ts';
import { isTrustedSender, onlyFromTrustedSenders, requestHandlers, serverMessageHandler, type ServerMessageDeps } from './router.ts';

const target: ApiTarget = { origin: 'http://api.test', token: 'jwt' };
const cat = { id: 'p-cat', name: 'Mittens', health: 12, state: 'dying', repo: { fullName: 'Octo/Cat' } } as PetDto;
const update = (over: Partial<PetUpdate> = {}): PetUpdate => ({
  type: 'pet.updated', petId: 'p-cat', health: 12, state: 'dying', stage: 'adult', delta: -9, reason: 'commit', sha: 'abc', at: '2026-01-01T10:00:00Z', ...over,
}) as PetUpdate;

/** Every collaborator records its call in one log, so order is checked too. */
function setup({ cached = true, alarming = false, signedIn = true } = {}) {
  const log: string[] = [];
  const rec = (name: string) => (...args: unknown[]) => {
    log.push(`${name}${args.length ? ` ${JSON.stringify(args)}` : ''}`);
    return Promise.resolve(undefined);
  };
  const deps: ServerMessageDeps = {
    pets: {
      currentTarget: async () => (signedIn ? target : null),
      applyPetUpdate: async () => {
        log.push('applyPetUpdate');
        return cached ? { pet: cat, alarming } : null;
      },
      refreshPets: rec('refreshPets'),
      refreshPetDetails: async (_t, id) => void log.push(`refreshPetDetails ${id}`),
      removePet: rec('removePet'),
    },
    repos: { forget: (name) => void log.push(`forget ${name}`), clear: () => void log.push('clearRepos') },
    broadcast: (type, payload, opts) => void log.push(`broadcast ${type} ${JSON.stringify(payload)}${opts ? ` ${JSON.stringify(opts)}` : ''}`),
    notifyDrop: async (pet) => void log.push(`notifyDrop ${pet.id}`),
    updateBadge: rec('updateBadge'),
    inbox: { receive: async (msg) => void log.push(`nudge ${msg.id}`) },
  };
  return { log, handle: serverMessageHandler(deps) };
}

describe('serverMessageHandler', () => {
  it('pet.updated for a cached pet: forgets its repo, tells pages, badge, then its details', async () => {
    const { log, handle } = setup();
    await handle(update());
    expect(log).toEqual([
      'applyPetUpdate',
      'forget Octo/Cat',
      `broadcast pet/updated ${JSON.stringify({ pet: cat, delta: -9 })}`,
      'updateBadge',
      'refreshPetDetails p-cat',
    ]);
  });

  it('an alarming drop notifies before the badge is repainted', async () => {
    const { log, handle } = setup({ alarming: true });
    await handle(update());
    expect(log.slice(2, 4)).toEqual([expect.stringMatching(/^broadcast pet\/updated/), 'notifyDrop p-cat']);
  });

  it('pet.updated for a pet not cached: a full refresh instead, no broadcast', async () => {
    const { log, handle } = setup({ cached: false });
    await handle(update());
    expect(log).toEqual(['applyPetUpdate', `refreshPets ${JSON.stringify([target])}`, 'updateBadge', 'refreshPetDetails p-cat']);
  });

  it('pet.updated while signed out: only the cache and the badge', async () => {
    const { log, handle } = setup({ cached: false, signedIn: false });
    await handle(update());
    expect(log).toEqual(['applyPetUpdate', 'updateBadge']);
  });

  it('pet.deleted: removed, every repo answer forgotten, pages told, badge', async () => {
    const { log, handle } = setup();
    await handle({ type: 'pet.deleted', petId: 'p-dog' });
    expect(log).toEqual([`removePet ${JSON.stringify(['p-dog'])}`, 'clearRepos', `broadcast pet/deleted ${JSON.stringify({ petId: 'p-dog' })}`, 'updateBadge']);
  });

  it('coach.nudge goes to the inbox; hello and pong do nothing', async () => {
    const { log, handle } = setup();
    await handle({ type: 'coach.nudge', id: 'n1', kind: 'long_block', message: 'Break', at: '2026-01-01T10:00:00Z' });
    await handle({ type: 'hello', userId: 'u1' });
    await handle({ type: 'pong' });
    await handle({ type: 'toString' } as unknown as ServerMessage);
    expect(log).toEqual(['nudge n1']);
  });

  it('check.updated is broadcast to pages and github.com tabs, and touches no cache', async () => {
    const { log, handle } = setup();
    await handle({ type: 'check.updated', checkId: 'c1', petId: 'p-cat', prNumber: 7, headSha: 'abc', status: 'done', verdict: 'warn' });
    expect(log).toEqual(['broadcast check/updated {"checkId":"c1","petId":"p-cat","prNumber":7,"status":"done","verdict":"warn"}']);
  });
});

describe('requestHandlers', () => {
  const sender = {} as chrome.runtime.MessageSender;

  function setupRequests() {
    const sync = { refreshAll: vi.fn(async () => ({ ok: false, error: 'Signed out' })), boot: vi.fn(async () => undefined) };
    const petByRepo = vi.fn(async () => ({ pet: cat }));
    const openPet = vi.fn(async () => undefined);
    const openOptions = vi.fn(async () => undefined);
    const checks = {
      forPr: vi.fn(async () => ({ petId: 'p-cat', check: null })),
      request: vi.fn(async () => ({ id: 'c-1', status: 'queued' as const })),
      open: vi.fn(async () => ({ ok: true as const })),
    };
    return { sync, petByRepo, openPet, openOptions, checks, handlers: requestHandlers({ sync, petByRepo, openPet, openOptions, checks }) };
  }

  it('answers exactly the request types of the message map', () => {
    const names: (keyof RequestMap)[] = ['pets/refresh', 'pet/by-repo', 'pet/open', 'check/for-pr', 'check/request', 'check/open', 'session/changed', 'options/open'];
    expect(Object.keys(setupRequests().handlers).sort()).toEqual([...names].sort());
  });

  it('routes each request to its concern and answers with its result', async () => {
    const r = setupRequests();
    expect(await r.handlers['pets/refresh']({}, sender)).toEqual({ ok: false, error: 'Signed out' });
    expect(await r.handlers['pet/by-repo']({ owner: 'octo', name: 'cat' }, sender)).toEqual({ pet: cat });
    expect(r.petByRepo).toHaveBeenCalledWith({ owner: 'octo', name: 'cat' });
    expect(await r.handlers['pet/open']({ petId: 'p-cat' }, sender)).toEqual({ ok: true });
    expect(r.openPet).toHaveBeenCalledWith('p-cat');
    expect(await r.handlers['session/changed']({}, sender)).toEqual({ ok: true });
    expect(r.sync.boot).toHaveBeenCalledTimes(1);
    expect(await r.handlers['options/open']({ signIn: true }, sender)).toEqual({ ok: true });
    expect(r.openOptions).toHaveBeenCalledWith(true);
    const pr = { owner: 'octo', name: 'cat', number: 7 };
    expect(await r.handlers['check/for-pr'](pr, sender)).toEqual({ petId: 'p-cat', check: null });
    expect(r.checks.forPr).toHaveBeenCalledWith(pr);
    expect(await r.handlers['check/request'](pr, sender)).toEqual({ id: 'c-1', status: 'queued' });
    expect(r.checks.request).toHaveBeenCalledWith(pr);
    expect(await r.handlers['check/open']({ petId: 'p-cat', checkId: 'c-1' }, sender)).toEqual({ ok: true });
    expect(r.checks.open).toHaveBeenCalledWith({ petId: 'p-cat', checkId: 'c-1' });
  });
});

describe('onlyFromTrustedSenders', () => {
  const ID = 'abcdefghijklmnopabcdefghijklmnop';
  const envelope = { kind: 'request', type: 'pet/by-repo', payload: { owner: 'octo', name: 'cat' } };

  it.each([
    ['our popup', { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` }, true],
    ['our options page in a tab', { id: ID, url: `chrome-extension://${ID}/src/options/index.html`, tab: { id: 3 } }, true],
    ['our content script on github.com', { id: ID, url: 'https://github.com/octo/cat', tab: { id: 4 } }, true],
    ['another extension', { id: 'ponmlkjihgfedcbaponmlkjihgfedcba', url: 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/x.html' }, false],
    ['no sender id', { url: 'https://github.com/octo/cat' }, false],
    ['our id from a page that is not GitHub', { id: ID, url: 'https://evil.example/github.com/', tab: { id: 5 } }, false],
    ['a look-alike host', { id: ID, url: 'https://github.com.evil.example/octo/cat', tab: { id: 6 } }, false],
    ['GitHub over plain http', { id: ID, url: 'http://github.com/octo/cat', tab: { id: 7 } }, false],
    ['another extension page naming our id in its path', { id: ID, url: `chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/chrome-extension://${ID}/` }, false],
    ['no url', { id: ID }, false],
  ])('%s: answered = %s', (_what, sender, answered) => {
    const inner = vi.fn((_msg: unknown, _sender: chrome.runtime.MessageSender, _reply: (r?: unknown) => void) => true);
    const listener = onlyFromTrustedSenders(inner, ID);
    const sendResponse = vi.fn();
    const r = listener(envelope, sender as chrome.runtime.MessageSender, sendResponse);
    expect(r).toBe(answered);
    expect(inner).toHaveBeenCalledTimes(answered ? 1 : 0);
    expect(isTrustedSender(sender as chrome.runtime.MessageSender, ID)).toBe(answered);
  });

  it('trusts nothing when the runtime id is unknown', () => {
    expect(isTrustedSender({ id: '', url: 'https://github.com/' }, '')).toBe(false);
  });
});
