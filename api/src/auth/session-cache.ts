/**
 * The verification caches of SessionSigner (session-signer.ts): what a session
 * token's signature proved, and what its session row said, kept for a few
 * seconds so the authenticated read path (bench/read-path) neither verifies an
 * HMAC nor asks Postgres on every request.
 *
 * Both are bounded (least recently used first out) and every entry has a
 * deadline. Neither ever outlives what it caches: a token entry is refused once
 * its JWT `exp` passes, a session entry once its row's `expires_at` passes,
 * whatever their deadline (SessionSigner checks that on every hit). Only successes are kept: a refused token or a
 * revoked, missing or expired row is looked at afresh every time.
 */

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
