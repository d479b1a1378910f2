import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '@tamagitto/domain';
import { LiveConnection, PING_INTERVAL_MS, type LiveConnectionDeps, type SocketLike } from './live-connection.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  closed = false;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(data: string) {
    this.onmessage?.({ data } as MessageEvent);
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
}

function setup(overrides: Partial<LiveConnectionDeps> = {}) {
  const sockets: FakeSocket[] = [];
  const messages: ServerMessage[] = [];
  const statuses: string[] = [];
  let n = 0;
  const deps: LiveConnectionDeps = {
    getTicket: vi.fn(async () => `t${++n}`),
    socketUrl: (t) => `ws://127.0.0.1/api/ws?ticket=${t}`,
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    onMessage: (m) => messages.push(m),
    onStatus: (s) => statuses.push(s),
    random: () => 1, // upper edge of the jitter: deterministic delays
    ...overrides,
  };
  return { conn: new LiveConnection(deps), deps, sockets, messages, statuses };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('LiveConnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens one socket when nudged while its ticket is still on the way (an alarm firing during boot)', async () => {
    let release: (t: string) => void = () => {};
    const { conn, deps, sockets } = setup({ getTicket: vi.fn(() => new Promise<string>((r) => (release = r))) });
    conn.start();
    conn.nudge();
    conn.nudge();
    release('t1');
    await flush();
    expect(deps.getTicket).toHaveBeenCalledTimes(1);
    expect(sockets).toHaveLength(1);
  });

  it('gets a fresh ticket, connects, relays messages and pings every 20 s', async () => {
    const { conn, sockets, messages, statuses } = setup();
    conn.start();
    await flush();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.url).toBe('ws://127.0.0.1/api/ws?ticket=t1');
    sockets[0]?.open();
    expect(statuses).toEqual(['connecting', 'live']);
    sockets[0]?.receive(JSON.stringify({ type: 'hello', userId: 'u' }));
    sockets[0]?.receive('not json');
    sockets[0]?.receive('42');
    expect(messages).toEqual([{ type: 'hello', userId: 'u' }]);
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS * 2);
    expect(sockets[0]?.sent).toEqual(['{"type":"ping"}', '{"type":"ping"}']);
  });

  it('reconnects with growing backoff, each time with a new ticket, and resets after success', async () => {
    const { conn, sockets, deps } = setup();
    conn.start();
    await flush();
    sockets[0]?.drop(); // never opened: attempt 0 → ≤1 s
    await vi.advanceTimersByTimeAsync(999);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    sockets[1]?.drop(); // attempt 1 → 2 s
    await vi.advanceTimersByTimeAsync(1999);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    expect(sockets[2]?.url).toContain('ticket=t3');
    sockets[2]?.open();
    sockets[2]?.drop(); // success reset the attempts: back to 1 s
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(4);
    expect(deps.getTicket).toHaveBeenCalledTimes(4);
  });

  it('caps the delay at 30 s', async () => {
    const { conn, deps } = setup({ getTicket: vi.fn(async () => Promise.reject(new Error('down'))) });
    conn.start();
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 8000 + 16_000 + 30_000);
    expect(deps.getTicket).toHaveBeenCalledTimes(7);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(deps.getTicket).toHaveBeenCalledTimes(7);
    await vi.advanceTimersByTimeAsync(1);
    expect(deps.getTicket).toHaveBeenCalledTimes(8);
  });

  it('stops for good on a fatal ticket error (signed out)', async () => {
    const onFatal = vi.fn();
    const { conn, deps } = setup({
      getTicket: vi.fn(async () => Promise.reject(new Error('401'))),
      isFatal: () => true,
      onFatal,
    });
    conn.start();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(deps.getTicket).toHaveBeenCalledTimes(1);
    expect(onFatal).toHaveBeenCalledTimes(1);
    expect(conn.current).toBe('down');
  });

  it('stop() closes the socket and cancels pings and retries; start() is idempotent', async () => {
    const { conn, sockets } = setup();
    conn.start();
    conn.start();
    await flush();
    expect(sockets).toHaveLength(1);
    sockets[0]?.open();
    conn.stop();
    expect(sockets[0]?.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.sent).toEqual([]);
  });

  it('nudge() skips the remaining backoff', async () => {
    const { conn, sockets } = setup();
    conn.start();
    await flush();
    sockets[0]?.drop();
    conn.nudge();
    await flush();
    expect(sockets).toHaveLength(2);
  });
});
