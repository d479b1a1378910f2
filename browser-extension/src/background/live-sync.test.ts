import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionDto } from '@tamagitto/domain';
import { ApiRequestError, type ApiTarget } from '../shared/api-client.ts';
import type { LiveStatus } from '../shared/messages.ts';
import { DEFAULTS } from '../shared/storage.ts';
import type { SocketLike } from './live-connection.ts';
import { liveStatusOf, LiveSync, needsPolling, POLL_ALARM, POLL_MINUTES, socketUrl, type AlarmsLike, type LiveSyncDeps } from './live-sync.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('pure parts', () => {
  it('maps the connection status to the one the popup shows', () => {
    expect(liveStatusOf('live')).toBe('live');
    expect(liveStatusOf('connecting')).toBe('connecting');
    expect(liveStatusOf('down')).toBe('polling');
  });

  it('polls only while neither live nor signed out', () => {
    expect((['signed-out', 'connecting', 'live', 'polling'] as const).filter(needsPolling)).toEqual(['connecting', 'polling']);
  });

  it('builds the socket URL on the API origin, ticket encoded', () => {
    expect(socketUrl('http://localhost:8787', 'a+b/c')).toBe('ws://localhost:8787/api/ws?ticket=a%2Bb%2Fc');
    expect(socketUrl('https://api.example.com', 't')).toBe('wss://api.example.com/api/ws?ticket=t');
  });
});

/** chrome.alarms answers later: unserialised status changes would interleave. */
class FakeAlarms implements AlarmsLike {
  readonly set = new Map<string, number>();
  created = 0;
  async get(name: string) {
    await tick();
    return this.set.get(name);
  }
  async create(name: string, info: { periodInMinutes: number }) {
    await tick();
    this.created++;
    this.set.set(name, info.periodInMinutes);
  }
  async clear(name: string) {
    await tick();
    return this.set.delete(name);
  }
}

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send() {}
  close() {
    this.readyState = 3;
  }
}

const session = { token: 'jwt' } as SessionDto;
const target: ApiTarget = { origin: 'https://api.test', token: 'jwt' };

function setup(over: Partial<LiveSyncDeps> & { signedIn?: boolean } = {}) {
  const { signedIn = true, ...rest } = over;
  const alarms = new FakeAlarms();
  const saved: LiveStatus[] = [];
  const announced: LiveStatus[] = [];
  const sockets: FakeSocket[] = [];
  const deps: LiveSyncDeps = {
    readAccount: async () => ({ session: signedIn ? session : null, settings: { ...DEFAULTS.settings, apiOrigin: target.origin } }),
    currentTarget: async () => (signedIn ? target : null),
    refreshPets: vi.fn(async () => []),
    clearAccount: vi.fn(async () => undefined),
    saveStatus: async (s) => void saved.push(s),
    announceStatus: (s) => void announced.push(s),
    alarms,
    updateBadge: vi.fn(async () => undefined),
    forgetRepos: vi.fn(),
    onServerMessage: vi.fn(async () => undefined),
    fetchTicket: async () => 'ticket-1',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    ...rest,
  };
  const sync = new LiveSync(deps);
  syncs.push(sync);
  return { sync, deps, alarms, saved, announced, sockets };
}

const syncs: LiveSync[] = [];
afterEach(() => {
  for (const s of syncs.splice(0)) s.connection.stop();
});

describe('LiveSync status', () => {
  it('applies changes one at a time: "polling" then "live" leaves no alarm', async () => {
    const { sync, alarms, saved, announced } = setup();
    void sync.setStatus('polling');
    await sync.setStatus('live');
    expect(alarms.set.has(POLL_ALARM)).toBe(false);
    expect(saved).toEqual(['polling', 'live']);
    expect(announced).toEqual(['polling', 'live']);
  });

  it('sets the poll alarm once (every 30 s) however often it is asked', async () => {
    const { sync, alarms } = setup();
    void sync.setStatus('connecting');
    await sync.setStatus('polling');
    expect(alarms.set.get(POLL_ALARM)).toBe(POLL_MINUTES);
    expect(alarms.created).toBe(1);
  });

  it('a failed change does not stop the next one', async () => {
    let fail = true;
    const { sync, saved } = setup({
      saveStatus: async (s) => {
        if (fail) {
          fail = false;
          throw new Error('storage');
        }
        saved.push(s);
      },
    });
    await expect(sync.setStatus('polling')).rejects.toThrow('storage');
    await sync.setStatus('live');
    expect(saved).toEqual(['live']);
  });
});

describe('LiveSync boot and refresh', () => {
  it('signed out: forgets repos, shows "signed-out", clears the alarm, repaints the badge, opens no socket', async () => {
    const { sync, deps, alarms, saved, sockets } = setup({ signedIn: false });
    alarms.set.set(POLL_ALARM, POLL_MINUTES);
    await sync.boot();
    expect(deps.forgetRepos).toHaveBeenCalledTimes(1);
    expect(saved.at(-1)).toBe('signed-out');
    expect(alarms.set.has(POLL_ALARM)).toBe(false);
    expect(deps.updateBadge).toHaveBeenCalled();
    expect(sockets).toEqual([]);
  });

  it('signed in: connects to the ws origin of the API with a fresh ticket and refreshes the pets', async () => {
    const { sync, deps, sockets } = setup();
    await sync.boot();
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    expect(sockets[0]?.url).toBe('wss://api.test/api/ws?ticket=ticket-1');
    expect(deps.refreshPets).toHaveBeenCalledWith(target);
    expect(sync.connection.current).toBe('connecting');
  });

  it('refreshAll answers ok, or the error; a 401 signs out and forgets the account', async () => {
    const ok = setup();
    expect(await ok.sync.refreshAll()).toEqual({ ok: true, error: null });

    const boom = setup({ refreshPets: async () => Promise.reject(new ApiRequestError(500, 'internal', 'Boom')) });
    expect(await boom.sync.refreshAll()).toEqual({ ok: false, error: 'Boom' });
    expect(boom.deps.clearAccount).not.toHaveBeenCalled();

    const gone = setup({ refreshPets: async () => Promise.reject(new ApiRequestError(401, 'unauthorized', 'Session expired')) });
    expect(await gone.sync.refreshAll()).toEqual({ ok: false, error: 'Session expired' });
    expect(gone.deps.clearAccount).toHaveBeenCalledTimes(1);
    expect(gone.saved.at(-1)).toBe('signed-out');

    expect(await setup({ signedIn: false }).sync.refreshAll()).toEqual({ ok: false, error: 'Signed out' });
  });

  it('a refused ticket (401) signs out instead of retrying', async () => {
    const { sync, deps, saved, sockets } = setup({ fetchTicket: async () => Promise.reject(new ApiRequestError(401, 'unauthorized', 'no')) });
    await sync.boot();
    await vi.waitFor(() => expect(saved.at(-1)).toBe('signed-out'));
    expect(deps.clearAccount).toHaveBeenCalled();
    expect(sockets).toEqual([]);
    expect(sync.connection.current).toBe('down');
  });

  it('the poll alarm skips the backoff of a connection that is down, then refreshes', async () => {
    let tickets = 0;
    const { sync, deps, sockets } = setup({
      fetchTicket: async () => {
        if (tickets++ === 0) throw new ApiRequestError(0, 'network', 'offline');
        return 'ticket-2';
      },
      connection: { random: () => 1 }, // the first retry would wait a full second
    });
    await sync.boot();
    await vi.waitFor(() => expect(sync.connection.current).toBe('down'));
    expect(sockets).toEqual([]);
    await sync.onPollAlarm();
    await tick();
    expect(sockets.map((s) => s.url)).toEqual(['wss://api.test/api/ws?ticket=ticket-2']);
    expect(deps.refreshPets).toHaveBeenCalledTimes(2); // boot, then the alarm
  });
});
