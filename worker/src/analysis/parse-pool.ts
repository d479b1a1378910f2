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
import { analyseSource, analyseSourcePair, type SourceMetrics, type SourcePair } from './function-metrics.ts';
import type { LanguageId } from './languages.ts';

export interface ParseTask {
  source: string;
  language: LanguageId;
  countTests: boolean;
}

/** Both sides of a file, so the after side can be parsed incrementally from the before tree. */
export interface PairTask {
  before: string | null;
  after: string | null;
  language: LanguageId;
  countTests: boolean;
}

type AnyTask = ({ kind: 'one' } & ParseTask) | ({ kind: 'pair' } & PairTask);
type AnyResult = SourceMetrics | SourcePair;

export type ParseRequest = AnyTask & { id: number };

export type ParseResponse = { id: number; result: AnyResult; error?: undefined } | { id: number; error: string; result?: undefined };

export interface ParsePool {
  readonly threads: number;
  parse(task: ParseTask): Promise<SourceMetrics>;
  parsePair(task: PairTask): Promise<SourcePair>;
  close(): Promise<void>;
}

/** Parses in the calling thread; what the pool falls back to, and fine for small inputs. */
export const inThreadParser: ParsePool = {
  threads: 0,
  parse: (task) => analyseSource(task.source, task.language, { countTests: task.countTests }),
  parsePair: (task) => analyseSourcePair(task.before, task.after, task.language, { countTests: task.countTests }),
  close: async () => {},
};

/** What a pool thread (and a pool that lost its threads) runs: the in-thread parser. */
export function runTask(task: AnyTask): Promise<AnyResult> {
  return task.kind === 'one' ? inThreadParser.parse(task) : inThreadParser.parsePair(task);
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (m: AnyResult) => void; reject: (e: Error) => void; task: AnyTask }>;
}

/**
 * Each thread holds its own WebAssembly heap and grammars (tens of MB), and a
 * commit has at most a few dozen files worth parsing: more threads than this
 * buy nothing on a big host but memory.
 */
export const MAX_POOL_THREADS = 8;

export function createParsePool(size = Math.max(1, Math.min(MAX_POOL_THREADS, availableParallelism()))): ParsePool {
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
      for (const job of slot.pending.values()) runTask(job.task).then(job.resolve, job.reject);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    return slot;
  }

  function submit(task: AnyTask): Promise<AnyResult> {
    if (broken) return runTask(task);
    // A new thread pays for its start and grammar loads on its first task: start
    // one only when every running thread is busy, not while a warm one sits idle.
    if (slots.length < size && slots.every((s) => s.pending.size > 0)) slots.push(spawn());
    let slot = slots[0];
    for (const s of slots) if (slot && s.pending.size < slot.pending.size) slot = s;
    if (!slot) return runTask(task);
    const chosen = slot;
    const id = nextId++;
    return new Promise<AnyResult>((resolve, reject) => {
      chosen.pending.set(id, { resolve, reject, task });
      chosen.worker.ref();
      chosen.worker.postMessage({ id, ...task } satisfies ParseRequest);
    });
  }

  return {
    threads: size,
    parse: (task) => submit({ kind: 'one', ...task }) as Promise<SourceMetrics>,
    parsePair: (task) => submit({ kind: 'pair', ...task }) as Promise<SourcePair>,
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
