/**
 * Stage 3 of judging a commit (engine.ts): from what was read and parsed per
 * file to the vet report. Compares each parsed file's functions before/after,
 * turns the results into the four inputs of the pet's formula
 * (formula-inputs.ts) and the health delta (`computeDelta`), and keeps the
 * findings that explain every number, most severe first, at most MAX_FINDINGS.
 * Pure: the same scan always gives the same report.
 */
import type { AnalysisResult, CommitInput, Finding } from '@tamagitto/domain';
import { computeDelta } from '@tamagitto/domain';
import { dangerousLineFindings, type CoverageSides, type SkippedFile, type SourceFile } from './classify-files.ts';
import { collectRemoved, compareFunctions, RemovedFunctions, type FileComparison } from './compare-functions.ts';
import type { DangerousCall } from './dangerous-calls.ts';
import { isProgramPath } from './file-kinds.ts';
import {
  complexityIncrease,
  coverageDeltaFromReport,
  DANGEROUS_CALL_WEIGHT,
  documentationScore,
  estimatedTestDelta,
  MAX_PER_RULE_PER_FILE,
  round2,
} from './formula-inputs.ts';
import { addTo, lineFindings, type LineFindings } from './line-findings.ts';
import { lowerBound } from './lower-bound.ts';
import type { ParsedSides } from './parse-run.ts';
import type { LanguageId } from './languages.ts';
import type { LineChanges } from './patch.ts';
import { timeBudgetSkip } from './plan-parsing.ts';
import { MAX_FILE_LINES, type LineHit } from './style-rules.ts';
import { RuleClock } from './line-budget.ts';

/** GitHub lists at most 3,000 files of a commit; a list that long was probably cut. */
export const GITHUB_FILE_CAP = 3000;
/** Findings kept per commit; the counts in `metrics` still cover everything. */
export const MAX_FINDINGS = 300;

/** A source file after the parse step: its sides' metrics when they were parsed in time. */
export interface ParsedFile extends ParsedSides {
  source: SourceFile;
  /** Only the patch's fragments were parsed (no contents): decisions and test cases, not functions. */
  patchOnly: boolean;
  /** Dangerous calls are judged from the after side's tree (the line rules have not run on this file). */
  dangerousFromTree: boolean;
}

/** What reading the commit's files collected, in file order. */
export interface FileScan {
  /** Findings of the line rules (secrets, sensitive files, manifests, style, dangerous calls by line). */
  lines: LineFindings;
  skippedFiles: SkippedFile[];
  partial: boolean;
  coverage: CoverageSides[];
  files: ParsedFile[];
}

export interface ParseOutcome {
  /** The time budget ran out before every parse was done. */
  timedOut: boolean;
  timeBudgetMs: number;
  /** `performance.now()` after which the line-rule fallback for files not parsed stops (default: never). */
  fallbackDeadline?: number;
}

/** Skipped files listed one by one; beyond this, one line per reason says how many more. */
export const MAX_SKIPPED_LISTED = 100;

export interface ComparedFile {
  file: ParsedFile;
  cmp: FileComparison;
}

export function aggregate(input: CommitInput, scan: FileScan, parsing: ParseOutcome): Omit<AnalysisResult, 'engineVersion'> {
  const judged = judgeParsedFiles(scan.files, parsing, new Set(scan.skippedFiles.map((s) => s.path)));
  const code = judged.comparisons.filter((c) => c.file.source.kind === 'code');
  const testing = testingInputs(scan.files, judged.comparisons, scan.coverage);
  const docs = documentationInputs(scan.files, code, testing.codeLinesAdded);
  const secrets = scan.lines.secrets;
  const metrics = {
    test_coverage_delta: testing.test_coverage_delta,
    documentation_score: docs.documentation_score,
    complexity_increase: complexityIncrease(code.reduce((n, c) => n + c.cmp.complexityIncrease, 0)),
    linting_violations: scan.lines.lintViolations + judged.lines.lintViolations,
    coverage_source: testing.coverageSource,
    secrets_found: secrets,
    files_analysed: judged.comparisons.length,
    files_excluded: scan.files.filter((f) => f.source.excluded).length,
    test_files_changed: testing.testFiles,
    doc_files_changed: docs.docFiles,
    functions_added: code.reduce((n, c) => n + c.cmp.added, 0),
    functions_changed: code.reduce((n, c) => n + c.cmp.changed, 0),
    // A function moved to another file is removed from one and changed in the other: counted once, as changed.
    functions_removed: Math.max(0, code.reduce((n, c) => n + c.cmp.removed - c.cmp.movedSpans.length, 0)),
    max_complexity: Math.max(0, ...code.map((c) => c.cmp.maxComplexity)),
    code_lines_added: testing.codeLinesAdded,
    test_cases_added: testing.testCasesAdded,
    public_functions_changed: docs.publicChanged,
    public_functions_documented: docs.publicDocumented,
    comment_ratio: round2(docs.commentRatio),
    coverage_before: testing.coverageBefore,
    coverage_after: testing.coverageAfter,
    languages: [...new Set(judged.comparisons.map((c) => c.file.source.language))],
  } as const;
  const { delta, poorQuality, raw } = computeDelta(metrics, { secrets });
  const findings = [...scan.lines.findings, ...judged.lines.findings, testing.finding, ...docs.findings];
  return {
    partial: scan.partial || listWasCut(input) || judged.skipped.length > 0,
    skippedFiles: listSkipped([...scan.skippedFiles, ...judged.skipped]),
    filesChanged: input.files.length,
    additions: sum(input.files, (f) => f.additions),
    deletions: sum(input.files, (f) => f.deletions),
    metrics: { ...metrics, languages: [...metrics.languages], raw_delta: raw },
    findings: capFindings(findings),
    poorQuality,
    delta,
  };
}

/**
 * The first MAX_SKIPPED_LISTED entries, then one entry per reason for the rest
 * (`{ path: '(49,900 more files)', reason, more: 49900 }`, with the code and
 * params of the first of them): a 50,000-file commit cut by the time budget
 * stays a report of a few kilobytes.
 */
export function listSkipped(skipped: readonly SkippedFile[], max = MAX_SKIPPED_LISTED): SkippedFile[] {
  if (skipped.length <= max) return [...skipped];
  const rest = new Map<string, { first: SkippedFile; n: number }>();
  for (const s of skipped.slice(max)) {
    const had = rest.get(s.reason);
    if (had) had.n++;
    else rest.set(s.reason, { first: s, n: 1 });
  }
  return [...skipped.slice(0, max), ...[...rest.values()].map(({ first, n }) => ({ ...first, path: `(${n.toLocaleString('en-US')} more files)`, more: n }))];
}

/** GitHub capped the file list, or it is as long as the cap and was probably cut. */
export function listWasCut(input: Pick<CommitInput, 'files' | 'truncated'>): boolean {
  return input.truncated === true || input.files.length >= GITHUB_FILE_CAP;
}

/**
 * Per parsed code or test file: dangerous calls from its tree (the line rules when the tree is
 * missing), its functions compared before/after, and a file grown past MAX_FILE_LINES. A file
 * without both sides parsed is listed as skipped when the time budget ran out (unless it already is).
 */
export function judgeParsedFiles(files: readonly ParsedFile[], parsing: ParseOutcome, alreadySkipped: ReadonlySet<string>): { lines: LineFindings; comparisons: ComparedFile[]; skipped: SkippedFile[] } {
  const lines: LineFindings = { findings: [], lintViolations: 0, secrets: 0 };
  const comparisons: ComparedFile[] = [];
  const skipped: SkippedFile[] = [];
  const removed = new RemovedFunctions();
  for (const file of files) {
    if (file.patchOnly || file.source.excluded || file.before === undefined || file.after === undefined) continue;
    collectRemoved(file.before, file.after, removed);
  }
  for (const file of files) {
    const { source } = file;
    if (source.excluded || !source.language || source.kind === 'doc' || source.kind === 'other') continue;
    const path = source.file.path;
    if (file.dangerousFromTree) {
      // Not parsed (failed, or out of time): the line rules still judge the added lines.
      const calls = file.after?.dangerousCalls;
      if (calls) addTo(lines, lineFindings('security', path, treeDangerousHits(calls, source.changes.added), DANGEROUS_CALL_WEIGHT));
      else {
        const clock = new RuleClock(parsing.fallbackDeadline, parsing.timeBudgetMs);
        addTo(lines, dangerousLineFindings(source, clock));
        if (clock.stoppedAt !== null && !alreadySkipped.has(path)) skipped.push(timeBudgetSkip(path, parsing.timeBudgetMs));
      }
    }
    if (file.before === undefined || file.after === undefined) {
      if (parsing.timedOut && !alreadySkipped.has(path)) skipped.push(timeBudgetSkip(path, parsing.timeBudgetMs));
      continue;
    }
    const cmp = compareFunctions(file.before, file.after, source.changes, file.patchOnly, { testFile: source.kind === 'test', internalModule: internalModule(path, source.language), removed });
    comparisons.push({ file, cmp });
    for (const f of cmp.findings) lines.findings.push({ ...f, file: path });
    lines.lintViolations += Math.min(MAX_PER_RULE_PER_FILE, cmp.styleViolations);
    const grown = fileGrowthFinding(file);
    if (grown) {
      lines.lintViolations++;
      lines.findings.push(grown);
    }
  }
  return { lines, comparisons, skipped };
}

/**
 * A whole file (not a patch fragment) past MAX_FILE_LINES that this commit made longer. Not a
 * test file: those grow with every test added (ky's test/hooks.ts has 5,000 lines), and adding
 * tests must not count as a style violation — as with the suites' length (compare-functions.ts).
 */
function fileGrowthFinding(file: ParsedFile): Finding | null {
  const lines = file.after?.lines ?? 0;
  if (file.patchOnly || file.source.kind === 'test' || lines <= MAX_FILE_LINES || lines <= (file.before?.lines ?? 0)) return null;
  return { group: 'style', severity: 'info', rule: 'max-file-lines', file: file.source.file.path, message: `file grew to ${lines} lines (limit ${MAX_FILE_LINES}); consider splitting it`, params: { lines, limit: MAX_FILE_LINES } };
}

/**
 * The testing group: test_coverage_delta from a coverage report carried by the commit
 * (both sides), else estimated from test cases and lines added vs code lines added.
 */
export function testingInputs(files: readonly ParsedFile[], comparisons: readonly ComparedFile[], coverage: readonly CoverageSides[]) {
  // Kind 'code' implies a language (see `kindOf` in classify-files.ts). A function moved here is no new code.
  const moved = new Map(comparisons.map((c) => [c.file, c.cmp.movedSpans]));
  const codeLinesAdded = sum(codeFiles(files), (f) => countCodeLines(outside(f.source.changes.added, moved.get(f) ?? [])));
  const tests = files.filter((f) => f.source.kind === 'test');
  const testLinesAdded = sum(tests, (f) => countCodeLines(f.source.changes.added));
  const testCasesAdded = Math.max(0, sum(comparisons, (c) => c.cmp.testCasesAdded));
  const reported = coverage.find((c): c is { before: number; after: number } => c.before !== null && c.after !== null);
  const coverageSource = reported ? 'report' : codeLinesAdded > 0 || testCasesAdded > 0 || testLinesAdded > 0 ? 'estimate' : 'none';
  const test_coverage_delta = round2(reported ? coverageDeltaFromReport(reported.before, reported.after) : estimatedTestDelta(codeLinesAdded, testCasesAdded, testLinesAdded));
  return {
    test_coverage_delta,
    coverageSource,
    coverageBefore: reported ? round2(reported.before) : null,
    coverageAfter: reported ? round2(reported.after) : null,
    codeLinesAdded,
    testCasesAdded,
    testFiles: tests.length,
    finding: testingFinding(coverageSource, reported, codeLinesAdded, testCasesAdded, test_coverage_delta),
  } as const;
}

/**
 * The documentation group: doc comments on changed public functions (code files only),
 * documentation files changed, and the share of comment lines in the code added.
 */
export function documentationInputs(files: readonly ParsedFile[], code: readonly ComparedFile[], codeLinesAdded: number) {
  const publicChanged = sum(code, (c) => c.cmp.publicChanged);
  const publicDocumented = sum(code, (c) => c.cmp.publicDocumented);
  const docFiles = files.filter((f) => f.source.kind === 'doc');
  const commentLines = sum(codeFiles(files), (f) => countCommentLines(f.source.changes.added));
  const commentRatio = codeLinesAdded === 0 ? 0 : commentLines / codeLinesAdded;
  const findings: Finding[] = [];
  for (const c of code) for (const f of c.cmp.undocumented) findings.push({ ...f, file: c.file.source.file.path });
  if (docFiles.length > 0) {
    findings.push({ group: 'documentation', severity: 'info', rule: 'docs-changed', file: docFiles[0]?.source.file.path ?? '', message: `${docFiles.length} documentation file(s) changed`, params: { files: docFiles.length } });
  }
  return {
    documentation_score: documentationScore(publicChanged, publicDocumented, docFiles.length, commentRatio),
    publicChanged,
    publicDocumented,
    commentRatio,
    docFiles: docFiles.length,
    findings,
  } as const;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Most severe first (ties keep their order), at most MAX_FINDINGS. */
export function capFindings(findings: readonly Finding[], max = MAX_FINDINGS): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .slice(0, max)
    .map(({ f }) => f);
}

/**
 * The tree's dangerous calls that the commit touched: those spanning an added line,
 * reported where the call starts when that line is added, else at its first added line.
 */
export function treeDangerousHits(calls: readonly DangerousCall[], added: LineChanges['added']): LineHit[] {
  const lines = added.map((l) => l.line).sort((a, b) => a - b);
  const hits: LineHit[] = [];
  for (const call of calls) {
    const touched = lines[lowerBound(lines, call.line)];
    if (touched === undefined || touched > call.endLine) continue;
    hits.push({ rule: call.rule, line: touched, message: call.message, severity: 'warning' });
  }
  return hits;
}


/** The lines outside every span (first..last line, inclusive). */
function outside(lines: LineChanges['added'], spans: readonly [number, number][]): LineChanges['added'] {
  return spans.length === 0 ? lines : lines.filter((l) => !spans.some(([first, last]) => l.line >= first && l.line <= last));
}

/** Code files that count toward the code metrics (not excluded). */
function codeFiles(files: readonly ParsedFile[]): ParsedFile[] {
  return files.filter((f) => f.source.kind === 'code' && !f.source.excluded);
}

const COMMENT_LINE = /^\s*(\/\/|\/\*|\*|#(?!include|define|if|endif|pragma|!)|"""|''')/;

export function countCodeLines(lines: LineChanges['added']): number {
  return lines.reduce((n, l) => (l.text.trim() === '' ? n : n + 1), 0);
}

export function countCommentLines(lines: LineChanges['added']): number {
  return lines.reduce((n, l) => (COMMENT_LINE.test(l.text) ? n + 1 : n), 0);
}

function testingFinding(source: 'report' | 'estimate' | 'none', reported: CoverageSides | undefined, code: number, cases: number, points: number): Finding {
  const message =
    source === 'report' && reported
      ? `line coverage ${reported.before?.toFixed(1)}% → ${reported.after?.toFixed(1)}% (from the coverage report in the commit)`
      : source === 'estimate'
        ? `estimated from ${cases} test case(s) added for ${code} line(s) of code (no coverage report in the commit)`
        : 'no code or tests changed';
  const params: Record<string, number> =
    source === 'report' && reported ? { before: round1(reported.before), after: round1(reported.after), points } : source === 'estimate' ? { cases, lines: code, points } : { points };
  return { group: 'testing', severity: points < 0 ? 'warning' : 'info', rule: `coverage-${source}`, file: '', message: `${message}: ${points >= 0 ? '+' : ''}${points} test points`, params };
}

/** As `toFixed(1)` shows it in the English message, as a number. */
function round1(n: number | null | undefined): number {
  return Math.round((n ?? 0) * 10) / 10;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((n, item) => n + of(item), 0);
}

/**
 * Folders a project keeps to itself: Go refuses to import an `internal/` package from outside
 * its parent, and the name says the same elsewhere (serde's `private` module, reached only by
 * its own macros' expansions as `serde::__private`).
 */
const PRIVATE_DIRS = new Set(['internal', 'private', '_private', '__private']);

/**
 * Whether a file's functions are no API of its project, whatever their visibility: programs
 * (examples, benchmarks, Rake tasks: isProgramPath), internal and private folders; and by PEP 8 a Python module whose name starts with `_`
 * (click's `_compat.py`, `_termui_impl.py`; `__init__.py` and `__main__.py` are not).
 */
function internalModule(path: string, language: LanguageId | null): boolean {
  if (isProgramPath(path)) return true;
  const parts = path.split('/');
  if (parts.slice(0, -1).some((dir) => PRIVATE_DIRS.has(dir))) return true;
  if (language !== 'python') return false;
  const base = parts[parts.length - 1]!;
  return base.startsWith('_') && !/^__\w+__\.py$/.test(base);
}
