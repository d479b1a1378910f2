/**
 * The commit-analysis engine behind `analyseCommit` (issue #3, the "vet report").
 *
 * A composition of three stages, each in its own file:
 *   1. classify-files.ts — per file: skipped (binary, no patch), coverage report, or
 *      source file (kind, language, excluded, changed lines, contents of each side),
 *      and what the line rules say about its added lines (secrets, style…);
 *   2. plan-parsing.ts — per source file: which sides go to the parse pool under the
 *      byte budgets, what is skipped and why; parse-run.ts sends them and waits
 *      within the time budget (the one asynchronous step);
 *   3. aggregate.ts — functions compared before/after, findings, metrics, the
 *      formula's inputs and the health delta.
 * Every number in the result comes with the findings that produced it.
 */
import type { AnalysisResult, ChangedFile, CommitInput } from '@tamagitto/domain';
import { aggregate, type FileScan, type ParsedFile } from './aggregate.ts';
import { classifyFile, dangerousLineFindings, deadlineReason, deadlineSkip, removedInCommit } from './classify-files.ts';
import { DEFAULT_LINE_RULE_BYTES, RuleClock } from './line-budget.ts';
import { addTo } from './line-findings.ts';
import { sharedParsePool, type ParsePool } from './parse-pool.ts';
import { ParseRun } from './parse-run.ts';
import { planParse, timeBudgetSkip, timeBudgetSpent, type ByteBudget } from './plan-parsing.ts';
import type { ClassifyOptions, SkippedFile } from './classify-files.ts';

export { GITHUB_FILE_CAP } from './aggregate.ts';

/**
 * Stored with every analysis (analyses.engine_version) and shown with its report: which rules made it.
 * vet-1.1: functions paired by where their lines went when a name repeats; a secret the file already
 * held is `secret-moved`, not counted; test files' unnamed functions and growth past 1,000 lines are
 * no style violations; a function inside another function is never public.
 * vet-1.2: a secret the commit removed from another of its files is `secret-moved-from`, not counted;
 * public API by each language's own visibility (Rust `pub(crate)`, Ruby `private` sections, Java/C#
 * overrides and anonymous classes are not); dependency notes read the manifest's structure
 * (manifests.ts): none for a release's own version bump, `dependency-removed` for a removal; C/C++
 * read through their macros (c-macros.ts), a C++ `.h` as C++, `T&&` no decision; a function the commit
 * moved or renamed is judged as the function it was, not as new code; example, internal and private
 * folders, Rake files and C's `main` are no API, nor members of non-public Java/C# types, Ruby's
 * initialize or a setter with a getter; a Python override of a same-module documented method and a
 * Rust item under attributes below its doc comment are documented; Python `@overload` stubs are no
 * functions; Go methods are named `Type.method`; a named suite in a test file is not a long function;
 * every test file is a fixture to the secret scanner.
 */
export const ENGINE_VERSION = 'vet-1.2';

export interface AnalyseOptions {
  /** Where syntax trees are built; defaults to the process-wide worker_threads pool. */
  pool?: ParsePool;
  /** Wall-clock budget for parsing one commit; files not parsed in time are skipped. */
  timeBudgetMs?: number;
  /** Per file and side: larger contents are not parsed. */
  maxFileBytes?: number;
  /** Per commit: contents beyond this total are not parsed. */
  maxTotalBytes?: number;
  /** Per file: bytes of the patch (or of each side's contents) the line rules read; the rest is listed as not read. */
  maxLineRuleBytes?: number;
}

export const DEFAULT_BUDGET = { timeBudgetMs: 10_000, maxFileBytes: 512 * 1024, maxTotalBytes: 8 * 1024 * 1024, maxLineRuleBytes: DEFAULT_LINE_RULE_BYTES } as const;
type Budget = ByteBudget & { timeBudgetMs: number; maxLineRuleBytes: number };
const YIELD_EVERY_MS = 10;

export async function analyseCommitWith(input: CommitInput, options: AnalyseOptions = {}): Promise<AnalysisResult> {
  const budget = { ...DEFAULT_BUDGET, ...options };
  const scan: FileScan = { lines: { findings: [], lintViolations: 0, secrets: 0 }, skippedFiles: [], partial: false, coverage: [], files: [] };
  const parses = new ParseRun(options.pool ?? sharedParsePool(), (skipped) => skip(scan, skipped));
  const started = performance.now();
  const deadline = started + budget.timeBudgetMs;
  let lastYield = started;
  let parsedBytes = 0;
  const removedElsewhere = removedInCommit(input.files, budget.maxLineRuleBytes);
  for (const file of input.files) {
    // The line rules run on this thread: on a huge commit, give the event loop
    // (acks, heartbeats, other jobs) a turn every few milliseconds, and stop
    // reading files once the commit's time budget is spent (inside a file, the
    // line rules stop on their own: RuleClock).
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    if (timeBudgetSpent(performance.now() - started, budget.timeBudgetMs)) skip(scan, timeBudgetSkip(file.path, budget.timeBudgetMs));
    else {
      const clock = new RuleClock(deadline, budget.timeBudgetMs);
      parsedBytes += readFile(scan, file, parses, parsedBytes, budget, { clock, maxLineRuleBytes: budget.maxLineRuleBytes, removedElsewhere: removedElsewhere(file.path) });
    }
  }
  const timedOut = await parses.settle(Math.max(0, deadline - performance.now()));
  // Files whose parse did not finish get the dangerous-call line rules instead, within a short grace.
  const fallbackDeadline = Math.max(performance.now(), deadline) + Math.min(FALLBACK_GRACE_MS, budget.timeBudgetMs / 10);
  return { engineVersion: ENGINE_VERSION, ...aggregate(input, scan, { timedOut, timeBudgetMs: budget.timeBudgetMs, fallbackDeadline }) };
}

/** Time after the budget (at most a tenth of it) for the line-rule fallback of files not parsed in time. */
const FALLBACK_GRACE_MS = 250;

/** Stages 1 and 2 for one file, recorded in `scan`; returns the bytes it sends to be parsed. */
function readFile(scan: FileScan, file: ChangedFile, parses: ParseRun, parsedBytes: number, budget: Budget, options: ClassifyOptions & { clock: RuleClock }): number {
  const { clock } = options;
  const classified = classifyFile(file, options);
  if (classified.type === 'skipped') {
    if (classified.lines) addTo(scan.lines, classified.lines);
    scan.skippedFiles.push(classified.skipped);
    scan.partial ||= classified.partial;
    return 0;
  }
  addTo(scan.lines, classified.lines);
  const deadlineNote = deadlineReason(clock);
  const limits = classified.limits.filter((l) => l.reason !== deadlineNote);
  if (classified.type === 'coverage') {
    noteLimits(scan, limits, file.path, clock);
    scan.coverage.push(classified.coverage);
    return 0;
  }
  const { source } = classified;
  const plan = planParse(source, parsedBytes, budget);
  if (plan.dangerousCalls === 'lines') addTo(scan.lines, dangerousLineFindings(source, clock));
  noteLimits(scan, limits, file.path, clock);
  if (plan.skipReason !== null) scan.skippedFiles.push({ path: file.path, reason: plan.skipReason, ...plan.skipCode });
  scan.partial ||= plan.partial;
  const parsed: ParsedFile = { source, patchOnly: plan.job?.type === 'fragments', dangerousFromTree: plan.dangerousCalls === 'tree' };
  scan.files.push(parsed);
  if (plan.job) parses.start(file.path, plan.job, parsed);
  return plan.bytes;
}

/** What the line rules did not read of a file (byte budget, long lines, the deadline): listed, and the result is partial. */
function noteLimits(scan: FileScan, limits: readonly SkippedFile[], path: string, clock: RuleClock): void {
  const deadline = deadlineSkip(path, clock);
  const all = deadline === null ? limits : [...limits, deadline];
  for (const l of all) skip(scan, l);
}

function skip(scan: FileScan, skipped: SkippedFile): void {
  scan.skippedFiles.push(skipped);
  scan.partial = true;
}
