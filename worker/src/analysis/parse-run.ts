/**
 * The one asynchronous step of judging a commit (engine.ts): planned parse jobs
 * (plan-parsing.ts) go to the parse pool while the engine reads the next files,
 * and the engine then waits for them within what is left of the time budget.
 *
 * Parses still running when the budget ends finish later; they must not touch
 * the returned result, so once the run has settled their sides and failures are
 * dropped.
 */
import type { SourceMetrics } from './function-metrics.ts';
import type { ParsePool } from './parse-pool.ts';
import type { ParseJob } from './plan-parsing.ts';
import type { SkippedFile } from './classify-files.ts';

/** Syntax-tree metrics of a file's sides; `undefined` while pending or when not parsed. */
export interface ParsedSides {
  before?: SourceMetrics | null;
  after?: SourceMetrics | null;
}

export function parseFailedReason(error: unknown): string {
  return `parse failed: ${String(error).slice(0, 200)}`;
}

/** `parseFailedReason` as the file's entry, with its code and params. */
export function parseFailedSkip(path: string, error: unknown): SkippedFile {
  return { path, reason: parseFailedReason(error), code: 'parse_failed', params: { error: String(error).slice(0, 200) } };
}

export class ParseRun {
  readonly #pool: ParsePool;
  readonly #onFailure: (skipped: SkippedFile) => void;
  readonly #pending: Promise<void>[] = [];
  /** Aborted once the run settles: jobs still queued in the pool are dropped, not parsed for nobody. */
  readonly #abandon = new AbortController();
  #settled = false;

  /** @param onFailure called for a parse that fails before the run settles (the file is then skipped). */
  constructor(pool: ParsePool, onFailure: (skipped: SkippedFile) => void) {
    this.#pool = pool;
    this.#onFailure = onFailure;
  }

  /** Sends one file's job to the pool; `sides` is filled in when it is done (unless the run has settled). */
  start(path: string, job: ParseJob, sides: ParsedSides): void {
    const opts = { signal: this.#abandon.signal };
    const parsed =
      job.type === 'pair'
        ? this.#pool.parsePair(job.task, opts)
        : Promise.all([this.#pool.parse(job.before, opts), this.#pool.parse(job.after, opts)]).then(([before, after]) => ({ before, after }));
    this.#pending.push(
      parsed.then(
        (pair) => {
          if (this.#settled) return;
          sides.before = pair.before;
          sides.after = pair.after;
        },
        (error: unknown) => {
          if (!this.#settled) this.#onFailure(parseFailedSkip(path, error));
        },
      ),
    );
  }

  /** Waits for every parse or `ms`, whichever comes first; true when the time ran out first. */
  async settle(ms: number): Promise<boolean> {
    try {
      return await settleWithin(this.#pending, ms);
    } finally {
      this.#settled = true;
      this.#abandon.abort();
    }
  }
}

/** Waits for all work or `ms`; true when the time ran out first. */
export async function settleWithin(work: Promise<void>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<true>((resolve) => {
    timer = setTimeout(() => resolve(true), ms);
  });
  const all = Promise.allSettled(work).then(() => false as const);
  try {
    return await Promise.race([all, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
