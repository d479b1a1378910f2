/**
 * Stage 1 of judging a commit (engine.ts): what each changed file is, and what
 * its added lines say before any syntax tree exists. Pure and per file, so the
 * engine can stop between files (time budget, event-loop turns).
 *
 * A file is either skipped (binary; no patch and no contents), a coverage
 * report (its sides feed the testing group), or a source file: kind
 * (code / test / doc / other), language, excluded (not written by hand), the
 * lines it changed and the contents each side has. Every file that is read is
 * scanned for secrets (lock files aside: their hashes look like secrets) and
 * checked for being a sensitive file or a dependency manifest; the style rules
 * run only on code and tests with a known language that are not excluded.
 */
import type { ChangedFile, Finding, SkippedFile } from '@tamagitto/domain';
import { coverageFormat, parseCoverage } from './coverage.ts';
import { dependencyOnLine, isActionsFile, isDependencyManifest, isDocFile, isExcluded, isLockFile, isProgramPath, isTestFile, sensitiveFileReason } from './file-kinds.ts';
import { DANGEROUS_CALL_WEIGHT } from './formula-inputs.ts';
import { detectLanguage, type LanguageId } from './languages.ts';
import { DEFAULT_LINE_RULE_BYTES, formatBytes, prefixLines, RULE_LINE_CHARS, RuleClock } from './line-budget.ts';
import { addTo, lineFindings, type LineFindings } from './line-findings.ts';
import { manifestChange, type LineRole } from './manifests.ts';
import { diffContents, parsePatch, type DiffLine, type LineChanges } from './patch.ts';
import { scanSecrets } from './secrets.ts';
import { commentBlockLines, dangerousCallHits, MAX_LINE_LENGTH, styleHits } from './style-rules.ts';

export type Kind = 'code' | 'test' | 'doc' | 'other';

/** A file listed as skipped or read in part: the English `reason`, and its `code` and `params` (SKIPPED_PARAMS in @tamagitto/domain). */
export type { SkippedFile };

/** Line coverage (percent) of a coverage report's two sides; null where a side is missing or unreadable. */
export interface CoverageSides {
  before: number | null;
  after: number | null;
}

export interface SourceFile {
  file: ChangedFile;
  kind: Kind;
  language: LanguageId | null;
  /** Vendored, built, minified, lock or generated: kept out of the code metrics. */
  excluded: boolean;
  changes: LineChanges;
  /** Contents of each side: `null` when the side does not exist, `undefined` when unknown. */
  before: string | null | undefined;
  after: string | null | undefined;
}

export type ClassifiedFile =
  | { type: 'skipped'; skipped: SkippedFile; /** The result can no longer be complete. */ partial: boolean; /** A binary keystore's sensitive-file warning. */ lines?: LineFindings }
  | { type: 'coverage'; coverage: CoverageSides; lines: LineFindings; limits: SkippedFile[] }
  | { type: 'source'; source: SourceFile; lines: LineFindings; limits: SkippedFile[] };

/** The bounds of the line rules for one file (line-budget.ts). */
export interface ClassifyOptions {
  /** The commit's deadline; the rules stop where it passes. */
  clock?: RuleClock;
  /** Bytes of the file's patch (or of each side's contents) that are read; the rest is listed as not read. */
  maxLineRuleBytes?: number;
  /**
   * Another file of the same commit whose removed lines hold this secret's value (its path), else
   * null: a secret moved between files (engine.ts asks the commit's other files).
   */
  removedElsewhere?: (secret: string) => string | null;
}

export const NO_CHANGES_REASON = 'no patch or contents (GitHub omits them for very large diffs)';

/** Printing is the job of tests, scripts and command-line entry points (Go's cmd/, Python's __main__), of CI's own scripts (.github/), and of examples, benchmarks and Rake tasks (isProgramPath). */
const PRINTS_BY_DESIGN = /(^|\/)(bin|cmd|scripts?|cli|tools|\.github)\/|(^|\/)(cli|main|__main__)\.\w+$/;

/**
 * `limits` lists what the line rules did not read of a file that was read
 * (beyond the byte budget, past the deadline, the tail of very long lines), so
 * the engine can list it and mark the result partial.
 * @example classifyFile({ path: 'img/a.png', status: 'added', additions: 0, deletions: 0, binary: true })
 * // { type: 'skipped', skipped: { path: 'img/a.png', reason: 'binary' }, partial: false }
 */
export function classifyFile(file: ChangedFile, options: ClassifyOptions = {}): ClassifiedFile {
  if (file.binary) {
    // Not read, but a keystore (.jks, .p12, .pfx) is binary: its name is enough to warn.
    const sensitive = file.status === 'removed' ? null : sensitiveFileReason(file.path);
    return { type: 'skipped', skipped: { path: file.path, reason: 'binary', code: 'binary', params: {} }, partial: false, ...(sensitive && { lines: sensitiveFinding(file.path, sensitive) }) };
  }
  const maxBytes = options.maxLineRuleBytes ?? DEFAULT_LINE_RULE_BYTES;
  const clock = options.clock ?? RuleClock.unlimited();
  const read = readChangesWithin(file, maxBytes);
  if (!read) return { type: 'skipped', skipped: { path: file.path, reason: NO_CHANGES_REASON, code: 'no_changes', params: {} }, partial: true };
  const { changes } = read;
  const limits: SkippedFile[] = [];
  if (read.cut) {
    const [size, line] = [formatBytes(maxBytes), lastLine(changes)];
    limits.push({ path: file.path, reason: `changes larger than the ${size} the line rules read per file: lines after ${line} not checked`, code: 'line_bytes', params: { size, line } });
  }
  const sides = resolveSides(file, changes);
  const lines = securityFindings(file, changes, sides, clock, options.removedElsewhere);
  const { before, after } = sides;
  const format = coverageFormat(file.path);
  if (format) {
    const coverage = {
      before: typeof before === 'string' ? parseCoverage(format, before) : null,
      after: typeof after === 'string' ? parseCoverage(format, after) : null,
    };
    return { type: 'coverage', coverage, lines, limits: withDeadline(limits, file.path, clock) };
  }
  const content = after ?? before;
  const language = detectLanguage(file.path, content);
  const excluded = isExcluded(file.path, content);
  const kind = kindOf(file.path, language);
  const source: SourceFile = { file, kind, language, excluded, changes, before, after };
  if (!excluded && language) {
    addTo(lines, styleFindings(source, language, clock));
    const long = changes.added.filter((l) => l.text.length > RULE_LINE_CHARS);
    if (long.length > 0) {
      const longest = Math.max(...long.map((l) => l.text.length));
      limits.push({
        path: file.path,
        reason: `${long.length} line(s) longer than ${RULE_LINE_CHARS} characters (longest ${longest}): style and dangerous-call rules read the first ${RULE_LINE_CHARS} of each`,
        code: 'long_lines',
        params: { count: long.length, limit: RULE_LINE_CHARS, longest },
      });
    }
  }
  return { type: 'source', source, lines, limits: withDeadline(limits, file.path, clock) };
}

/** The reason listed for a file whose line rules were stopped by the commit's deadline. */
export function deadlineReason(clock: RuleClock): string | null {
  return clock.stoppedAt === null ? null : `time budget (${clock.budgetMs} ms) exhausted at line ${clock.stoppedAt}: the line rules did not read the rest of the file`;
}

/** `deadlineReason` as the file's entry, with its code and params. */
export function deadlineSkip(path: string, clock: RuleClock): SkippedFile | null {
  const reason = deadlineReason(clock);
  return reason === null ? null : { path, reason, code: 'line_time_budget', params: { budgetMs: clock.budgetMs, line: clock.stoppedAt! } };
}

function withDeadline(limits: SkippedFile[], path: string, clock: RuleClock): SkippedFile[] {
  const entry = deadlineSkip(path, clock);
  return entry === null ? limits : [...limits, entry];
}

function lastLine(changes: LineChanges): number {
  return Math.max(changes.added.at(-1)?.line ?? 0, changes.removed.at(-1)?.line ?? 0);
}

/** A documentation path is a doc unless a language claims it; tests by path; else code when a language is known. */
export function kindOf(path: string, language: LanguageId | null): Kind {
  // A manifest written in a language (a Gemfile is Ruby, setup.py Python) declares dependencies: it is
  // no code to test (sinatra's 0135c854 counted its Gemfile line as one line of untested code).
  if (isDependencyManifest(path)) return 'other';
  return isDocFile(path) && !language ? 'doc' : isTestFile(path) ? 'test' : language ? 'code' : 'other';
}

/**
 * The line rules' verdict on dangerous calls in the added lines: the fallback
 * where the syntax tree does not judge them (plan-parsing.ts decides which).
 */
export function dangerousLineFindings(source: SourceFile, clock = RuleClock.unlimited()): LineFindings {
  return lineFindings('security', source.file.path, dangerousCallHits(source.changes.added, source.language, clock), DANGEROUS_CALL_WEIGHT);
}

/** The lines a commit added and removed: from the patch, else by comparing the contents. */
export function readChanges(file: ChangedFile): LineChanges | null {
  return readChangesWithin(file, Infinity)?.changes ?? null;
}

/**
 * `readChanges` reading at most `maxBytes` of the patch (or of each side's
 * contents), cut after a whole line: a 100 MB blob costs what its first
 * megabyte costs. `cut` says that the rest was not read.
 */
export function readChangesWithin(file: ChangedFile, maxBytes: number): { changes: LineChanges; cut: boolean } | null {
  if (file.patch !== undefined) {
    const patch = prefixLines(file.patch, maxBytes);
    return { changes: parsePatch(patch.text), cut: patch.cut };
  }
  const side = (text: string | null) => (text === null ? { text: null, cut: false } : prefixLines(text, maxBytes));
  const diff = (before: string | null, after: string | null) => {
    const [b, a] = [side(before), side(after)];
    return { changes: diffContents(b.text, a.text), cut: b.cut || a.cut };
  };
  if (file.before !== undefined && file.after !== undefined) return diff(file.before, file.after);
  if (file.status === 'added' && typeof file.after === 'string') return diff(null, file.after);
  if (file.status === 'removed' && typeof file.before === 'string') return diff(file.before, null);
  return null;
}

/**
 * For one commit: which file's removed lines hold a value, for a file that asks about a secret it
 * added (`ClassifyOptions.removedElsewhere`). Each other file's removed lines are read once, on the
 * first question — most commits add no secret and never ask — within the same byte budget.
 */
export function removedInCommit(files: readonly ChangedFile[], maxBytes: number): (asking: string) => (secret: string) => string | null {
  let removed: { path: string; text: string }[] | undefined;
  const read = () =>
    (removed ??= files
      .filter((f) => !f.binary && (f.deletions > 0 || f.status === 'removed'))
      .map((f) => ({ path: f.path, text: (readChangesWithin(f, maxBytes)?.changes.removed ?? []).map((l) => l.text).join('\n') }))
      .filter((f) => f.text.length > 0));
  return (asking) => (secret) => read().find((f) => f.path !== asking && f.text.includes(secret))?.path ?? null;
}

/** Each side's contents: `null` when the side does not exist, `undefined` when unknown. */
type Sides = { before: string | null | undefined; after: string | null | undefined };

/**
 * The contents to parse. An added file's patch holds the whole file (a removed
 * file's, all of it as removed lines), so it can be analysed fully without
 * fetched contents — the consumer fetches contents for a limited number of files.
 */
export function resolveSides(file: ChangedFile, changes: LineChanges): Sides {
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

/** Secrets in added lines (always masked), a committed sensitive file, a dependency manifest changed. */
function securityFindings(file: ChangedFile, changes: LineChanges, sides: Sides, clock: RuleClock, removedElsewhere?: ClassifyOptions['removedElsewhere']): LineFindings {
  const out: LineFindings = { findings: [], lintViolations: 0, secrets: 0 };
  if (!isLockFile(file.path)) {
    // A value the file held before this commit (a line re-indented or moved, a file renamed), or
    // one the commit removed from another file (a config moved), was not leaked by it: shown, not
    // counted — the docs commit that re-indents an example key must not cost the pet 15 points.
    let before: string | undefined;
    const inThisFile = (secret: string) => (before ??= [typeof file.before === 'string' ? file.before : '', ...changes.removed.map((l) => l.text)].join('\n')).includes(secret);
    const wasThere = (secret: string) => inThisFile(secret) || (removedElsewhere?.(secret) ?? false);
    for (const hit of scanSecrets(changes.added, { clock, path: file.path, wasThere })) {
      const params = { description: hit.description, masked: hit.masked };
      if (hit.movedFrom !== undefined) {
        out.findings.push({ group: 'security', severity: 'warning', rule: 'secret-moved-from', file: file.path, line: hit.line, message: `${hit.description} moved (${hit.masked}) from ${hit.movedFrom}, which this commit removed it from, so it is not counted as added; it is still in the history — revoke it if it is real`, params: { ...params, from: hit.movedFrom } });
        continue;
      }
      if (hit.moved) {
        out.findings.push({ group: 'security', severity: 'warning', rule: 'secret-moved', file: file.path, line: hit.line, message: `${hit.description} moved (${hit.masked}): it was in this file before this commit, so it is not counted as added; it is still in the history — revoke it if it is real`, params });
        continue;
      }
      out.secrets++;
      out.findings.push({ group: 'security', severity: 'error', rule: `secret/${hit.rule}`, file: file.path, line: hit.line, message: `${hit.description} added (${hit.masked}); revoke it and remove it from history`, params });
    }
  }
  const sensitive = file.status === 'removed' ? null : sensitiveFileReason(file.path, sides.after);
  if (sensitive) addTo(out, sensitiveFinding(file.path, sensitive));
  if (isDependencyManifest(file.path)) {
    const finding = dependencyFinding(file, changes, sides, clock);
    if (finding) out.findings.push(finding);
  }
  return out;
}

/** The warning for a committed dotenv or key file; it weighs as a dangerous call. */
function sensitiveFinding(path: string, reason: string): LineFindings {
  return {
    findings: [{ group: 'security', severity: 'warning', rule: 'sensitive-file', file: path, message: `${reason} committed: keep it out of the repository (.gitignore) and rotate what it holds` }],
    lintViolations: DANGEROUS_CALL_WEIGHT,
    secrets: 0,
  };
}

/**
 * The `dependency-update` note of a manifest or lockfile, naming the packages its added lines
 * introduce or re-pin; none when every changed line is the package's own (a release that bumps
 * its own version, scripts, build settings — manifests.ts reads which is which).
 */
function dependencyFinding(file: ChangedFile, changes: LineChanges, sides: Sides, clock: RuleClock): Finding | null {
  const roles = manifestChange(file.path, changes, sides, clock);
  const touches = (r: LineRole) => r.role === 'dependency' || r.role === 'unknown';
  if (!roles.added.some(touches) && !roles.removed.some(touches)) return null;
  const namesOf = (lines: readonly DiffLine[], lineRoles: readonly LineRole[]) => {
    const found = new Set<string>();
    lines.forEach((line, i) => {
      const role = lineRoles[i]!;
      const name = touches(role) ? ((role.role === 'dependency' ? role.name : undefined) ?? dependencyOnLine(file.path, line.text)) : undefined;
      if (name) found.add(name);
    });
    return [...found];
  };
  const listed = (names: string[]) => ({ packages: names.slice(0, 5).join(', '), ...(names.length > 5 && { more: names.length - 5 }) });
  const more = (names: string[]) => (names.length > 5 ? ` and ${names.length - 5} more` : '');
  const names = namesOf(changes.added, roles.added);
  const removed = names.length === 0 ? namesOf(changes.removed, roles.removed) : [];
  if (removed.length > 0) {
    return { group: 'security', severity: 'info', rule: 'dependency-removed', file: file.path, message: `dependencies removed: ${removed.slice(0, 5).join(', ')}${more(removed)}`, params: listed(removed) };
  }
  const which = names.length === 0 ? 'review new and upgraded packages' : `review ${names.slice(0, 5).join(', ')}${more(names)}`;
  // No names found: no `packages`, so a client words it from `message` (FINDING_PARAMS in @tamagitto/domain).
  const params = names.length === 0 ? {} : listed(names);
  return { group: 'security', severity: 'info', rule: 'dependency-update', file: file.path, message: `${isActionsFile(file.path) ? 'workflow actions' : `dependency ${isLockFile(file.path) ? 'lockfile' : 'manifest'}`} changed: ${which}`, params };
}

function styleFindings(source: SourceFile, language: LanguageId, clock: RuleClock): LineFindings {
  const path = source.file.path;
  const allowOutput = source.kind === 'test' || PRINTS_BY_DESIGN.test(path) || isProgramPath(path);
  // Block comments and docstrings are prose (max-line-length): read from the after side when it is known and an added line is long.
  const long = source.changes.added.some((l) => l.text.length > MAX_LINE_LENGTH);
  const proseLines = long && typeof source.after === 'string' ? commentBlockLines(source.after, language) : undefined;
  return lineFindings('style', path, styleHits(source.changes.added, { language, allowOutput, markdown: false, proseLines }, clock));
}
