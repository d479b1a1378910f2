/**
 * A PR check's report (issue 16), built from the per-commit analyses of the PR's range: the
 * predicted health delta if merged (the sum of each commit's delta — the pet's own formula, as
 * apply-commit.ts would apply them one by one), findings per file and function, whether tests
 * changed with the code, masked secrets, skipped files, the CI state of the head SHA and AI
 * involvement (facts, never a penalty), and the verdict.
 *
 * Thresholds: the repository's own (`repositories.check_thresholds`, set by an adopter with
 * `PATCH /api/pets/{id}`) over the defaults (DEFAULT_CHECK_THRESHOLDS in
 * db/src/repositories/checks.ts):
 * - fail: a leaked secret, or a predicted delta ≤ −10;
 * - warn: a predicted delta < 0, or code changed without any test file changing;
 * - pass: otherwise.
 * The report records the thresholds it was judged by, and whether they were the repository's own.
 */
import { DEFAULT_CHECK_THRESHOLDS, type CheckThresholds } from '@tamagitto/db';
import type { AnalysisResult, CheckReason, Finding, PartialReason, SkippedFile } from '@tamagitto/domain';
import { detectLanguage } from '../analysis/index.ts';
import { isTestFile } from '../analysis/file-kinds.ts';

export type Verdict = 'pass' | 'warn' | 'fail';

export type Thresholds = CheckThresholds;

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = DEFAULT_CHECK_THRESHOLDS;

/** A function over this cyclomatic complexity is counted in the summary (the engine's own "complex function" line). */
export const COMPLEX_FUNCTION = 15;

export interface CommitFacts {
  sha: string;
  message: string;
  author: string | null;
  analysis: AnalysisResult;
  files: string[];
}

export interface CiRun {
  name: string;
  kind: 'check_run' | 'status';
  state: string;
  conclusion: string | null;
  durationS: number | null;
}

export interface PrFacts {
  owner: string;
  name: string;
  number: number;
  headSha: string;
  baseSha: string;
  author: string | null;
  authorType: string | null;
  fork: boolean;
  /** GitHub's count of the files the PR changes (its `changed_files`); null for a local range. */
  changedFiles?: number | null;
}

export interface CheckReport {
  /** `number` 0 and `url` null for a local range (`npm run analyse -- --range`). */
  pr: { owner: string; name: string; number: number; url: string | null; headSha: string; baseSha: string; fork: boolean };
  predictedDelta: number;
  commits: { sha: string; message: string; delta: number; aiCoAuthors: string[] }[];
  /** `filesChanged`: the files the analysed commits touched; `filesInPr`: GitHub's count for the PR (null: unknown). */
  totals: { filesChanged: number; filesInPr: number | null; additions: number; deletions: number };
  /**
   * `rule` and `params` are the finding's code and the numbers and names in its English `message`
   * (FINDING_PARAMS in db/domain/src/vet-report.ts), so a client words it in its own language as it
   * does the vet reports'; `params` is absent on a finding analysed before params existed.
   */
  files: { path: string; findings: ReportFinding[] }[];
  complexFunctions: number;
  tests: { codeChanged: boolean; testsChanged: boolean; codeFiles: number; testFiles: number };
  /** Masked: never the secret itself (the engine masks them). */
  secrets: { file: string; line: number | null; rule: string; message: string; params?: Finding['params'] }[];
  /** The engine's entries: the English `reason`, with `code` and `params` (SKIPPED_PARAMS) unless analysed before the codes. */
  skippedFiles: SkippedFile[];
  /** True when the report does not cover the whole change (compare limit, time budget, skipped files). */
  partial: boolean;
  /** In English, for API users; `partialReasonCodes` says the same, one code with its params per reason, in the same order (PARTIAL_REASON_PARAMS). */
  partialReasons: string[];
  partialReasonCodes: PartialReason[];
  /** `unreadable`: what the token could not list (then missing from `runs`). */
  ci: { runs: CiRun[]; failing: number; pending: number; medianDurationS: number | null; unreadable: string[] };
  ai: { coAuthoredCommits: number; assistants: string[]; prAuthorIsAgent: boolean; agent: string | null };
  /** What the verdict was judged by; `thresholdsSource` says whether they were the repository's own or the defaults. */
  thresholds: Thresholds;
  thresholdsSource: 'repository' | 'default';
  verdict: Verdict;
  /** In English, for API users; `reasonCodes` says the same, one code with its params per reason, in the same order. */
  reasons: string[];
  reasonCodes: ReasonCode[];
  summary: string;
}

export interface ReportFinding {
  rule: string;
  severity: Finding['severity'];
  group: Finding['group'];
  function: string | null;
  line: number | null;
  message: string;
  params?: Finding['params'];
}

/** Why the verdict is what it is, as a code and the numbers in the English reason (`reasons`; CHECK_REASON_PARAMS). */
export type ReasonCode = CheckReason;

const withParams = (f: Finding) => (f.params ? { params: f.params } : {});

const ASSISTANTS: { name: string; re: RegExp }[] = [
  { name: 'Claude', re: /claude|anthropic/i },
  { name: 'Copilot', re: /copilot/i },
  { name: 'Cursor', re: /cursor/i },
  { name: 'Codex', re: /codex|openai|chatgpt/i },
  { name: 'Gemini', re: /gemini|jules/i },
  { name: 'Devin', re: /devin/i },
  { name: 'Aider', re: /aider/i },
];

const AGENT_LOGINS: { name: string; re: RegExp }[] = [
  { name: 'Copilot', re: /^copilot(-swe-agent)?(\[bot\])?$/i },
  { name: 'Devin', re: /^devin-ai-integration(\[bot\])?$/i },
  { name: 'Claude', re: /^claude(\[bot\])?$/i },
  { name: 'Codex', re: /^(chatgpt-codex-connector|codex)(\[bot\])?$/i },
];

/** The AI assistants named in a commit message's `Co-authored-by:` trailers. */
export function aiCoAuthors(message: string): string[] {
  const found = new Set<string>();
  for (const m of message.matchAll(/^co-authored-by:\s*(.+)$/gim)) {
    const who = m[1]!;
    for (const a of ASSISTANTS) if (a.re.test(who)) found.add(a.name);
  }
  return [...found];
}

/** The agent a PR author's login belongs to, or null. */
export function agentOf(login: string | null): string | null {
  if (!login) return null;
  return AGENT_LOGINS.find((a) => a.re.test(login))?.name ?? null;
}

function isCode(path: string): boolean {
  return !isTestFile(path) && detectLanguage(path) !== null;
}

/** A reason's English words (the report's `reasons`, unchanged since before the codes). */
export function reasonEnglish(r: ReasonCode): string {
  switch (r.code) {
    case 'secrets':
      return `${r.params.count} secret(s) added`;
    case 'delta_fail':
      return `predicted health delta ${r.params.delta} ≤ ${r.params.limit}`;
    case 'delta_warn':
      return `predicted health delta ${r.params.delta} < ${r.params.limit}`;
    case 'untested':
      return 'code changed without tests';
  }
}

/** A partial reason's English words (the report's `partialReasons`, unchanged since before the codes). */
export function partialReasonEnglish(r: PartialReason): string {
  switch (r.code) {
    case 'commits_cut':
      return `only the first ${r.params.read} of ${r.params.total} commits read`;
    case 'time_budget':
      return `time budget of ${r.params.seconds} s reached after ${r.params.read} of ${r.params.total} commits`;
    case 'file_cap':
      return `GitHub lists at most ${r.params.cap.toLocaleString('en')} files of a commit, so files beyond that in ${r.params.commits} were not analysed`;
    case 'file_cap_pr':
      return `the PR changes ${r.params.prFiles} files; GitHub lists at most ${r.params.cap.toLocaleString('en')} files of a commit, so files beyond that in ${r.params.commits} were not analysed`;
    case 'files_skipped':
      return `${r.params.count} file(s) skipped`;
  }
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function buildReport(
  pr: PrFacts,
  commits: CommitFacts[],
  ci: CiRun[],
  extra: { partialReasons?: PartialReason[]; thresholds?: { thresholds: Thresholds; custom: boolean }; ciUnreadable?: string[] } = {},
): CheckReport {
  const thresholds = { ...(extra.thresholds?.thresholds ?? DEFAULT_THRESHOLDS) };
  const predictedDelta = Math.round(commits.reduce((sum, c) => sum + c.analysis.delta, 0) * 10) / 10;
  const byFile = new Map<string, CheckReport['files'][number]['findings']>();
  const secrets: CheckReport['secrets'] = [];
  let complexFunctions = 0;
  for (const c of commits) {
    for (const f of c.analysis.findings) {
      if (f.rule.startsWith('secret/')) secrets.push({ file: f.file, line: f.line ?? null, rule: f.rule, message: f.message, ...withParams(f) });
      if (f.group === 'complexity' && f.severity === 'warning' && f.function) complexFunctions++;
      const list = byFile.get(f.file) ?? [];
      list.push({ rule: f.rule, severity: f.severity, group: f.group, function: f.function ?? null, line: f.line ?? null, message: f.message, ...withParams(f) });
      byFile.set(f.file, list);
    }
  }
  const paths = new Set(commits.flatMap((c) => c.files));
  const codeFiles = [...paths].filter(isCode).length;
  const testFiles = [...paths].filter(isTestFile).length;
  const tests = { codeChanged: codeFiles > 0, testsChanged: testFiles > 0, codeFiles, testFiles };
  const skipped = mergeSkipped(commits.map((c) => c.analysis.skippedFiles));
  const skippedCount = skipped.reduce((n, s) => n + (s.more ?? 1), 0);
  const partialReasonCodes = [...(extra.partialReasons ?? [])];
  if (skippedCount > 0) partialReasonCodes.push({ code: 'files_skipped', params: { count: skippedCount } });
  const partialReasons = partialReasonCodes.map(partialReasonEnglish);

  const finished = ci.filter((r) => r.conclusion !== null || r.kind === 'status');
  const failing = finished.filter((r) => ['failure', 'timed_out', 'cancelled', 'action_required', 'error'].includes(r.conclusion ?? r.state)).length;
  const pending = ci.filter((r) => (r.kind === 'check_run' ? r.conclusion === null : r.state === 'pending')).length;
  const coAuthored = commits.map((c) => aiCoAuthors(c.message));
  const agent = agentOf(pr.author);

  const reasonCodes: ReasonCode[] = [];
  let verdict: Verdict = 'pass';
  if (thresholds.failOnSecret && secrets.length > 0) reasonCodes.push({ code: 'secrets', params: { count: secrets.length } });
  if (predictedDelta <= thresholds.failAtDelta) reasonCodes.push({ code: 'delta_fail', params: { delta: predictedDelta, limit: thresholds.failAtDelta } });
  if (reasonCodes.length > 0) verdict = 'fail';
  else {
    if (predictedDelta < thresholds.warnBelowDelta) reasonCodes.push({ code: 'delta_warn', params: { delta: predictedDelta, limit: thresholds.warnBelowDelta } });
    if (thresholds.warnOnUntestedCode && tests.codeChanged && !tests.testsChanged) reasonCodes.push({ code: 'untested', params: {} });
    if (reasonCodes.length > 0) verdict = 'warn';
  }
  const reasons = reasonCodes.map(reasonEnglish);

  const signed = predictedDelta > 0 ? `+${predictedDelta}` : predictedDelta < 0 ? `−${Math.abs(predictedDelta)}` : '±0';
  const parts = [`merging: ${signed}`];
  if (complexFunctions > 0) parts.push(`${complexFunctions} function${complexFunctions === 1 ? '' : 's'} over complexity ${COMPLEX_FUNCTION}`);
  if (secrets.length > 0) parts.push(`${secrets.length} secret${secrets.length === 1 ? '' : 's'}`);
  if (tests.codeChanged && !tests.testsChanged) parts.push('no tests');
  if (partialReasons.length > 0) parts.push('partial');

  return {
    pr: { owner: pr.owner, name: pr.name, number: pr.number, url: pr.number > 0 ? `https://github.com/${pr.owner}/${pr.name}/pull/${pr.number}` : null, headSha: pr.headSha, baseSha: pr.baseSha, fork: pr.fork },
    predictedDelta,
    commits: commits.map((c, i) => ({ sha: c.sha, message: (c.message.split('\n')[0] ?? '').slice(0, 200), delta: c.analysis.delta, aiCoAuthors: coAuthored[i]! })),
    totals: {
      filesChanged: paths.size,
      filesInPr: pr.changedFiles ?? null,
      additions: commits.reduce((s, c) => s + c.analysis.additions, 0),
      deletions: commits.reduce((s, c) => s + c.analysis.deletions, 0),
    },
    files: [...byFile].map(([path, findings]) => ({ path, findings })).sort((a, b) => a.path.localeCompare(b.path)),
    complexFunctions,
    tests,
    secrets,
    skippedFiles: skipped,
    partial: partialReasons.length > 0,
    partialReasons,
    partialReasonCodes,
    ci: { runs: ci, failing, pending, medianDurationS: median(ci.map((r) => r.durationS).filter((d): d is number => d !== null)), unreadable: extra.ciUnreadable ?? [] },
    ai: { coAuthoredCommits: coAuthored.filter((x) => x.length > 0).length, assistants: [...new Set(coAuthored.flat())].sort(), prAuthorIsAgent: agent !== null, agent },
    thresholds,
    thresholdsSource: extra.thresholds?.custom ? 'repository' : 'default',
    verdict,
    reasons,
    reasonCodes,
    summary: parts.join(' · '),
  };
}

/**
 * The skipped files of a PR's commits, once each: a file by its path (the last commit's entry),
 * and a commit's summary entry ("(N more files)", `more`, one per reason: aggregate.ts's
 * listSkipped) merged per reason. Keyed by path, two commits' summaries with the same count
 * overwrote each other, and the "files skipped" count took a summary of thousands for one file.
 * The summaries' files have no names, so the same file cut in several commits cannot be told
 * apart from different ones: the merged count is the largest commit's (at least that many).
 */
export function mergeSkipped(perCommit: readonly (readonly SkippedFile[])[]): SkippedFile[] {
  const named = new Map<string, SkippedFile>();
  const summaries = new Map<string, SkippedFile>();
  for (const list of perCommit) {
    for (const s of list) {
      if (s.more === undefined) named.set(s.path, s);
      else if ((summaries.get(s.reason)?.more ?? 0) < s.more) summaries.set(s.reason, s);
    }
  }
  return [...named.values(), ...summaries.values()];
}
