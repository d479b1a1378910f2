/**
 * BusInvalidatedCache (src/auth/session-cache.ts), the mechanism under the session row cache
 * (src/auth/session-signer.ts) and the pet cache (src/pets/pet-cache.ts): what it drops and when,
 * and when it keeps nothing — before its subscriptions are confirmed, when one failed, without a
 * bus, after close, and for a value read while a change arrived. The integration of each user is
 * in test/session-cache.test.ts and test/pet-read-cache.test.ts.
 */
import { MemoryBus, type Bus } from '@tamagitto/db';
import { describe, expect, it } from 'vitest';
import { BusInvalidatedCache, type BusInvalidatedCacheOptions } from '../src/auth/session-cache.ts';

interface Row {
  owner: string;
}

const str = (m: unknown, k: string): string | undefined => {
  const v = (m as Record<string, unknown> | null)?.[k];
  return typeof v === 'string' ? v : undefined;
};

/** Rows by id: `row.gone` drops one, `owner.gone` every row of an owner; `heard` lists the messages the drop functions saw. */
function options(heard: unknown[] = []): BusInvalidatedCacheOptions<string, Row> {
  return {
    max: 3,
    ttlMs: 1_000,
    channels: {
      'row.gone': (m, c) => {
        heard.push(m);
        const id = str(m, 'id');
        if (id !== undefined) c.drop(id);
      },
      'owner.gone': (m, c) => {
        heard.push(m);
        const owner = str(m, 'owner');
        if (owner !== undefined) c.dropWhere((r) => r.owner === owner);
      },
    },
  };
}

/** MemoryBus delivers on a microtask: let it. */
const delivered = () => new Promise((r) => setImmediate(r));

/** A bus whose subscriptions are confirmed (or refused) when the test says, counting the live ones. */
class HeldBus implements Pick<Bus, 'subscribe'> {
  readonly handlers = new Map<string, (m: unknown) => void>();
  readonly #pending: { confirm: () => void; refuse: () => void }[] = [];
  unsubscribed: string[] = [];

  subscribe(channel: string, handler: (m: unknown) => void): Promise<() => Promise<void>> {
    return new Promise((resolve, reject) => {
      this.#pending.push({
        confirm: () => {
          this.handlers.set(channel, handler);
          resolve(async () => {
            this.handlers.delete(channel);
            this.unsubscribed.push(channel);
          });
        },
        refuse: () => reject(new Error(`cannot subscribe to ${channel}`)),
      });
    });
  }

  /** Settles the next subscriptions not settled yet, in the order they were asked for: true confirms, false refuses. */
  settle(...outcomes: boolean[]): void {
    for (const ok of outcomes) {
      const next = this.#pending.shift()!;
      (ok ? next.confirm : next.refuse)();
    }
  }

  deliver(channel: string, m: unknown): void {
    this.handlers.get(channel)?.(m);
  }
}

describe('BusInvalidatedCache', () => {
  it('keeps a value read with the current generation, until its deadline, least recently used out first', async () => {
    const bus = new MemoryBus();
    const cache = new BusInvalidatedCache(bus, options());
    await cache.ready;
    const g = cache.generation;
    expect(cache.set('a', { owner: 'u1' }, g, 0)).toBe(true);
    expect(cache.get('a', 999)).toEqual({ owner: 'u1' });
    expect(cache.get('a', 1_000)).toBeUndefined();
    for (const k of ['a', 'b', 'c']) cache.set(k, { owner: 'u1' }, g, 0);
    cache.get('a', 0);
    cache.set('d', { owner: 'u1' }, g, 0);
    expect(['a', 'b', 'c', 'd'].filter((k) => cache.get(k, 0) !== undefined)).toEqual(['a', 'c', 'd']);
    await cache.close();
    await bus.close();
  });

  it('drops what each channel names when the bus delivers it, and only that', async () => {
    const bus = new MemoryBus();
    const heard: unknown[] = [];
    const cache = new BusInvalidatedCache(bus, options(heard));
    await cache.ready;
    const fill = () => {
      for (const [k, owner] of [['a', 'u1'], ['b', 'u1'], ['c', 'u2']] as const) cache.set(k, { owner }, cache.generation, 0);
    };
    const kept = () => ['a', 'b', 'c'].filter((k) => cache.get(k, 0) !== undefined);
    fill();
    await bus.publish('row.gone', { id: 'a' });
    await delivered();
    expect(kept()).toEqual(['b', 'c']);
    fill();
    await bus.publish('owner.gone', { owner: 'u1' });
    await delivered();
    expect(kept()).toEqual(['c']);
    // A message its drop function does not understand drops nothing; another channel is not heard.
    fill();
    await bus.publish('row.gone', { nothing: true });
    await bus.publish('row.changed', { id: 'a' });
    await delivered();
    expect(kept()).toEqual(['a', 'b', 'c']);
    expect(heard).toEqual([{ id: 'a' }, { owner: 'u1' }, { nothing: true }]);
    await cache.close();
    await bus.close();
  });

  it('keeps no value read while a change arrived, from the bus or from this process', async () => {
    const bus = new MemoryBus();
    const cache = new BusInvalidatedCache(bus, options());
    await cache.ready;
    // A change of another row, heard during the read: the read may predate whatever changed.
    let g = cache.generation;
    await bus.publish('row.gone', { id: 'other' });
    await delivered();
    expect(cache.set('a', { owner: 'u1' }, g, 0)).toBe(false);
    expect(cache.get('a', 0)).toBeUndefined();
    g = cache.generation;
    cache.drop('other');
    expect(cache.set('a', { owner: 'u1' }, g, 0)).toBe(false);
    g = cache.generation;
    cache.dropWhere(() => false);
    expect(cache.set('a', { owner: 'u1' }, g, 0)).toBe(false);
    expect(cache.get('a', 0)).toBeUndefined();
    // Evicting an entry its user found stale is not a change.
    g = cache.generation;
    cache.evict('other');
    expect(cache.set('a', { owner: 'u1' }, g, 0)).toBe(true);
    await cache.close();
    await bus.close();
  });

  it('keeps nothing before every subscription is confirmed, nor a value read before they were', async () => {
    const bus = new HeldBus();
    const cache = new BusInvalidatedCache(bus, options());
    const before = cache.generation;
    expect(cache.set('a', { owner: 'u1' }, before, 0)).toBe(false);
    bus.settle(true);
    await delivered();
    expect(cache.set('a', { owner: 'u1' }, cache.generation, 0)).toBe(false);
    bus.settle(true);
    await cache.ready;
    // Read before the subscriptions were up: a change then went unheard.
    expect(cache.set('a', { owner: 'u1' }, before, 0)).toBe(false);
    expect(cache.get('a', 0)).toBeUndefined();
    expect(cache.set('a', { owner: 'u1' }, cache.generation, 0)).toBe(true);
    bus.deliver('row.gone', { id: 'a' });
    expect(cache.get('a', 0)).toBeUndefined();
    await cache.close();
  });

  it('keeps nothing when a subscription failed, and close() still undoes the confirmed one', async () => {
    const bus = new HeldBus();
    const cache = new BusInvalidatedCache(bus, options());
    bus.settle(true, false);
    await cache.ready;
    expect(cache.set('a', { owner: 'u1' }, cache.generation, 0)).toBe(false);
    await cache.close();
    expect(bus.unsubscribed).toEqual(['row.gone']);
    expect(bus.handlers.size).toBe(0);
  });

  it('keeps nothing without a bus', async () => {
    const cache = new BusInvalidatedCache<string, Row>(null, options());
    await cache.ready;
    expect(cache.set('a', { owner: 'u1' }, cache.generation, 0)).toBe(false);
    expect(cache.get('a', 0)).toBeUndefined();
  });

  it('close() empties it, unsubscribes every channel, and keeps nothing after', async () => {
    const bus = new MemoryBus();
    const heard: unknown[] = [];
    const cache = new BusInvalidatedCache(bus, options(heard));
    await cache.ready;
    cache.set('a', { owner: 'u1' }, cache.generation, 0);
    expect(cache.size).toBe(1);
    await cache.close();
    expect(cache.size).toBe(0);
    expect(cache.set('a', { owner: 'u1' }, cache.generation, 0)).toBe(false);
    await bus.publish('row.gone', { id: 'a' });
    await bus.publish('owner.gone', { owner: 'u1' });
    await delivered();
    expect(heard).toEqual([]);
    await bus.close();
  });

  it('close() before the subscriptions are confirmed waits for them, then undoes them', async () => {
    const bus = new HeldBus();
    const cache = new BusInvalidatedCache(bus, options());
    const closed = cache.close();
    bus.settle(true, true);
    await closed;
    expect(bus.unsubscribed.sort()).toEqual(['owner.gone', 'row.gone']);
    expect(cache.set('a', { owner: 'u1' }, cache.generation, 0)).toBe(false);
  });
});
