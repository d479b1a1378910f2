/**
 * The Redis bus: jobs on a Stream read by a consumer group (XREADGROUP/XACK;
 * an entry left pending by a dead consumer is re-claimed with XAUTOCLAIM after
 * `claimIdleMs`), events over pub/sub. Blocking reads and the subscriber each
 * get their own `duplicate()` connection (ioredis runs one command at a time
 * per connection, and a subscribed connection can do nothing else), so a blocked read
 * never delays an enqueue or a publish.
 */
import { Redis } from 'ioredis';
import type { Bus, ConsumeOptions, Consumer, Job, JobHandler } from './types.ts';

type StreamEntry = [id: string, fields: string[]];

/** XADD each (kind, ref) pair after ARGV[1] (the approximate MAXLEN) to the stream KEYS[1]. */
const ENQUEUE_SCRIPT = `
for i = 2, #ARGV, 2 do
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'kind', ARGV[i], 'ref', ARGV[i + 1])
end
return (#ARGV - 1) / 2`;

type ScriptedRedis = Redis & { tamagittoEnqueue(stream: string, ...args: (string | number)[]): Promise<number> };

export interface RedisBusOptions {
  url: string;
  /** Prefix for every key and channel: lets tests share one server safely. */
  prefix?: string;
  /** Stream length cap (approximate); acked entries are deleted anyway. */
  maxLen?: number;
  /**
   * While Redis is unreachable, enqueue/publish/claimOnce/ping wait this long for
   * the connection (default 1 s) and then fail, instead of sitting in the client's
   * offline queue until its retries run out (seconds to tens of seconds).
   */
  connectWaitMs?: number;
}

export class RedisBus implements Bus {
  readonly kind = 'redis' as const;
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #stream: string;
  readonly #maxLen: number;
  readonly #connectWaitMs: number;
  #subscriber: Redis | undefined;
  readonly #handlers = new Map<string, Set<(m: unknown) => void>>();
  readonly #extra = new Set<Redis>();

  constructor(opts: RedisBusOptions) {
    this.#redis = new Redis(opts.url, { maxRetriesPerRequest: 3, enableAutoPipelining: true, lazyConnect: false });
    // ioredis reconnects by itself; an 'error' listener keeps a blip from crashing the process.
    this.#redis.on('error', () => {});
    // EVALSHA, loading the script (EVAL) the first time or after a Redis restart.
    this.#redis.defineCommand('tamagittoEnqueue', { numberOfKeys: 1, lua: ENQUEUE_SCRIPT });
    this.#prefix = opts.prefix ?? 'tamagitto:';
    this.#stream = `${this.#prefix}jobs`;
    this.#maxLen = opts.maxLen ?? 1_000_000;
    this.#connectWaitMs = opts.connectWaitMs ?? 1_000;
  }

  /**
   * One command for the whole batch: a script that XADDs each job. A pipeline of N
   * XADDs cost the api a command object, an encoding and a reply to parse per job
   * (the webhook's hot path, bench/webhook-ingest). Should it fail part-way, the
   * caller treats the batch as not enqueued and the recovery sweep re-enqueues it
   * (re-enqueueing is harmless: processing is idempotent).
   */
  async enqueue(jobs: { kind: string; ref: string }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.#connected();
    const args: (string | number)[] = [this.#maxLen];
    for (const j of jobs) args.push(j.kind, j.ref);
    await (this.#redis as ScriptedRedis).tamagittoEnqueue(this.#stream, ...args);
  }

  /**
   * Resolves at once while connected; otherwise waits up to connectWaitMs for the
   * (re)connection (the first connect at start-up takes a few ms) and then throws,
   * so a caller on a request path fails fast and can fall back (the webhook's
   * ingestor keeps the delivery and retries; a failed publish is logged).
   */
  async #connected(): Promise<void> {
    const redis = this.#redis;
    if (redis.status === 'ready') return;
    if (redis.status === 'end') throw new Error('bus is closed');
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        redis.off('ready', onReady);
        reject(new Error(`Redis is not reachable (connection ${redis.status})`));
      }, this.#connectWaitMs);
      redis.once('ready', onReady);
    });
  }

  consume(handler: JobHandler, opts: ConsumeOptions): Consumer {
    const concurrency = opts.concurrency ?? 4;
    const claimIdleMs = opts.claimIdleMs ?? 30_000;
    const conn = this.#redis.duplicate();
    conn.on('error', () => {});
    this.#extra.add(conn);
    let stopped = false;
    let inFlight = 0;
    let lastClaim = 0;
    const waiters: (() => void)[] = [];
    const settle = () => waiters.splice(0).forEach((w) => w());

    const run = (id: string, fields: string[], attempt: number) => {
      const job = toJob(id, fields, attempt);
      inFlight++;
      handler(job)
        .then(async () => {
          // Ack then delete: the stream only holds work still to do.
          await this.#redis.multi().xack(this.#stream, opts.group, id).xdel(this.#stream, id).exec();
        })
        .catch(() => {
          // Left pending: XAUTOCLAIM hands it out again after claimIdleMs.
        })
        .finally(() => {
          inFlight--;
          settle();
        });
    };

    // Never rejects: with Redis down (at start-up too) it retries every 500 ms until stopped.
    const loop = async () => {
      let grouped = false;
      let lostGroup = false;
      while (!stopped) {
        try {
          if (!grouped) {
            await ensureGroup(this.#redis, this.#stream, opts.group);
            grouped = true;
            if (lostGroup) {
              // The jobs queued before the restart are gone with it; the owner rebuilds them.
              lostGroup = false;
              opts.onReset?.();
            }
          }
          if (inFlight >= concurrency) {
            await new Promise<void>((r) => waiters.push(r));
            continue;
          }
          const now = Date.now();
          if (now - lastClaim >= Math.min(claimIdleMs, 5_000)) {
            lastClaim = now;
            const claimed = (await conn.xautoclaim(this.#stream, opts.group, opts.consumer, claimIdleMs, '0-0', 'COUNT', concurrency - inFlight)) as [string, StreamEntry[], string[]?];
            for (const [id, fields] of claimed[1] ?? []) {
              if (!fields) continue; // deleted while pending
              const attempt = await deliveryCount(conn, this.#stream, opts.group, id);
              run(id, fields, attempt);
            }
            if (inFlight >= concurrency) continue;
          }
          const res = (await conn.xreadgroup(
            'GROUP', opts.group, opts.consumer,
            'COUNT', concurrency - inFlight,
            'BLOCK', 1000,
            'STREAMS', this.#stream, '>',
          )) as [string, StreamEntry[]][] | null;
          for (const [, entries] of res ?? []) for (const [id, fields] of entries) run(id, fields, 1);
        } catch (err) {
          if (stopped) break;
          // The stream or group vanished (a Redis restart without persistence): create it again.
          if (String(err).includes('NOGROUP')) {
            grouped = false;
            lostGroup = true;
          }
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    };
    const done = loop();

    return {
      stop: async () => {
        stopped = true;
        settle();
        await done;
        while (inFlight > 0) await new Promise<void>((r) => waiters.push(r));
        this.#extra.delete(conn);
        conn.disconnect();
      },
    };
  }

  async publish(channel: string, message: unknown): Promise<void> {
    await this.#connected();
    await this.#redis.publish(this.#prefix + channel, JSON.stringify(message));
  }

  async subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>> {
    const key = this.#prefix + channel;
    if (!this.#subscriber) {
      // No retry limit here: a SUBSCRIBE issued while Redis is down waits in the offline
      // queue and is sent once it connects (ioredis re-subscribes by itself after later drops).
      const sub = this.#redis.duplicate({ maxRetriesPerRequest: null });
      sub.on('error', () => {});
      sub.on('message', (ch: string, raw: string) => {
        const set = this.#handlers.get(ch);
        if (!set) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          return;
        }
        for (const h of set) h(parsed);
      });
      this.#subscriber = sub;
    }
    let set = this.#handlers.get(key);
    if (!set) {
      set = new Set();
      this.#handlers.set(key, set);
      await settledWithin(this.#subscriber.subscribe(key), SUBSCRIBE_WAIT_MS);
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
      if (set.size === 0) {
        this.#handlers.delete(key);
        await settledWithin(this.#subscriber?.unsubscribe(key), SUBSCRIBE_WAIT_MS);
      }
    };
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    await this.#connected();
    return (await this.#redis.set(`${this.#prefix}claim:${key}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
  }

  async ping(): Promise<boolean> {
    try {
      await this.#connected();
      return (await this.#redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /**
   * The stream's length: an entry is deleted when its job is acked, so what is
   * left is waiting, in flight, or pending a re-claim.
   */
  async depth(): Promise<number> {
    await this.#connected();
    return this.#redis.xlen(this.#stream);
  }

  async queuedRefs(kind: string, limit: number): Promise<Set<string> | null> {
    await this.#connected();
    // The stream holds exactly the unacknowledged jobs: acked ones are deleted (see consume()).
    if ((await this.#redis.xlen(this.#stream)) > limit) return null;
    const entries = (await this.#redis.xrange(this.#stream, '-', '+', 'COUNT', limit)) as StreamEntry[];
    const refs = new Set<string>();
    for (const [id, fields] of entries) {
      const job = toJob(id, fields, 0);
      if (job.kind === kind) refs.add(job.ref);
    }
    return refs;
  }

  /** Deletes every key under the prefix (tests). */
  async purge(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', `${this.#prefix}*`, 'COUNT', 500);
      if (keys.length) await this.#redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  async close(): Promise<void> {
    for (const c of this.#extra) c.disconnect();
    this.#subscriber?.disconnect();
    // QUIT lets queued commands finish; with Redis down it would wait for the retries, so not for long.
    await settledWithin(this.#redis.quit(), 1_000);
    this.#redis.disconnect();
  }
}

/**
 * How long subscribe() waits for Redis to confirm. Normally it answers at once; while
 * Redis is down the api must still start and serve (webhooks are durable in Postgres),
 * so subscribe() returns and the subscription takes effect when Redis is back.
 */
const SUBSCRIBE_WAIT_MS = 2_000;

async function settledWithin(p: Promise<unknown> | undefined, ms: number): Promise<void> {
  if (!p) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => {}), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

async function ensureGroup(redis: Redis, stream: string, group: string): Promise<void> {
  try {
    // From '0', not '$': jobs enqueued before the first worker started are not skipped.
    await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  } catch (err) {
    if (!String(err).includes('BUSYGROUP')) throw err;
  }
}

async function deliveryCount(redis: Redis, stream: string, group: string, id: string): Promise<number> {
  try {
    const rows = (await redis.xpending(stream, group, id, id, 1)) as [string, string, number, number][];
    return Number(rows[0]?.[3] ?? 1);
  } catch {
    return 1;
  }
}

function toJob(id: string, fields: string[], attempt: number): Job {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  return { id, kind: map.get('kind') ?? 'unknown', ref: map.get('ref') ?? '', attempt };
}
