/**
 * `GET /api/events`: the live channel as Server-Sent Events, for scripts and tools that cannot
 * hold a WebSocket (routes.ts documents it). Each stream is a client of the process's relay
 * (relay.ts) that wants stored events: every event carries `id:` (its `live_events` row), its
 * kind as `event:`, and the same JSON `data:` the WebSocket sends (a ServerMessage, dto.ts).
 *
 * - It opens with `retry:` and a comment; a comment line (`: heartbeat`) follows every
 *   LIVE_SSE_HEARTBEAT_MS, from one timer for all of the process's streams.
 * - `Last-Event-ID` replays the user's stored events after that id first (pages paced by the
 *   client's reading), while live events wait; then the live ones not already replayed. A resume
 *   from before the oldest stored event gets a `resync` event first: refetch, history is gone.
 * - The per-client queue is bounded: the bytes waiting for a client that stopped reading never
 *   pass LIVE_MAX_BUFFERED_BYTES — past it the stream is cut (its memory freed) and counted in
 *   `tamagitto_live_slow_clients_dropped_total{channel="sse"}`; the client resumes from its last id.
 *   The body is a pull stream: @hono/node-server reads it only while the socket drains.
 * - A session's stream ends when it signs out; an API key's at the next check after the key is
 *   revoked (once a minute); both when the account is deleted.
 */
import type { AppDeps } from '../deps.ts';
import { liveRelay, type LiveClient, type LiveEvent, type LiveKind, type LiveRelay } from './relay.ts';
import { liveApiKeyIds, liveEventsAfter, oldestLiveEventId } from './store.ts';

/** What an API key (`pets:read`) streams; a session also gets the coach's nudges. */
export const KEY_KINDS: ReadonlySet<LiveKind> = new Set(['pet.updated', 'pet.deleted', 'check.updated']);
export const SESSION_KINDS: ReadonlySet<LiveKind> = new Set([...KEY_KINDS, 'coach.nudge']);
/** The reconnection delay the stream asks EventSource clients for. */
export const RETRY_MS = 3_000;
const OPENING = Buffer.from(`retry: ${RETRY_MS}\n: stream open\n\n`);
const HEARTBEAT = Buffer.from(': heartbeat\n\n');
const RESYNC = Buffer.from('event: resync\ndata: {"type":"resync"}\n\n');
const REPLAY_PAGE = 200;
const KEY_CHECK_EVERY_MS = 60_000;

/** The SSE frame of a live event, made once per event and id for all of its streams. */
const frames = new WeakMap<LiveEvent, { id: string | null; bytes: Buffer }>();
function frameOf(event: LiveEvent, id: string | null): Buffer {
  const known = frames.get(event);
  if (known && known.id === id) return known.bytes;
  const bytes = frame(id, event.kind, event.json);
  frames.set(event, { id, bytes });
  return bytes;
}
function frame(id: string | null, kind: string, json: string): Buffer {
  return Buffer.from(`${id === null ? '' : `id: ${id}\n`}event: ${kind}\ndata: ${json}\n\n`);
}

export interface StreamOptions {
  userId: string;
  /** The session's id, or null for an API key's stream. */
  sessionId: string | null;
  /** The API key's id (its stream ends once it is revoked), or null. */
  keyId: string | null;
  /** The validated Last-Event-ID (digits), or null. */
  lastEventId: string | null;
  /** Destroys the connection (node's response, when served over a socket): how a slow client is cut off. */
  destroy?: () => void;
}

/** All of a process's streams: one heartbeat timer and one key check for them all. */
interface Streams {
  clients: Set<SseClient>;
  timer: NodeJS.Timeout | null;
  keysCheckedAt: number;
}
const streamsOf = new WeakMap<AppDeps, Streams>();

class SseClient implements LiveClient {
  readonly wantsIds = true;
  readonly stream: ReadableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #queue: Buffer[] = [];
  #queued = 0;
  /** The reader is waiting: the next chunk goes straight to it. */
  #wanted = false;
  #closed = false;
  #drainWaiters: (() => void)[] = [];
  /** While replaying: live events held back, and the ids replayed (not sent twice). */
  #held: { event: LiveEvent; id: string | null }[] | null = null;
  #heldBytes = 0;
  #replayed = new Set<string>();

  constructor(
    readonly userId: string,
    readonly sessionId: string | null,
    readonly keyId: string | null,
    private readonly kinds: ReadonlySet<LiveKind>,
    private readonly deps: AppDeps,
    private readonly relay: LiveRelay,
    private readonly streams: Streams,
    private readonly destroy: (() => void) | undefined,
  ) {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => this.#pull(),
        cancel: () => this.#end(),
      },
      { highWaterMark: 0 },
    );
  }

  #pull(): void {
    if (this.#queue.length === 0) {
      this.#wanted = true;
      return;
    }
    const chunk = this.#queue.length === 1 ? this.#queue[0]! : Buffer.concat(this.#queue, this.#queued);
    this.#queue = [];
    this.#queued = 0;
    this.#controller.enqueue(chunk);
    for (const w of this.#drainWaiters.splice(0)) w();
  }

  /** Queues bytes for the client; past the bound (a client that stopped reading) the stream is cut. */
  send(bytes: Buffer, paced = false): void {
    if (this.#closed) return;
    if (this.#wanted) {
      this.#wanted = false;
      this.#controller.enqueue(bytes);
      return;
    }
    if (!paced && this.#queued + this.#heldBytes + bytes.length > this.deps.env.LIVE_MAX_BUFFERED_BYTES) return this.#cutOff();
    this.#queue.push(bytes);
    this.#queued += bytes.length;
  }

  #cutOff(): void {
    this.deps.metrics.liveSlowClients.inc({ channel: 'sse' });
    this.deps.log.info({ userId: this.userId, buffered: this.#queued }, 'SSE client stopped reading: cut off');
    this.#queue = [];
    this.#queued = 0;
    this.#end();
    // The socket goes, and what the kernel still holds for it; in-process, the body errors.
    if (this.destroy) this.destroy();
    else this.#controller.error(new Error('the client stopped reading'));
  }

  /** Resolves once the queue is under half the bound (replay pages wait on it), or the stream ended. */
  #drained(): Promise<void> {
    if (this.#closed || this.#queued < this.deps.env.LIVE_MAX_BUFFERED_BYTES / 2) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  deliver(event: LiveEvent, id: string | null): void {
    if (this.#closed || !this.kinds.has(event.kind)) return;
    if (this.#held) {
      this.#held.push({ event, id });
      // Held events count toward the bound like queued ones.
      this.#heldBytes += frameOf(event, id).length;
      if (this.#queued + this.#heldBytes > this.deps.env.LIVE_MAX_BUFFERED_BYTES) return this.#cutOff();
      return;
    }
    if (id !== null && this.#replayed.size > 0 && this.#replayed.has(id)) return;
    this.send(frameOf(event, id));
  }

  heartbeat(): void {
    this.send(HEARTBEAT);
  }

  close(): void {
    if (this.#closed) return;
    // What is queued is still sent, then the body ends.
    if (this.#queue.length > 0) this.#controller.enqueue(this.#queue.length === 1 ? this.#queue[0]! : Buffer.concat(this.#queue, this.#queued));
    this.#queue = [];
    this.#queued = 0;
    this.#end();
    this.#controller.close();
  }

  #end(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#held = null;
    this.relay.remove(this);
    this.streams.clients.delete(this);
    this.deps.metrics.sseClients.dec();
    for (const w of this.#drainWaiters.splice(0)) w();
    if (this.streams.clients.size === 0 && this.streams.timer) {
      clearInterval(this.streams.timer);
      this.streams.timer = null;
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Registers with the relay (a failure here is the request's error); with `lastEventId`, the replay then
   * runs while the body streams — it waits on the client's reading, so it cannot run before the answer.
   */
  async start(lastEventId: string | null): Promise<void> {
    this.send(OPENING);
    if (lastEventId === null) return this.relay.add(this);
    this.#held = [];
    await this.relay.add(this);
    this.#replay(lastEventId).catch((err: Error) => {
      this.deps.log.warn({ err: { message: err.message } }, 'SSE replay failed: the stream ends, the client resumes');
      this.close();
    });
  }

  async #replay(lastEventId: string): Promise<void> {
    const oldest = await oldestLiveEventId(this.deps.db);
    if (oldest !== null && BigInt(lastEventId) < BigInt(oldest) - 1n) this.send(RESYNC, true);
    let after = lastEventId;
    for (;;) {
      const rows = await liveEventsAfter(this.deps.db, this.userId, after, REPLAY_PAGE);
      for (const row of rows) {
        if (this.#closed) return;
        this.#replayed.add(row.id);
        after = row.id;
        if (!this.kinds.has(row.kind as LiveKind)) continue;
        if (row.pet_id && row.kind !== 'pet.deleted' && this.relay.lostPets(this.userId).has(row.pet_id)) continue;
        await this.#drained();
        this.send(frame(row.id, row.kind, row.data), true);
      }
      if (rows.length < REPLAY_PAGE || this.#closed) break;
    }
    const held = this.#held ?? [];
    this.#held = null;
    this.#heldBytes = 0;
    for (const h of held) this.deliver(h.event, h.id);
    this.#replayed.clear();
  }
}

/** Opens a stream for a caller already authenticated (routes.ts); rejects when the relay or the history cannot be read. */
export async function openEventStream(deps: AppDeps, opts: StreamOptions): Promise<ReadableStream<Uint8Array>> {
  const relay = await liveRelay(deps);
  let streams = streamsOf.get(deps);
  if (!streams) streamsOf.set(deps, (streams = { clients: new Set(), timer: null, keysCheckedAt: Date.now() }));
  const client = new SseClient(opts.userId, opts.sessionId, opts.keyId, opts.keyId ? KEY_KINDS : SESSION_KINDS, deps, relay, streams, opts.destroy);
  streams.clients.add(client);
  deps.metrics.sseClients.inc();
  if (!streams.timer) {
    const s = streams;
    s.timer = setInterval(() => tick(deps, s), deps.env.LIVE_SSE_HEARTBEAT_MS);
    s.timer.unref();
  }
  try {
    await client.start(opts.lastEventId);
  } catch (err) {
    client.close();
    throw err;
  }
  return client.stream;
}

function tick(deps: AppDeps, streams: Streams): void {
  for (const c of streams.clients) c.heartbeat();
  if (Date.now() - streams.keysCheckedAt < KEY_CHECK_EVERY_MS) return;
  streams.keysCheckedAt = Date.now();
  const keyed = [...streams.clients].filter((c) => c.keyId !== null);
  if (keyed.length === 0) return;
  liveApiKeyIds(deps.db, [...new Set(keyed.map((c) => c.keyId!))])
    .then((live) => {
      for (const c of keyed) if (!live.has(c.keyId!)) c.close();
    })
    .catch((err: Error) => deps.log.warn({ err: { message: err.message } }, 'could not check the API keys of open streams'));
}
