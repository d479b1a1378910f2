/**
 * Keeps the cache current: the live connection (live-connection.ts) while
 * the socket is up, a poll alarm plus full refreshes while it is down, and
 * the switch between signed in and signed out. The popup shows the resulting
 * status, read from chrome.storage. Storage, alarms, the socket and the API
 * calls are injected, so the status ordering and the boot / refresh /
 * sign-out paths are unit-tested without chrome.
 */
import type { ServerMessage } from '@tamagitto/domain';
import { ApiRequestError, apiClient, errorText, ok, type ApiTarget } from '../shared/api-client.ts';
import type { LiveStatus } from '../shared/messages.ts';
import type { StoreSchema } from '../shared/storage.ts';
import { LiveConnection, type LiveConnectionDeps, type LiveConnectionStatus, type SocketLike } from './live-connection.ts';

export const POLL_ALARM = 'tamagitto-poll';
/** chrome.alarms' floor is 30 s (Chrome 120+); polling any faster would only be clamped. */
export const POLL_MINUTES = 0.5;

/** The status the popup shows for the connection's own: a socket that is down means we poll. */
export function liveStatusOf(status: LiveConnectionStatus): LiveStatus {
  return status === 'live' ? 'live' : status === 'connecting' ? 'connecting' : 'polling';
}

/** The socket carries updates while live, and signed out there is nothing to fetch: only the other states poll. */
export function needsPolling(status: LiveStatus): boolean {
  return status !== 'live' && status !== 'signed-out';
}

/** The WebSocket URL on the API's origin (http → ws, https → wss) for a single-use ticket. */
export function socketUrl(apiOrigin: string, ticket: string): string {
  return `${apiOrigin.replace(/^http/, 'ws')}/api/ws?ticket=${encodeURIComponent(ticket)}`;
}

export async function fetchWsTicket(target: ApiTarget): Promise<string> {
  const { ticket } = await ok(apiClient(target).POST('/api/ws/ticket'));
  return ticket;
}

export interface AlarmsLike {
  get(name: string): Promise<unknown>;
  create(name: string, info: { periodInMinutes: number }): Promise<void>;
  clear(name: string): Promise<boolean>;
}

export interface LiveSyncDeps {
  readAccount: () => Promise<Pick<StoreSchema, 'session' | 'settings'>>;
  currentTarget: () => Promise<ApiTarget | null>;
  /** Full refresh of the cached pet list. */
  refreshPets: (target: ApiTarget) => Promise<unknown>;
  /** Sign-out: the stored account goes (storage.ts clearAccount). */
  clearAccount: () => Promise<void>;
  /** Writes the status where the popup reads it. */
  saveStatus: (status: LiveStatus) => Promise<void>;
  /** Tells open pages and tabs about it. */
  announceStatus: (status: LiveStatus) => void;
  alarms: AlarmsLike;
  updateBadge: () => Promise<void>;
  /** The overlay's by-repo answers belong to one account and one origin. */
  forgetRepos: () => void;
  onServerMessage: (msg: ServerMessage) => Promise<void>;
  fetchTicket?: (target: ApiTarget) => Promise<string>;
  createSocket?: (url: string) => SocketLike;
  /** For tests: timers and jitter of the connection's reconnect backoff. */
  connection?: Pick<LiveConnectionDeps, 'timers' | 'random'>;
}

export class LiveSync {
  readonly connection: LiveConnection;
  private statusChange: Promise<void> = Promise.resolve();
  /** The API origin the socket connects to; set whenever the connection (re)starts. */
  private apiOrigin = '';

  constructor(private readonly deps: LiveSyncDeps) {
    const { fetchTicket = fetchWsTicket, createSocket = (url) => new WebSocket(url) } = deps;
    this.connection = new LiveConnection({
      getTicket: async () => {
        const target = await deps.currentTarget();
        if (!target) throw new ApiRequestError(401, 'unauthorized', 'Signed out');
        return fetchTicket(target);
      },
      socketUrl: (ticket) => socketUrl(this.apiOrigin, ticket),
      createSocket,
      onMessage: (msg) => void deps.onServerMessage(msg).catch((err: unknown) => console.warn('[tamagitto] update failed', err)),
      onStatus: (status) => void this.setStatus(liveStatusOf(status)),
      isFatal: (err) => err instanceof ApiRequestError && err.unauthorized,
      onFatal: (err) => void this.signedOutBecause(err),
      ...deps.connection,
    });
  }

  /**
   * One status change at a time, in the order they happen: interleaved, a 'polling'
   * that read "no alarm yet" could create the alarm after a later 'live' cleared it.
   */
  setStatus(status: LiveStatus): Promise<void> {
    this.statusChange = this.statusChange.catch(() => {}).then(() => this.applyStatus(status));
    return this.statusChange;
  }

  private async applyStatus(status: LiveStatus): Promise<void> {
    const { alarms } = this.deps;
    // The socket carries updates while live; otherwise poll (issue 4: ≥ 30 s). The alarm
    // first, then the status: whoever reads 'polling' can count on the alarm being set.
    if (!needsPolling(status)) await alarms.clear(POLL_ALARM);
    else if (!(await alarms.get(POLL_ALARM))) await alarms.create(POLL_ALARM, { periodInMinutes: POLL_MINUTES });
    await this.deps.saveStatus(status);
    this.deps.announceStatus(status);
  }

  /** The session is gone (or the API refused it): stop, and forget the account on a 401. */
  async signedOutBecause(err: unknown): Promise<void> {
    this.connection.stop();
    if (err instanceof ApiRequestError && err.unauthorized) await this.deps.clearAccount();
    await this.setStatus('signed-out');
    await this.deps.updateBadge();
  }

  /** Refetches the pet list now (popup open, polling); a 401 signs out. */
  async refreshAll(): Promise<{ ok: boolean; error: string | null }> {
    const target = await this.deps.currentTarget();
    if (!target) return { ok: false, error: 'Signed out' };
    try {
      await this.deps.refreshPets(target);
      await this.deps.updateBadge();
      return { ok: true, error: null };
    } catch (err) {
      if (err instanceof ApiRequestError && err.unauthorized) await this.signedOutBecause(err);
      return { ok: false, error: errorText(err) };
    }
  }

  /** (Re)reads the session and origin and (re)connects; safe to call any time. */
  async boot(): Promise<void> {
    const { session, settings } = await this.deps.readAccount();
    this.connection.stop();
    this.deps.forgetRepos();
    if (!session) {
      await this.setStatus('signed-out');
      await this.deps.updateBadge();
      return;
    }
    this.apiOrigin = settings.apiOrigin;
    this.connection.start();
    await this.refreshAll();
  }

  /** The poll alarm fired. It may have restarted the worker: make sure we are trying to connect, then refresh. */
  async onPollAlarm(): Promise<void> {
    if (this.connection.current === 'down') {
      const { session, settings } = await this.deps.readAccount();
      if (session) {
        this.apiOrigin = settings.apiOrigin;
        this.connection.start();
        this.connection.nudge();
      }
    }
    await this.refreshAll();
  }
}
