/**
 * A worker_threads pool for parsing (issue #3, "Budgets"): sized to the cores,
 * so a huge commit never stalls the queue consumer (acks, heartbeats, other
 * pets' jobs). Threads are unref'd while idle so an idle pool never keeps the
 * process alive, and ref'd while they hold work so a CLI waits for its answer.
 *
 * Jobs wait in one queue and go to a thread when it has room (two in flight
 * each), the one with the fewest characters of source still to parse, so one
 * big file does not leave the other threads idle while small files wait behind it.
 *
 * A thread that dies is replaced: the job it was running is retried once on a
 * fresh thread and then failed (the engine lists that file as skipped and marks
 * the result partial); jobs queued behind it are resent untouched. Replacements
 * wait a backoff that doubles per consecutive crash, and at most `maxRestarts`
 * happen per `restartWindowMs`. A thread that cannot even start (no tsx, no
 * memory) twice in a row makes the pool parse in the calling thread until the
 * window has passed: a slower answer beats no answer.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyseSource, analyseSourcePair, type SourceMetrics, type SourcePair } from './function-metrics.ts';
import type { LanguageId } from './languages.ts';

export interface ParseTask {
  source: string;
  language: LanguageId;
  countTests: boolean;
  /** Also find dangerous calls (eval, shell/SQL built from input) in the tree. */
  dangerousCalls?: boolean;
}

/** Both sides of a file, so the after side can be parsed incrementally from the before tree. */
export interface PairTask {
  before: string | null;
  after: string | null;
  language: LanguageId;
  countTests: boolean;
  /** Also find dangerous calls in the after side's tree. */
  dangerousCalls?: boolean;
}

type AnyTask = ({ kind: 'one' } & ParseTask) | ({ kind: 'pair' } & PairTask);
type AnyResult = SourceMetrics | SourcePair;

export type ParseRequest = AnyTask & { id: number };

/** `ready` is sent once by a thread that has loaded its code: dying before it is a failure to start, not a crash on a job. */
export type ParseResponse = { id: number; result: AnyResult; error?: undefined } | { id: number; error: string; result?: undefined } | { ready: true; id?: undefined };

/**
 * `signal`: the caller no longer wants the answer (its commit's time budget is
 * spent). A job still waiting in the queue is then dropped and rejected instead
 * of being parsed for nobody; one already sent to a thread finishes.
 */
export interface ParseOptions {
  signal?: AbortSignal;
}

export interface ParsePool {
  readonly threads: number;
  parse(task: ParseTask, options?: ParseOptions): Promise<SourceMetrics>;
  parsePair(task: PairTask, options?: ParseOptions): Promise<SourcePair>;
  close(): Promise<void>;
}

export interface ParsePoolStats {
  /** Threads running now. */
  alive: number;
  /** Threads started since creation (replacements included). */
  started: number;
  /** Threads that died while the pool was open (during a job or before they were ready). */
  crashed: number;
  /** Jobs resent to a fresh thread after the thread running them died. */
  retried: number;
  /** Jobs failed because two threads died running them, or no thread could be had for their retry. */
  failed: number;
  /** Jobs parsed in the calling thread because no thread could be started. */
  inThread: number;
  /** Jobs a pool thread answered. */
  completed: number;
  /** Queued jobs dropped because their caller gave up on them (`signal`). */
  dropped: number;
}

export interface ThreadParsePool extends ParsePool {
  stats(): ParsePoolStats;
}

export interface ParsePoolOptions {
  /** Threads at most; defaults to the cores (capped at MAX_POOL_THREADS). */
  size?: number;
  /** Replacements allowed per `restartWindowMs`; past that, no thread is started until the window allows one. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Wait before replacing a dead thread; doubles with each consecutive death, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Module each thread starts from (tests use one that dies on demand). */
  bootUrl?: URL;
  /** Passed to each thread as `workerData`. */
  workerData?: unknown;
  /**
   * Jobs sent to one thread before it answers; the rest wait in the pool's queue. Default 2:
   * the next job is there when the thread finishes. Measured on the bench's typical commits,
   * no limit was no faster (p95 30-31 ms vs 24-28 ms) and balances worse.
   */
  maxInFlightPerThread?: number;
}

/** Parses in the calling thread; what the pool falls back to, and fine for small inputs. */
export const inThreadParser: ParsePool = {
  threads: 0,
  parse: (task) => analyseSource(task.source, task.language, { countTests: task.countTests, dangerousCalls: task.dangerousCalls }),
  parsePair: (task) => analyseSourcePair(task.before, task.after, task.language, { countTests: task.countTests, dangerousCalls: task.dangerousCalls }),
  close: async () => {},
};

/** What a pool thread (and a pool that lost its threads) runs: the in-thread parser. */
export function runTask(task: AnyTask): Promise<AnyResult> {
  return task.kind === 'one' ? inThreadParser.parse(task) : inThreadParser.parsePair(task);
}

interface Job {
  task: AnyTask;
  resolve: (m: AnyResult) => void;
  reject: (e: Error) => void;
  /** Threads that died while running this job. */
  crashes: number;
  signal?: AbortSignal;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Jobs sent, in the order the thread works through them: the first is the one running. */
  inFlight: Map<number, Job>;
  /** Characters of source in the jobs sent and not yet answered. */
  load: number;
  lastError: string | null;
}

/**
 * Each thread holds its own WebAssembly heap and grammars (tens of MB), and a
 * commit has at most a few dozen files worth parsing: more threads than this
 * buy nothing on a big host but memory.
 */
export const MAX_POOL_THREADS = 8;
/** Threads dying before they are ready this many times in a row: stop trying until the restart window passes. */
const START_FAILURES_TO_GIVE_UP = 2;

export function createParsePool(sizeOrOptions: number | ParsePoolOptions = {}): ThreadParsePool {
  const options = typeof sizeOrOptions === 'number' ? { size: sizeOrOptions } : sizeOrOptions;
  const size = Math.max(1, options.size ?? Math.min(MAX_POOL_THREADS, availableParallelism()));
  const maxRestarts = options.maxRestarts ?? 5;
  const restartWindowMs = options.restartWindowMs ?? 60_000;
  const backoffMs = options.backoffMs ?? 50;
  const maxBackoffMs = options.maxBackoffMs ?? 2_000;
  const bootUrl = options.bootUrl ?? new URL('./parse-worker-boot.mjs', import.meta.url);
  const maxInFlight = options.maxInFlightPerThread ?? 2;

  let slots: Slot[] = [];
  const queue: Job[] = [];
  let closed = false;
  let nextId = 1;
  /** When threads died (for the restart budget), oldest first. */
  const deaths: number[] = [];
  let consecutiveDeaths = 0;
  let consecutiveStartFailures = 0;
  let notBefore = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  const stats: Omit<ParsePoolStats, 'alive'> = { started: 0, crashed: 0, retried: 0, failed: 0, inThread: 0, completed: 0, dropped: 0 };

  /** How long until a thread may be started: backoff after a death, the restart budget, or having given up on starting. */
  function spawnWait(now: number): number {
    while (deaths.length > 0 && (deaths[0] ?? 0) <= now - restartWindowMs) deaths.shift();
    let wait = notBefore - now;
    if (deaths.length >= maxRestarts) wait = Math.max(wait, (deaths[deaths.length - maxRestarts] ?? now) + restartWindowMs - now);
    if (consecutiveStartFailures >= START_FAILURES_TO_GIVE_UP) wait = Math.max(wait, (deaths[deaths.length - 1] ?? now) + restartWindowMs - now);
    return Math.max(0, wait);
  }

  function spawn(): Slot {
    const worker = new Worker(bootUrl, { workerData: options.workerData });
    worker.unref();
    stats.started++;
    const slot: Slot = { worker, ready: false, inFlight: new Map(), load: 0, lastError: null };
    worker.on('message', (res: ParseResponse) => {
      if (res.id === undefined) {
        slot.ready = true;
        consecutiveStartFailures = 0;
        return;
      }
      const job = slot.inFlight.get(res.id);
      if (!job) return;
      slot.inFlight.delete(res.id);
      slot.load -= taskSize(job.task);
      if (slot.inFlight.size === 0) worker.unref();
      consecutiveDeaths = 0;
      stats.completed++;
      if (res.error !== undefined) job.reject(new Error(res.error));
      else job.resolve(res.result);
      pump();
    });
    worker.on('error', (err) => {
      slot.lastError = err instanceof Error ? err.message : String(err);
    });
    worker.on('exit', (code) => died(slot, code));
    return slot;
  }

  function died(slot: Slot, code: number): void {
    if (!slots.includes(slot)) return; // closed, or already handled
    slots = slots.filter((s) => s !== slot);
    const now = Date.now();
    stats.crashed++;
    deaths.push(now);
    consecutiveDeaths++;
    notBefore = now + Math.min(maxBackoffMs, backoffMs * 2 ** (consecutiveDeaths - 1));
    const reason = slot.lastError ?? `exit code ${code}`;
    const jobs = [...slot.inFlight.values()];
    slot.inFlight.clear();
    slot.load = 0;
    if (!slot.ready) consecutiveStartFailures++;
    // The first job sent is the one the thread was running; the rest never started.
    const running = slot.ready ? jobs.shift() : undefined;
    if (running) {
      running.crashes++;
      if (running.crashes >= 2) {
        stats.failed++;
        running.reject(new Error(`parse thread died twice on this file (${reason})`));
      } else {
        stats.retried++;
        queue.unshift(running);
      }
    }
    queue.unshift(...jobs);
    pump();
  }

  function dispatch(slot: Slot, job: Job): void {
    const id = nextId++;
    slot.inFlight.set(id, job);
    slot.load += taskSize(job.task);
    slot.worker.ref();
    slot.worker.postMessage({ id, ...job.task } satisfies ParseRequest);
  }

  function pump(): void {
    while (queue.length > 0) {
      let best: Slot | undefined;
      for (const s of slots) if (s.inFlight.size < maxInFlight && (!best || s.load < best.load)) best = s;
      // A new thread pays for its start and grammar loads on its first job: start one
      // only when every running thread is busy, not while a warm one sits idle.
      if ((!best || best.inFlight.size > 0) && slots.length < size && !closed) {
        const wait = spawnWait(Date.now());
        if (wait === 0) {
          best = spawn();
          slots.push(best);
        } else if (slots.length === 0) {
          // A short backoff is worth waiting for; a spent budget or threads that cannot start are not.
          if (consecutiveStartFailures < START_FAILURES_TO_GIVE_UP && deaths.length < maxRestarts) retryLater(wait);
          else drainInThread();
          return;
        }
      }
      if (!best) return;
      const job = queue.shift();
      if (job && dropIfAborted(job)) continue;
      if (job) dispatch(best, job);
    }
  }

  function retryLater(ms: number): void {
    if (retryTimer) return;
    // Ref'd: queued jobs are waiting on it (a CLI must not exit with its answer pending).
    retryTimer = setTimeout(() => {
      retryTimer = null;
      pump();
    }, ms);
  }

  /** No thread can be had: parse what waits here, except jobs a thread already died on. */
  function drainInThread(): void {
    for (const job of queue.splice(0)) {
      if (dropIfAborted(job)) continue;
      if (job.crashes > 0) {
        stats.failed++;
        job.reject(new Error('parse thread died on this file and no fresh thread could be started to retry it'));
      } else {
        stats.inThread++;
        runTask(job.task).then(job.resolve, job.reject);
      }
    }
  }

  /**
   * Checked when a job leaves the queue (no listener per job: a 50,000-file commit
   * would hang 50,000 of them on one signal): an abandoned job is rejected, not sent.
   */
  function dropIfAborted(job: Job): boolean {
    if (!job.signal?.aborted) return false;
    stats.dropped++;
    job.reject(new Error('parse abandoned: its commit is out of time'));
    return true;
  }

  function submit(task: AnyTask, signal?: AbortSignal): Promise<AnyResult> {
    if (signal?.aborted) return Promise.reject(new Error('parse abandoned: its commit is out of time'));
    if (closed) return runTask(task);
    return new Promise<AnyResult>((resolve, reject) => {
      queue.push({ task, resolve, reject, crashes: 0, signal });
      pump();
    });
  }

  return {
    threads: size,
    parse: (task, opts) => submit({ kind: 'one', ...task }, opts?.signal) as Promise<SourceMetrics>,
    parsePair: (task, opts) => submit({ kind: 'pair', ...task }, opts?.signal) as Promise<SourcePair>,
    stats: () => ({ alive: slots.length, ...stats }),
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const closing = slots;
      slots = [];
      // Whatever was still waiting or running gets its answer from this thread.
      for (const s of closing) queue.push(...s.inFlight.values());
      for (const job of queue.splice(0)) runTask(job.task).then(job.resolve, job.reject);
      await Promise.all(closing.map((s) => s.worker.terminate()));
    },
  };
}

function taskSize(task: AnyTask): number {
  return task.kind === 'one' ? task.source.length : (task.before?.length ?? 0) + (task.after?.length ?? 0);
}

let shared: ParsePool | null = null;

/** The process-wide pool the engine uses by default, created on first use. */
export function sharedParsePool(): ParsePool {
  shared ??= createParsePool();
  return shared;
}
