import { MemoryBus } from './memory-bus.ts';
import { RedisBus } from './redis-bus.ts';
import type { Bus } from './types.ts';

/** `REDIS_URL` → Redis Streams + pub/sub; otherwise the in-process bus. */
export function createBus(opts: { redisUrl?: string | undefined; prefix?: string }): Bus {
  return opts.redisUrl ? new RedisBus({ url: opts.redisUrl, ...(opts.prefix ? { prefix: opts.prefix } : {}) }) : new MemoryBus();
}
