/**
 * Stage 2 of judging a commit (engine.ts): which source files go to the parse
 * pool, with which sides, and what is left unparsed and why. Pure: the engine
 * keeps the running byte total and the clock, this file decides.
 *
 * Budgets (`AnalyseOptions`): a file side larger than `maxFileBytes`, or one
 * that would take the commit past `maxTotalBytes`, is not parsed; files not
 * reached or not parsed within `timeBudgetMs` are skipped. What is not parsed
 * is listed with its reason and makes the result partial.
 */
import type { SkippedFile, SourceFile } from './classify-files.ts';
import { hasDangerousCallRules } from './dangerous-calls.ts';
import type { PairTask, ParseTask } from './parse-pool.ts';
import type { LineChanges } from './patch.ts';

export interface ByteBudget {
  /** Per file and side: larger contents are not parsed. */
  maxFileBytes: number;
  /** Per commit: contents beyond this total are not parsed. */
  maxTotalBytes: number;
}

/** What goes to the parse pool for one file. */
export type ParseJob =
  /** Both sides, so the after side is parsed incrementally from the before tree. */
  | { type: 'pair'; task: PairTask }
  /** Contents unknown: the patch's removed and added lines alone, for decisions and test cases (not whole functions). */
  | { type: 'fragments'; before: ParseTask; after: ParseTask };

export interface ParsePlan {
  job: ParseJob | null;
  /** Counted against `maxTotalBytes`. */
  bytes: number;
  /** Why the file is not parsed (listed in skippedFiles). */
  skipReason: string | null;
  /** `skipReason`'s code and params (SKIPPED_PARAMS in @tamagitto/domain); only when there is a `skipReason`. */
  skipCode?: Pick<SkippedFile, 'code' | 'params'>;
  /** The result can only be partial for this file (not parsed, or parsed from the patch alone). */
  partial: boolean;
  /** Who judges dangerous calls: the after side's syntax tree, the line rules now, or nobody (excluded, no grammar). */
  dangerousCalls: 'tree' | 'lines' | 'none';
}

const NOTHING: ParsePlan = Object.freeze({ job: null, bytes: 0, skipReason: null, partial: false, dangerousCalls: 'none' });

export const SIZE_BUDGET_REASON = 'commit size budget exhausted';

const SIZE_BUDGET: ParsePlan = Object.freeze<ParsePlan>({ ...NOTHING, skipReason: SIZE_BUDGET_REASON, skipCode: { code: 'size_budget', params: {} }, partial: true, dangerousCalls: 'lines' });

/** The reason a file is listed when the commit's time budget ran out before it was read or parsed. */
export function timeBudgetReason(timeBudgetMs: number): string {
  return `time budget (${timeBudgetMs} ms) exhausted`;
}

/** `timeBudgetReason` as the file's entry, with its code and params. */
export function timeBudgetSkip(path: string, timeBudgetMs: number): SkippedFile {
  return { path, reason: timeBudgetReason(timeBudgetMs), code: 'time_budget', params: { budgetMs: timeBudgetMs } };
}

/** Has the commit spent its time budget? (Checked before each file and once parsing is awaited.) */
export function timeBudgetSpent(elapsedMs: number, timeBudgetMs: number): boolean {
  return elapsedMs > timeBudgetMs;
}

/**
 * @param parsedBytes bytes already planned for this commit.
 * @example planParse(source, 0, DEFAULT_BUDGET).job?.type // 'pair' when both sides are known
 */
export function planParse(source: SourceFile, parsedBytes: number, budget: ByteBudget): ParsePlan {
  const { language, before, after } = source;
  if (source.excluded || !language) return NOTHING;
  const size = Math.max(before?.length ?? 0, after?.length ?? 0);
  if (size > budget.maxFileBytes) return tooLarge(size, budget);
  if (parsedBytes + size > budget.maxTotalBytes) return SIZE_BUDGET;
  // Rust keeps unit tests beside the code (`#[cfg(test)] mod tests`), so its code files count too.
  const countTests = source.kind === 'test' || language === 'rust';
  if (before !== undefined && after !== undefined) {
    // Dangerous calls from the tree when the whole after side is parsed and the language has
    // tree rules; the line rules are the fallback (patch only, too large, other languages).
    const fromTree = typeof after === 'string' && hasDangerousCallRules(language);
    const task: PairTask = { before, after, language, countTests, dangerousCalls: fromTree };
    return { job: { type: 'pair', task }, bytes: size, skipReason: null, partial: false, dangerousCalls: fromTree ? 'tree' : 'lines' };
  }
  const text = (lines: LineChanges['added']) => lines.map((l) => l.text).join('\n');
  const before_ = text(source.changes.removed);
  const after_ = text(source.changes.added);
  // Without contents the fragments are what is parsed: the same byte budgets apply to them
  // (a fetched side still counts, as before).
  const fragments = Math.max(size, before_.length, after_.length);
  if (fragments > budget.maxFileBytes) return tooLarge(fragments, budget);
  if (parsedBytes + fragments > budget.maxTotalBytes) return SIZE_BUDGET;
  const job: ParseJob = {
    type: 'fragments',
    before: { source: before_, language, countTests },
    after: { source: after_, language, countTests },
  };
  return { job, bytes: fragments, skipReason: null, partial: true, dangerousCalls: 'lines' };
}

function tooLarge(size: number, budget: ByteBudget): ParsePlan {
  const [sizeKiB, limitKiB] = [Math.round(size / 1024), Math.round(budget.maxFileBytes / 1024)];
  return { ...NOTHING, skipReason: `too large to parse (${sizeKiB} KiB > ${limitKiB} KiB)`, skipCode: { code: 'too_large', params: { sizeKiB, limitKiB } }, partial: true, dangerousCalls: 'lines' };
}
