/**
 * A time limit for a call to an outside service: an AbortSignal that fires
 * after `ms`, and whether it was the clock that fired it (a timeout is told
 * apart from other failures in what the user sees and in llm_usage).
 *
 * @example
 * const deadline = new Deadline(30_000);
 * try { await client.call({ signal: deadline.signal }); }
 * catch (err) { if (deadline.expired) throw timeoutError(); throw err; }
 * finally { deadline.clear(); }
 */
export class Deadline {
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  #expired = false;

  constructor(ms: number) {
    this.#timer = setTimeout(() => {
      this.#expired = true;
      this.#controller.abort();
    }, ms);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get expired(): boolean {
    return this.#expired;
  }

  /** Stops the clock; with `abort`, also cancels what still uses the signal (frees a connection). */
  clear(abort = false): void {
    clearTimeout(this.#timer);
    if (abort) this.#controller.abort();
  }
}
