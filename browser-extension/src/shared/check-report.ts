/**
 * A PR check's report, read for display (issue 16). The API passes the
 * worker's report through untyped (`report: Record<string, unknown>` in the
 * OpenAPI document; its shape is worker/src/checks/report.ts and the README's
 * "PR checks"), so each field is read defensively here: a missing or odd
 * field shows as nothing rather than breaking the popup or the overlay.
 * Used by the popup's PR checks (src/popup/pr-checks.tsx) and the PR-page
 * overlay (src/content/features/pr-prediction.tsx).
 */
import { durationText, t, type MessageKey } from './i18n.ts';
import type { CheckDto } from './messages.ts';

export interface ReportView {
  predictedDelta: number | null;
  summary: string;
  /** The English reason (`message`), and its code and params where the report has them (`reasonCodes`, same order). */
  reasons: CodedLine[];
  complexFunctions: number;
  files: { path: string; findings: (CodedFinding & { severity: string; function: string | null; line: number | null })[] }[];
  tests: { codeChanged: boolean; testsChanged: boolean; codeFiles: number; testFiles: number } | null;
  secrets: (CodedFinding & { file: string; line: number | null })[];
  /** The English `reason`, its code and params where the report has them (SKIPPED_PARAMS), and `more` on a "(N more files)" entry. */
  skippedFiles: SkippedLine[];
  /** The English reason (`message`), and its code and params where the report has them (`partialReasonCodes`, same order). */
  partialReasons: CodedLine[];
  ci: { runs: { name: string; state: string; conclusion: string | null; durationS: number | null }[]; failing: number; pending: number; medianDurationS: number | null; unreadable: string[] } | null;
  ai: { coAuthoredCommits: number; assistants: string[]; prAuthorIsAgent: boolean; agent: string | null } | null;
  commits: number;
}

/** A line the server words in English, with the code and params a reader in another language gets it from (server-lines.ts). */
export interface CodedLine {
  message: string;
  code: string | null;
  params: Record<string, string | number> | undefined;
}

/** A skipped file: `more` (else null) when the entry stands for that many files ("(N more files)" in `path`). */
export interface SkippedLine {
  path: string;
  reason: string;
  code: string | null;
  params: Record<string, string | number> | undefined;
  more: number | null;
}

/** A finding: its rule is its code (FINDING_PARAMS); `params` is absent on one analysed before params existed. */
export interface CodedFinding {
  rule: string;
  message: string;
  params?: Record<string, string | number> | undefined;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const bool = (v: unknown): boolean => v === true;
/** Only string and finite number values: anything else is left out (the line then reads as the server's English). */
function params(v: unknown): Record<string, string | number> | undefined {
  const o = obj(v);
  if (!o) return undefined;
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string | number] => typeof e[1] === 'string' || (typeof e[1] === 'number' && Number.isFinite(e[1]))));
}

/** `reasons` (English) paired with `reasonCodes` by position (`partialReasons` with `partialReasonCodes`); a report from before the codes has none. */
function reasons(r: Obj, english = 'reasons', coded = 'reasonCodes'): CodedLine[] {
  const codes = arr(r[coded]);
  return arr(r[english])
    .map((message, i) => {
      const c = obj(codes[i]);
      return { message: str(message), code: c && typeof c.code === 'string' ? c.code : null, params: c ? params(c.params) : undefined };
    })
    .filter((x) => x.message);
}

export function readReport(raw: CheckDto['report']): ReportView | null {
  const r = obj(raw);
  if (!r) return null;
  const tests = obj(r.tests);
  const ci = obj(r.ci);
  const ai = obj(r.ai);
  return {
    predictedDelta: num(r.predictedDelta),
    summary: str(r.summary),
    reasons: reasons(r),
    complexFunctions: num(r.complexFunctions) ?? 0,
    files: arr(r.files)
      .map(obj)
      .filter((f): f is Obj => f !== null)
      .map((f) => ({
        path: str(f.path),
        findings: arr(f.findings)
          .map(obj)
          .filter((x): x is Obj => x !== null)
          .map((x) => ({ rule: str(x.rule), severity: str(x.severity), function: strOrNull(x.function), line: num(x.line), message: str(x.message), params: params(x.params) })),
      }))
      .filter((f) => f.path && f.findings.length > 0),
    tests: tests
      ? { codeChanged: bool(tests.codeChanged), testsChanged: bool(tests.testsChanged), codeFiles: num(tests.codeFiles) ?? 0, testFiles: num(tests.testFiles) ?? 0 }
      : null,
    secrets: arr(r.secrets)
      .map(obj)
      .filter((x): x is Obj => x !== null)
      .map((x) => ({ file: str(x.file), line: num(x.line), rule: str(x.rule), message: str(x.message), params: params(x.params) })),
    skippedFiles: arr(r.skippedFiles)
      .map(obj)
      .filter((x): x is Obj => x !== null)
      .map((x) => ({ path: str(x.path), reason: str(x.reason), code: strOrNull(x.code), params: params(x.params), more: num(x.more) })),
    partialReasons: reasons(r, 'partialReasons', 'partialReasonCodes'),
    ci: ci
      ? {
          runs: arr(ci.runs)
            .map(obj)
            .filter((x): x is Obj => x !== null)
            .map((x) => ({ name: str(x.name), state: str(x.state), conclusion: strOrNull(x.conclusion), durationS: num(x.durationS) })),
          failing: num(ci.failing) ?? 0,
          pending: num(ci.pending) ?? 0,
          medianDurationS: num(ci.medianDurationS),
          unreadable: arr(ci.unreadable).map(str).filter(Boolean),
        }
      : null,
    ai: ai
      ? { coAuthoredCommits: num(ai.coAuthoredCommits) ?? 0, assistants: arr(ai.assistants).map(str).filter(Boolean), prAuthorIsAgent: bool(ai.prAuthorIsAgent), agent: strOrNull(ai.agent) }
      : null,
    commits: arr(r.commits).length,
  };
}

/** GitHub's words for a CI run: a check run's status and conclusion, a commit status's state. */
const CI_STATE: Record<string, MessageKey> = {
  success: 'ci_run_success',
  failure: 'ci_run_failure',
  error: 'ci_run_error',
  neutral: 'ci_run_neutral',
  cancelled: 'ci_run_cancelled',
  skipped: 'ci_run_skipped',
  timed_out: 'ci_run_timed_out',
  action_required: 'ci_run_action_required',
  stale: 'ci_run_stale',
  startup_failure: 'ci_run_startup_failure',
  pending: 'ci_run_pending',
  in_progress: 'ci_run_in_progress',
  queued: 'ci_run_queued',
  waiting: 'ci_run_waiting',
  requested: 'ci_run_requested',
  completed: 'ci_run_completed',
};

/** A CI run's conclusion (or, while it has none, its state) in the reader's words; a word GitHub adds later as it is. */
export function ciStateText(run: { state: string; conclusion: string | null }): string {
  const word = run.conclusion ?? run.state;
  const key = Object.hasOwn(CI_STATE, word) ? CI_STATE[word] : undefined;
  return key ? t(key) : word;
}

/** "+2.5", "−8", "±0": the sign always shown, a real minus sign. */
export function formatDelta(delta: number): string {
  const rounded = Math.round(delta * 10) / 10;
  if (rounded === 0) return '±0';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)}`;
}

/** "1m 30s", "45s", "2h 5m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return durationText([[s, 'second']]);
  const m = Math.floor(s / 60);
  if (m < 60) return durationText(s % 60 ? [[m, 'minute'], [s % 60, 'second']] : [[m, 'minute']]);
  return durationText([[Math.floor(m / 60), 'hour'], [m % 60, 'minute']]);
}

/**
 * The overlay's one line: "merging: −8 · 2 functions over complexity 15 · no tests"
 * (each part only when it applies, in the order of the worker's own `summary`).
 */
export function predictionLine(report: ReportView): string {
  const parts = [t('check_line_merging', formatDelta(report.predictedDelta ?? 0))];
  if (report.complexFunctions) parts.push(report.complexFunctions === 1 ? t('check_line_complex_one') : t('check_line_complex', report.complexFunctions));
  if (report.secrets.length) parts.push(report.secrets.length === 1 ? t('check_line_secret') : t('check_line_secrets', report.secrets.length));
  if (report.tests?.codeChanged && !report.tests.testsChanged) parts.push(t('check_line_no_tests'));
  if (report.partialReasons.length) parts.push(t('check_line_partial'));
  return parts.join(' · ');
}

/** One row per PR: its newest check (`items` is newest first, as the API lists them), preferring one a newer push has not superseded. */
export function newestPerPr(items: readonly CheckDto[]): CheckDto[] {
  const byPr = new Map<number, CheckDto>();
  for (const c of items) {
    const had = byPr.get(c.pr.number);
    if (!had || (had.status === 'superseded' && c.status !== 'superseded')) byPr.set(c.pr.number, c);
  }
  return items.filter((c) => byPr.get(c.pr.number) === c);
}

/** That PR's row of `newestPerPr`, or null when none of `items` is for it. */
export function newestForPr(items: readonly CheckDto[], number: number): CheckDto | null {
  return newestPerPr(items).find((c) => c.pr.number === number) ?? null;
}
