/**
 * A worker_threads pool for parsing (issue #3, "Budgets"): sized to the cores,
 * so a huge commit never stalls the queue consumer (acks, heartbeats, other
 * pets' jobs). Threads are unref'd while idle so an idle pool never keeps the
 * process alive, and ref'd while they hold work so a CLI waits for its answer.
 *
 * If a thread cannot start or dies, its work (and later work) falls back to
 * parsing in the calling thread: a slower answer beats no answer.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyseSource, type SourceMetrics } from './function-metrics.ts';
import type { LanguageId } from './languages.ts';

export interface ParseTask {
  source: string;
  language: LanguageId;
  countTests: boolean;
}

export interface ParseRequest extends ParseTask {
  id: number;
}

export type ParseResponse = { id: number; result: SourceMetrics; error?: undefined } | { id: number; error: string; result?: undefined };

export interface ParsePool {
  readonly threads: number;
  parse(task: ParseTask): Promise<SourceMetrics>;
  close(): Promise<void>;
}

/** Parses in the calling thread; what the pool falls back to, and fine for small inputs. */
export const inThreadParser: ParsePool = {
  threads: 0,
  parse: (task) => analyseSource(task.source, task.language, { countTests: task.countTests }),
  close: async () => {},
};

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (m: SourceMetrics) => void; reject: (e: Error) => void; task: ParseTask }>;
}

export function createParsePool(size = Math.max(1, availableParallelism())): ParsePool {
  const bootUrl = new URL('./parse-worker-boot.mjs', import.meta.url);
  let slots: Slot[] = [];
  let broken = false;
  let nextId = 1;

  function spawn(): Slot {
    const worker = new Worker(bootUrl);
    worker.unref();
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (res: ParseResponse) => {
      const job = slot.pending.get(res.id);
      if (!job) return;
      slot.pending.delete(res.id);
      if (slot.pending.size === 0) worker.unref();
      if (res.error !== undefined) job.reject(new Error(res.error));
      else job.resolve(res.result);
    });
    const fail = () => {
      broken = true;
      slots = slots.filter((s) => s !== slot);
      for (const job of slot.pending.values()) inThreadParser.parse(job.task).then(job.resolve, job.reject);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    return slot;
  }

  return {
    threads: size,
    parse(task) {
      if (broken) return inThreadParser.parse(task);
      if (slots.length < size) slots.push(spawn());
      let slot = slots[0];
      for (const s of slots) if (slot && s.pending.size < slot.pending.size) slot = s;
      if (!slot) return inThreadParser.parse(task);
      const chosen = slot;
      const id = nextId++;
      return new Promise<SourceMetrics>((resolve, reject) => {
        chosen.pending.set(id, { resolve, reject, task });
        chosen.worker.ref();
        chosen.worker.postMessage({ id, ...task } satisfies ParseRequest);
      });
    },
    async close() {
      const closing = slots;
      slots = [];
      broken = true;
      await Promise.all(closing.map((s) => s.worker.terminate()));
    },
  };
}

let shared: ParsePool | null = null;

/** The process-wide pool the engine uses by default, created on first use. */
export function sharedParsePool(): ParsePool {
  shared ??= createParsePool();
  return shared;
}
