/**
 * The caches of the read path (bench/read-path):
 * - TtlLru: a bounded map (least recently used first out) whose every entry has a deadline;
 * - BusInvalidatedCache: a TtlLru dropped by messages on the bus, the one mechanism behind
 *   SessionSigner's session rows (session-signer.ts) and the pet cache (pets/pet-cache.ts).
 *
 * SessionSigner keeps what a session token's signature proved (a TtlLru) and what its session
 * row said (a BusInvalidatedCache), for a few seconds, so the authenticated read path neither
 * verifies an HMAC nor asks Postgres on every request. Neither ever outlives what it caches: a
 * token entry is refused once its JWT `exp` passes, a session entry once its row's `expires_at`
 * passes, whatever their deadline (SessionSigner checks that on every hit). Only successes are
 * kept: a refused token or a revoked, missing or expired row is looked at afresh every time.
 *
 * This file is in auth/ for its history; the pets feature imports it too. (A folder of its own
 * under src/ would be taken for a feature by test/conventions.test.ts.)
 */
import type { Bus } from '@tamagitto/db';

interface Entry<V> {
  value: V;
  /** Wall-clock ms after which the entry is gone. */
  until: number;
}

/** A Map in least-recently-used order (a hit moves to the end), at most `max` entries, each with a deadline. */
export class TtlLru<K, V> {
  readonly #map = new Map<K, Entry<V>>();
  constructor(
    readonly max: number,
    readonly ttlMs: number,
  ) {}

  get size(): number {
    return this.#map.size;
  }

  get(key: K, now: number): V | undefined {
    const e = this.#map.get(key);
    if (e === undefined) return undefined;
    if (e.until <= now) {
      this.#map.delete(key);
      return undefined;
    }
    // Most recently used last: the first key is the one to evict.
    this.#map.delete(key);
    this.#map.set(key, e);
    return e.value;
  }

  /** Keeps `value` until `now + ttlMs` (the caller checks what it holds against its own expiry on every hit). */
  set(key: K, value: V, now: number): void {
    this.#map.delete(key);
    this.#map.set(key, { value, until: now + this.ttlMs });
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value as K);
  }

  delete(key: K): void {
    this.#map.delete(key);
  }

  /** Drops every entry whose value matches (rare: an account deleted). */
  deleteWhere(match: (value: V) => boolean): void {
    for (const [k, e] of this.#map) if (match(e.value)) this.#map.delete(k);
  }

  clear(): void {
    this.#map.clear();
  }
}

/** What a channel's drop function may do with the cache: each call counts as a change heard (`generation`). */
export interface CacheDrops<K, V> {
  /** Drops the entry under `key`. */
  drop(key: K): void;
  /** Drops every entry whose value matches. */
  dropWhere(match: (value: V) => boolean): void;
}

export interface BusInvalidatedCacheOptions<K, V> {
  /** Entries at the most (least recently used first out). */
  max: number;
  /** How long an entry is kept: the bound on what a lost bus message could leave. */
  ttlMs: number;
  /**
   * The channels whose messages change what is cached, each with its drop function: it reads the
   * message (anything: it came over the bus) and drops what it names, or nothing.
   */
  channels: Record<string, (message: unknown, cache: CacheDrops<K, V>) => void>;
}

/**
 * A TtlLru whose entries are dropped the moment a change is heard on the bus, on every instance
 * subscribed. A value is never cached when it could predate a change that was not dropped:
 * - nothing is cached until every subscription is confirmed (`ready`), nor without a bus, nor
 *   after one subscription failed, nor after `close()`: a change would go unheard;
 * - `generation` counts the changes heard (every drop, from the bus or from this process) and the
 *   confirmation of the subscriptions: the caller reads it before reading what it caches and
 *   hands it to `set`, which keeps nothing when it moved (the read may predate the change, or
 *   the subscriptions);
 * - the instance that makes a change drops its entries itself (`drop`, `dropWhere`) before it
 *   answers, without waiting for its own message.
 */
export class BusInvalidatedCache<K, V> implements CacheDrops<K, V> {
  readonly #entries: TtlLru<K, V>;
  /** Whether changes reach this process (every subscription confirmed, not closed): only then is anything cached. */
  #listening = false;
  #closed = false;
  #generation = 0;
  readonly #unsubscribe: (() => Promise<void>)[] = [];
  /** Settles once the subscriptions are up (or one failed, or there is no bus): from then on values are cached (unless one failed). */
  readonly ready: Promise<void>;

  constructor(bus: Pick<Bus, 'subscribe'> | null | undefined, opts: BusInvalidatedCacheOptions<K, V>) {
    this.#entries = new TtlLru(opts.max, opts.ttlMs);
    this.ready = bus ? this.#listen(bus, opts.channels) : Promise.resolve();
  }

  #listen(bus: Pick<Bus, 'subscribe'>, channels: BusInvalidatedCacheOptions<K, V>['channels']): Promise<void> {
    const subscribed = Object.entries(channels).map(([channel, drop]) => bus.subscribe(channel, (m) => drop(m, this)));
    return Promise.allSettled(subscribed).then((results) => {
      // Those confirmed are undone by close(), even when another failed.
      for (const r of results) if (r.status === 'fulfilled') this.#unsubscribe.push(r.value);
      // Without every subscription nothing is cached: every read asks its source.
      if (this.#closed || results.some((r) => r.status === 'rejected')) return;
      this.#listening = true;
      this.#generation++;
    });
  }

  /** Changes heard so far: read it before reading a value from its source, hand it to `set` after. */
  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K, nowMs: number): V | undefined {
    return this.#entries.get(key, nowMs);
  }

  /** Keeps `value` when the subscriptions are up and no change was heard since `generation` was read; says whether it did. */
  set(key: K, value: V, generation: number, nowMs: number): boolean {
    if (!this.#listening || generation !== this.#generation) return false;
    this.#entries.set(key, value, nowMs);
    return true;
  }

  /** Removes an entry its caller found stale by its own rule (an expiry it carries): not a change. */
  evict(key: K): void {
    this.#entries.delete(key);
  }

  drop(key: K): void {
    this.#generation++;
    this.#entries.delete(key);
  }

  dropWhere(match: (value: V) => boolean): void {
    this.#generation++;
    this.#entries.deleteWhere(match);
  }

  /** Stops caching, empties the cache, and unsubscribes (once the subscriptions settled). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#listening = false;
    await this.ready;
    this.#entries.clear();
    await Promise.all(this.#unsubscribe.splice(0).map((u) => u().catch(() => undefined)));
  }
}
