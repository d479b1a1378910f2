/**
 * The one WebSocket to the API (issue 4): single-use ticket → socket, a ping
 * every 20 s (an active socket also keeps the MV3 worker alive, Chrome 116+),
 * reconnect with capped exponential backoff + jitter. Everything it touches
 * (ticket fetch, WebSocket, timers) is injected so unit tests drive it
 * without a network.
 */
import type { ServerMessage } from '@tamagitto/domain';
import { backoffDelay } from '../shared/backoff.ts';

export const PING_INTERVAL_MS = 20_000;

export type LiveConnectionStatus = 'connecting' | 'live' | 'down';

export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface LiveConnectionDeps {
  /** `POST /api/ws/ticket` → ticket; reject with `{ unauthorized: true }`-ish errors to stop. */
  getTicket: () => Promise<string>;
  socketUrl: (ticket: string) => string;
  createSocket: (url: string) => SocketLike;
  onMessage: (msg: ServerMessage) => void;
  onStatus: (status: LiveConnectionStatus) => void;
  /** Called when the ticket request proves the session is gone: do not retry. */
  isFatal?: (err: unknown) => boolean;
  onFatal?: (err: unknown) => void;
  random?: () => number;
  timers?: {
    setTimeout: (fn: () => void, ms: number) => unknown;
    clearTimeout: (id: unknown) => void;
    setInterval: (fn: () => void, ms: number) => unknown;
    clearInterval: (id: unknown) => void;
  };
}

const OPEN = 1;

export class LiveConnection {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: unknown = null;
  private pingTimer: unknown = null;
  private stopped = true;
  /** A ticket request is under way: a second connect (start, nudge, a retry) must not open a second socket. */
  private connecting = false;
  private status: LiveConnectionStatus = 'down';
  private readonly timers: NonNullable<LiveConnectionDeps['timers']>;

  constructor(private readonly deps: LiveConnectionDeps) {
    this.timers = deps.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
      setInterval: (fn, ms) => setInterval(fn, ms),
      clearInterval: (id) => clearInterval(id as ReturnType<typeof setInterval>),
    };
  }

  get current(): LiveConnectionStatus {
    return this.status;
  }

  /** Idempotent: a second start while connecting/live does nothing. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      s.onerror = null;
      s.close(1000, 'stopped');
    }
    this.setStatus('down');
  }

  /** Skip the remaining backoff (e.g. an alarm fired and the network is back). */
  nudge(): void {
    if (this.stopped || this.socket) return;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.connect();
  }

  private setStatus(status: LiveConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.deps.onStatus(status);
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    if (this.pingTimer !== null) this.timers.clearInterval(this.pingTimer);
    this.retryTimer = null;
    this.pingTimer = null;
  }

  private async connect(): Promise<void> {
    if (this.connecting) return;
    this.connecting = true;
    try {
      await this.open();
    } finally {
      this.connecting = false;
    }
  }

  private async open(): Promise<void> {
    this.setStatus('connecting');
    let ticket: string;
    try {
      ticket = await this.deps.getTicket();
    } catch (err) {
      if (this.stopped) return;
      if (this.deps.isFatal?.(err)) {
        this.stop();
        this.deps.onFatal?.(err);
        return;
      }
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) return;
    let socket: SocketLike;
    try {
      socket = this.deps.createSocket(this.deps.socketUrl(ticket));
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setStatus('live');
      this.pingTimer = this.timers.setInterval(() => {
        if (socket.readyState === OPEN) socket.send(JSON.stringify({ type: 'ping' }));
      }, PING_INTERVAL_MS);
    };
    socket.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let msg: unknown;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return; // a malformed frame must not kill the connection
      }
      if (typeof msg === 'object' && msg !== null && typeof (msg as { type?: unknown }).type === 'string') {
        this.deps.onMessage(msg as ServerMessage);
      }
    };
    socket.onerror = () => {
      /* onclose follows and handles the retry */
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.pingTimer !== null) this.timers.clearInterval(this.pingTimer);
      this.pingTimer = null;
      if (!this.stopped) this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.setStatus('down');
    const delay = backoffDelay(this.attempt++, { baseMs: 1000, capMs: 30_000, random: this.deps.random });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }
}
