/**
 * Bounds on the line rules (issue 15). The line rules (secrets, style,
 * dangerous calls by line, dependency manifests) run on the calling thread, so
 * one pathological file must not be able to hold it: a minified megabyte on one
 * line, 100,000 spaces, a 100 MB blob.
 *
 * - Every regex the rules use is linear (checked by redos.test.ts), so the cost
 *   of a line is proportional to what is read of it.
 * - The rules other than secrets read at most RULE_LINE_CHARS of a line (a
 *   style or dangerous-call verdict does not need more); the secret scanner
 *   reads long lines in overlapping windows (secrets.ts).
 * - Per file, the rules read at most `maxLineRuleBytes` of the changes; the rest
 *   is listed as not read.
 * - The commit's time budget is checked as the rules go (`RuleClock`), not only
 *   between files: a huge file stops where the budget ends, and the report says
 *   at which line.
 */

/** Characters of a line that the style, dangerous-call and manifest rules read. */
export const RULE_LINE_CHARS = 4096;

/** Bytes of one file's changes (patch or contents) that the line rules read, by default. */
export const DEFAULT_LINE_RULE_BYTES = 1024 * 1024;

/** How much work (characters, plus a fixed cost per call) passes between two readings of the clock. */
const CHECK_EVERY = 16 * 1024;
const COST_PER_CALL = 256;

/**
 * The commit's deadline as seen by the line rules. A rule calls `expired(line, chars)`
 * before the work for a line (or a window of one); once the deadline has passed,
 * every call answers true and the first line left unread is remembered.
 */
export class RuleClock {
  /** `performance.now()` value after which the rules stop. */
  readonly deadline: number;
  /** The commit's budget, for the reason shown in the report. */
  readonly budgetMs: number;
  #work = 0;
  #expired = false;
  #stoppedAt: number | null = null;

  constructor(deadline = Infinity, budgetMs = Infinity) {
    this.deadline = deadline;
    this.budgetMs = budgetMs;
  }

  /** A clock that never expires (direct callers, tests). */
  static unlimited(): RuleClock {
    return new RuleClock();
  }

  /**
   * @param line the line about to be read (remembered when the deadline has passed).
   * @param chars how much work the caller is about to do; the clock is read every ~16 K characters.
   */
  expired(line: number, chars = 0): boolean {
    if (!this.#expired) {
      this.#work += chars + COST_PER_CALL;
      if (this.#work < CHECK_EVERY) return false;
      this.#work = 0;
      if (performance.now() <= this.deadline) return false;
      this.#expired = true;
    }
    if (this.#stoppedAt === null || line < this.#stoppedAt) this.#stoppedAt = line;
    return true;
  }

  /** The first line some rule did not read because the deadline passed; null when none. */
  get stoppedAt(): number | null {
    return this.#stoppedAt;
  }
}

/** The first `max` characters of a line: what the rules other than secrets read. */
export function ruleHead(text: string, max = RULE_LINE_CHARS): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** "1,048,576 bytes" → "1 MiB" style sizes for reasons shown to people. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}

/**
 * At most `max` characters of `text`, cut after the last newline within them
 * (so no half line is read); the whole text when it is short enough.
 */
export function prefixLines(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const nl = text.lastIndexOf('\n', max);
  return { text: text.slice(0, nl > 0 ? nl : max), cut: true };
}
