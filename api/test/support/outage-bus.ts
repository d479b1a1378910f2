/**
 * A bus with a switchable outage, wrapped around the real one (in-process or
 * Redis): while it is down, `enqueue` rejects (Redis refusing) or hangs (Redis
 * not answering) and `ping` says false; everything else, consuming included,
 * goes to the real bus. `up()` ends the outage; hung enqueues then fail, as a
 * client would give up on them, and the caller has to try again.
 */
import type { Bus, ConsumeOptions, Consumer, JobHandler } from '@tamagitto/db';

export type OutageMode = 'reject' | 'hang';

export class OutageBus implements Bus {
  #mode: OutageMode | null = null;
  #hung: ((err: Error) => void)[] = [];
  /** Enqueue calls made while down, for assertions. */
  failedEnqueues = 0;

  constructor(readonly inner: Bus) {}

  get kind() {
    return this.inner.kind;
  }

  down(mode: OutageMode): void {
    this.#mode = mode;
  }

  up(): void {
    this.#mode = null;
    for (const fail of this.#hung.splice(0)) fail(new Error('bus connection reset'));
  }

  async enqueue(jobs: { kind: string; ref: string }[]): Promise<void> {
    if (this.#mode === 'reject') {
      this.failedEnqueues++;
      throw new Error('connect ECONNREFUSED (injected bus outage)');
    }
    if (this.#mode === 'hang') {
      this.failedEnqueues++;
      return new Promise<void>((_, reject) => this.#hung.push(reject));
    }
    return this.inner.enqueue(jobs);
  }

  consume(handler: JobHandler, opts: ConsumeOptions): Consumer {
    return this.inner.consume(handler, opts);
  }

  publish(channel: string, message: unknown): Promise<void> {
    return this.inner.publish(channel, message);
  }

  subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>> {
    return this.inner.subscribe(channel, handler);
  }

  claimOnce(key: string, ttlMs: number): Promise<boolean> {
    return this.inner.claimOnce(key, ttlMs);
  }

  async ping(): Promise<boolean> {
    return this.#mode === null && (await this.inner.ping());
  }

  async depth(): Promise<number> {
    if (this.#mode !== null) throw new Error('connect ECONNREFUSED (injected bus outage)');
    return this.inner.depth();
  }

  close(): Promise<void> {
    this.up();
    return this.inner.close();
  }
}
