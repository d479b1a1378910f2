/**
 * The commit-analysis engine behind `analyseCommit` (issue #3, the "vet report").
 *
 * Per file: classify (code / test / doc, excluded, manifest, coverage report),
 * read the changed lines from the patch (or from both contents), parse both
 * sides in the parse pool, then compare functions before/after by name. Every
 * number in the result comes with the findings that produced it.
 */
import type { AnalysisResult, ChangedFile, CommitInput, Finding } from '@tamagitto/domain';
import { computeDelta } from '@tamagitto/domain';
import { coverageFormat, parseCoverage } from './coverage.ts';
import { dependenciesAdded, isDependencyManifest, isDocFile, isExcluded, isLockFile, isTestFile, sensitiveFileReason } from './file-kinds.ts';
import {
  complexityIncrease,
  coverageDeltaFromReport,
  DANGEROUS_CALL_WEIGHT,
  documentationScore,
  estimatedTestDelta,
  MAX_PER_RULE_PER_FILE,
  round2,
} from './formula-inputs.ts';
import { compareFunctions, type FileComparison } from './compare-functions.ts';
import type { SourceMetrics } from './function-metrics.ts';
import { detectLanguage, type LanguageId } from './languages.ts';
import { sharedParsePool, type ParsePool } from './parse-pool.ts';
import { diffContents, parsePatch, type LineChanges } from './patch.ts';
import { scanSecrets } from './secrets.ts';
import { dangerousCallHits, MAX_FILE_LINES, styleHits, type LineHit } from './style-rules.ts';
import { hasDangerousCallRules, type DangerousCall } from './dangerous-calls.ts';

export const ENGINE_VERSION = 'vet-1.0';

export interface AnalyseOptions {
  /** Where syntax trees are built; defaults to the process-wide worker_threads pool. */
  pool?: ParsePool;
  /** Wall-clock budget for parsing one commit; files not parsed in time are skipped. */
  timeBudgetMs?: number;
  /** Per file and side: larger contents are not parsed. */
  maxFileBytes?: number;
  /** Per commit: contents beyond this total are not parsed. */
  maxTotalBytes?: number;
}

export const DEFAULT_BUDGET = { timeBudgetMs: 10_000, maxFileBytes: 512 * 1024, maxTotalBytes: 8 * 1024 * 1024 } as const;
export const GITHUB_FILE_CAP = 3000;
const YIELD_EVERY_MS = 10;
const PRINTS_BY_DESIGN = /(^|\/)(bin|cmd|scripts?|cli|examples?|tools|bench|benchmarks?)\/|(^|\/)(cli|main|__main__)\.\w+$/;
/** Findings kept per commit; the counts in `metrics` still cover everything. */
const MAX_FINDINGS = 300;
const SHOWN_PER_RULE_PER_FILE = 3;

type Kind = 'code' | 'test' | 'doc' | 'other';

interface FileWork {
  file: ChangedFile;
  kind: Kind;
  language: LanguageId | null;
  excluded: boolean;
  changes: LineChanges;
  /** Parsed sides; `undefined` while pending or when not parsed. */
  before?: SourceMetrics | null;
  after?: SourceMetrics | null;
  patchOnly: boolean;
  /** Dangerous calls come from the after side's syntax tree, not the line rules (decided once the file is sent to parse). */
  dangerousFromTree: boolean;
}

export async function analyseCommitWith(input: CommitInput, options: AnalyseOptions = {}): Promise<AnalysisResult> {
  const budget = { ...DEFAULT_BUDGET, ...options };
  const pool = options.pool ?? sharedParsePool();
  const findings: Finding[] = [];
  const skippedFiles: { path: string; reason: string }[] = [];
  // GitHub lists at most 3,000 files of a commit; a list that long was probably cut.
  let partial = input.truncated === true || input.files.length >= GITHUB_FILE_CAP;
  let additions = 0;
  let deletions = 0;
  let parsedBytes = 0;
  let secrets = 0;
  let lintViolations = 0;
  const coverage: { before: number | null; after: number | null }[] = [];
  const works: FileWork[] = [];
  const parses: Promise<void>[] = [];

  const started = performance.now();
  let lastYield = started;
  for (const file of input.files) {
    additions += file.additions;
    deletions += file.deletions;
    // The line rules run on this thread: on a huge commit, give the event loop
    // (acks, heartbeats, other jobs) a turn every few milliseconds, and stop
    // reading files once the commit's time budget is spent.
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    if (performance.now() - started > budget.timeBudgetMs) {
      skippedFiles.push({ path: file.path, reason: `time budget (${budget.timeBudgetMs} ms) exhausted` });
      partial = true;
      continue;
    }
    if (file.binary) {
      skippedFiles.push({ path: file.path, reason: 'binary' });
      continue;
    }
    const changes = readChanges(file);
    if (!changes) {
      skippedFiles.push({ path: file.path, reason: 'no patch or contents (GitHub omits them for very large diffs)' });
      partial = true;
      continue;
    }
    if (!isLockFile(file.path)) {
      for (const hit of scanSecrets(changes.added)) {
        secrets++;
        findings.push({ group: 'security', severity: 'error', rule: `secret/${hit.rule}`, file: file.path, line: hit.line, message: `${hit.description} added (${hit.masked}); revoke it and remove it from history` });
      }
    }
    const sensitive = file.status === 'removed' ? null : sensitiveFileReason(file.path);
    if (sensitive) {
      findings.push({ group: 'security', severity: 'warning', rule: 'sensitive-file', file: file.path, message: `${sensitive} committed: keep it out of the repository (.gitignore) and rotate what it holds` });
      lintViolations += DANGEROUS_CALL_WEIGHT;
    }
    if (isDependencyManifest(file.path)) {
      const names = dependenciesAdded(file.path, changes.added.map((l) => l.text));
      const which = names.length === 0 ? 'review new and upgraded packages' : `review ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`;
      findings.push({ group: 'security', severity: 'info', rule: 'dependency-update', file: file.path, message: `dependency ${isLockFile(file.path) ? 'lockfile' : 'manifest'} changed: ${which}` });
    }
    const { before, after } = resolveSides(file, changes);
    const content = after ?? before;
    const format = coverageFormat(file.path);
    if (format) {
      coverage.push({
        before: typeof before === 'string' ? parseCoverage(format, before) : null,
        after: typeof after === 'string' ? parseCoverage(format, after) : null,
      });
      continue;
    }
    const language = detectLanguage(file.path, content);
    const excluded = isExcluded(file.path, content);
    const kind: Kind = isDocFile(file.path) && !language ? 'doc' : isTestFile(file.path) ? 'test' : language ? 'code' : 'other';
    const work: FileWork = { file, kind, language, excluded, changes, patchOnly: false, dangerousFromTree: false };
    works.push(work);
    if (excluded || !language) continue;

    // Printing is the job of tests, scripts and command-line entry points (Go's cmd/, Python's __main__).
    const allowOutput = kind === 'test' || PRINTS_BY_DESIGN.test(file.path);
    lintViolations += addLineFindings(findings, 'style', file.path, styleHits(changes.added, { language, allowOutput, markdown: false }));
    // Dangerous calls: from the syntax tree when the whole after side is parsed and the
    // language has tree rules; the line rules are the fallback (patch only, too large, other languages).
    const lineDangerous = () => {
      lintViolations += DANGEROUS_CALL_WEIGHT * addLineFindings(findings, 'security', file.path, dangerousCallHits(changes.added, language));
    };

    const size = Math.max(before?.length ?? 0, after?.length ?? 0);
    if (size > budget.maxFileBytes) {
      lineDangerous();
      skippedFiles.push({ path: file.path, reason: `too large to parse (${Math.round(size / 1024)} KiB > ${Math.round(budget.maxFileBytes / 1024)} KiB)` });
      partial = true;
      continue;
    }
    if (parsedBytes + size > budget.maxTotalBytes) {
      lineDangerous();
      skippedFiles.push({ path: file.path, reason: 'commit size budget exhausted' });
      partial = true;
      continue;
    }
    parsedBytes += size;
    // Rust keeps unit tests beside the code (`#[cfg(test)] mod tests`), so its code files count too.
    const countTests = kind === 'test' || language === 'rust';
    if (before !== undefined && after !== undefined) {
      work.dangerousFromTree = typeof after === 'string' && hasDangerousCallRules(language);
      if (!work.dangerousFromTree) lineDangerous();
      parses.push(
        pool.parsePair({ before, after, language, countTests, dangerousCalls: work.dangerousFromTree }).then((pair) => {
          work.before = pair.before;
          work.after = pair.after;
        }, parseFailed(file.path)),
      );
    } else {
      // Contents not fetched: parse the changed lines alone (tree-sitter recovers
      // from the fragments), enough for decisions and test cases, not for functions.
      work.patchOnly = true;
      lineDangerous();
      partial = true;
      const text = (lines: LineChanges['added']) => lines.map((l) => l.text).join('\n');
      parses.push(
        Promise.all([pool.parse({ source: text(changes.removed), language, countTests }), pool.parse({ source: text(changes.added), language, countTests })]).then(
          ([b, a]) => {
            work.before = b;
            work.after = a;
          },
          parseFailed(file.path),
        ),
      );
    }
  }

  // Parses still running when the budget ends finish later; they must not touch the returned result.
  let settled = false;
  function parseFailed(path: string) {
    return (error: unknown) => {
      if (settled) return;
      skippedFiles.push({ path, reason: `parse failed: ${String(error).slice(0, 200)}` });
      partial = true;
    };
  }

  const timedOut = await settleWithin(parses, Math.max(0, budget.timeBudgetMs - (performance.now() - started)));
  settled = true;
  const skippedPaths = new Set(skippedFiles.map((s) => s.path));
  const comparisons: { work: FileWork; cmp: FileComparison }[] = [];
  for (const work of works) {
    if (work.excluded || !work.language || work.kind === 'doc' || work.kind === 'other') continue;
    if (work.dangerousFromTree) {
      // Not parsed (failed, or out of time): the line rules still judge the added lines.
      const hits = work.after?.dangerousCalls ? treeDangerousHits(work.after.dangerousCalls, work.changes.added) : dangerousCallHits(work.changes.added, work.language);
      lintViolations += DANGEROUS_CALL_WEIGHT * addLineFindings(findings, 'security', work.file.path, hits);
    }
    if (work.before === undefined || work.after === undefined) {
      if (timedOut && !skippedPaths.has(work.file.path)) {
        skippedFiles.push({ path: work.file.path, reason: `time budget (${budget.timeBudgetMs} ms) exhausted` });
        partial = true;
      }
      continue;
    }
    const cmp = compareFunctions(work.before, work.after, work.changes, work.patchOnly);
    comparisons.push({ work, cmp });
    findings.push(...cmp.findings.map((f) => ({ ...f, file: work.file.path })));
    lintViolations += Math.min(MAX_PER_RULE_PER_FILE, cmp.styleViolations);
    const lines = work.after?.lines ?? 0;
    if (!work.patchOnly && lines > MAX_FILE_LINES && lines > (work.before?.lines ?? 0)) {
      lintViolations++;
      findings.push({ group: 'style', severity: 'info', rule: 'max-file-lines', file: work.file.path, message: `file grew to ${lines} lines (limit ${MAX_FILE_LINES}); consider splitting it` });
    }
  }

  // Testing
  const code = comparisons.filter((c) => c.work.kind === 'code');
  // Kind 'code' implies a language (see `kind` above).
  const codeWorks = works.filter((w) => w.kind === 'code' && !w.excluded);
  const testWorks = works.filter((w) => w.kind === 'test');
  const codeLinesAdded = codeWorks.reduce((n, w) => n + countCodeLines(w.changes.added), 0);
  const testCasesAdded = Math.max(0, comparisons.reduce((n, c) => n + c.cmp.testCasesAdded, 0));
  const testLinesAdded = testWorks.reduce((n, w) => n + countCodeLines(w.changes.added), 0);
  const reported = coverage.find((c) => c.before !== null && c.after !== null);
  const coverageSource = reported ? 'report' : codeLinesAdded > 0 || testCasesAdded > 0 || testLinesAdded > 0 ? 'estimate' : 'none';
  const test_coverage_delta = round2(
    reported && reported.before !== null && reported.after !== null
      ? coverageDeltaFromReport(reported.before, reported.after)
      : estimatedTestDelta(codeLinesAdded, testCasesAdded, testLinesAdded),
  );
  findings.push(testingFinding(coverageSource, reported, codeLinesAdded, testCasesAdded, test_coverage_delta));

  // Documentation
  const publicChanged = code.reduce((n, c) => n + c.cmp.publicChanged, 0);
  const publicDocumented = code.reduce((n, c) => n + c.cmp.publicDocumented, 0);
  const docFiles = works.filter((w) => w.kind === 'doc');
  const commentLines = codeWorks.reduce((n, w) => n + countCommentLines(w.changes.added), 0);
  const commentRatio = codeLinesAdded === 0 ? 0 : commentLines / codeLinesAdded;
  const documentation_score = documentationScore(publicChanged, publicDocumented, docFiles.length, commentRatio);
  for (const c of code) findings.push(...c.cmp.undocumented.map((f) => ({ ...f, file: c.work.file.path })));
  if (docFiles.length > 0) {
    findings.push({ group: 'documentation', severity: 'info', rule: 'docs-changed', file: docFiles[0]?.file.path ?? '', message: `${docFiles.length} documentation file(s) changed` });
  }

  const complexitySum = code.reduce((n, c) => n + c.cmp.complexityIncrease, 0);
  const metrics = {
    test_coverage_delta,
    documentation_score,
    complexity_increase: complexityIncrease(complexitySum),
    linting_violations: lintViolations,
    coverage_source: coverageSource,
    secrets_found: secrets,
    files_analysed: comparisons.length,
    files_excluded: works.filter((w) => w.excluded).length,
    test_files_changed: testWorks.length,
    doc_files_changed: docFiles.length,
    functions_added: code.reduce((n, c) => n + c.cmp.added, 0),
    functions_changed: code.reduce((n, c) => n + c.cmp.changed, 0),
    functions_removed: code.reduce((n, c) => n + c.cmp.removed, 0),
    max_complexity: Math.max(0, ...code.map((c) => c.cmp.maxComplexity)),
    code_lines_added: codeLinesAdded,
    test_cases_added: testCasesAdded,
    public_functions_changed: publicChanged,
    public_functions_documented: publicDocumented,
    comment_ratio: round2(commentRatio),
    coverage_before: reported?.before === undefined || reported.before === null ? null : round2(reported.before),
    coverage_after: reported?.after === undefined || reported.after === null ? null : round2(reported.after),
    languages: [...new Set(comparisons.map((c) => c.work.language))],
  } as const;
  const { delta, poorQuality, raw } = computeDelta(metrics, { secrets });
  return {
    engineVersion: ENGINE_VERSION,
    partial,
    skippedFiles: [...skippedFiles],
    filesChanged: input.files.length,
    additions,
    deletions,
    metrics: { ...metrics, languages: [...metrics.languages], raw_delta: raw },
    findings: prioritise(findings),
    poorQuality,
    delta,
  };
}

/**
 * The contents to parse. An added file's patch holds the whole file (a removed
 * file's, all of it as removed lines), so it can be analysed fully without
 * fetched contents — the consumer fetches contents for a limited number of files.
 */
function resolveSides(file: ChangedFile, changes: LineChanges): { before: string | null | undefined; after: string | null | undefined } {
  let { before, after } = file;
  const whole = (lines: LineChanges['added'], expected: number) => (lines.length === expected && lines.length > 0 ? `${lines.map((l) => l.text).join('\n')}\n` : undefined);
  if (file.status === 'added') {
    before = null;
    if (after === undefined && file.patch !== undefined) after = whole(changes.added, file.additions);
  } else if (file.status === 'removed') {
    after = null;
    if (before === undefined && file.patch !== undefined) before = whole(changes.removed, file.deletions);
  }
  return { before, after };
}

function readChanges(file: ChangedFile): LineChanges | null {
  if (file.patch !== undefined) return parsePatch(file.patch);
  if (file.before !== undefined && file.after !== undefined) return diffContents(file.before, file.after);
  if (file.status === 'added' && typeof file.after === 'string') return diffContents(null, file.after);
  if (file.status === 'removed' && typeof file.before === 'string') return diffContents(file.before, null);
  return null;
}

/**
 * The tree's dangerous calls that the commit touched: those spanning an added line,
 * reported where the call starts when that line is added, else at its first added line.
 */
function treeDangerousHits(calls: readonly DangerousCall[], added: LineChanges['added']): LineHit[] {
  const lines = added.map((l) => l.line).sort((a, b) => a - b);
  const hits: LineHit[] = [];
  for (const call of calls) {
    const touched = firstAtOrAfter(lines, call.line);
    if (touched === undefined || touched > call.endLine) continue;
    hits.push({ rule: call.rule, line: touched, message: call.message, severity: 'warning' });
  }
  return hits;
}

/** The first value ≥ `min` in an ascending list (binary search). */
function firstAtOrAfter(sorted: readonly number[], min: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < min) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}

/** Adds at most a few findings per rule and file; returns how many violations count toward the formula. */
function addLineFindings(findings: Finding[], group: Finding['group'], file: string, hits: LineHit[]): number {
  const byRule = new Map<string, LineHit[]>();
  for (const h of hits) {
    const list = byRule.get(h.rule);
    if (list) list.push(h);
    else byRule.set(h.rule, [h]);
  }
  let counted = 0;
  for (const [rule, list] of byRule) {
    counted += Math.min(MAX_PER_RULE_PER_FILE, list.length);
    list.slice(0, SHOWN_PER_RULE_PER_FILE).forEach((h, i) => {
      const more = i === SHOWN_PER_RULE_PER_FILE - 1 && list.length > SHOWN_PER_RULE_PER_FILE ? ` (and ${list.length - SHOWN_PER_RULE_PER_FILE} more in this file)` : '';
      findings.push({ group, severity: h.severity, rule, file, line: h.line, message: h.message + more });
    });
  }
  return counted;
}

const COMMENT_LINE = /^\s*(\/\/|\/\*|\*|#(?!include|define|if|endif|pragma|!)|"""|''')/;

function countCodeLines(lines: LineChanges['added']): number {
  return lines.reduce((n, l) => (l.text.trim() === '' ? n : n + 1), 0);
}

function countCommentLines(lines: LineChanges['added']): number {
  return lines.reduce((n, l) => (COMMENT_LINE.test(l.text) ? n + 1 : n), 0);
}

function testingFinding(source: string, reported: { before: number | null; after: number | null } | undefined, code: number, cases: number, points: number): Finding {
  const message =
    source === 'report' && reported
      ? `line coverage ${reported.before?.toFixed(1)}% → ${reported.after?.toFixed(1)}% (from the coverage report in the commit)`
      : source === 'estimate'
        ? `estimated from ${cases} test case(s) added for ${code} line(s) of code (no coverage report in the commit)`
        : 'no code or tests changed';
  return { group: 'testing', severity: points < 0 ? 'warning' : 'info', rule: `coverage-${source}`, file: '', message: `${message}: ${points >= 0 ? '+' : ''}${points} test points` };
}

/** Waits for all parses or the budget; true when the budget ran out first. */
async function settleWithin(work: Promise<void>[], ms: number): Promise<boolean> {
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

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function prioritise(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .slice(0, MAX_FINDINGS)
    .map(({ f }) => f);
}
