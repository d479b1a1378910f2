/**
 * Free text the server writes in English, worded in the user's language from
 * the code and params it sends beside it: the queue's reasons
 * (`reasonCode`, QUEUE_REASON_PARAMS), the vet findings and a PR check's
 * findings and secrets (`rule` and `params`, FINDING_PARAMS) and a PR check's
 * reasons (`reasonCodes`, CHECK_REASON_PARAMS), why a file was skipped (`code`, SKIPPED_PARAMS) and
 * why a PR check's report is partial (`partialReasonCodes`, PARTIAL_REASON_PARAMS; all tables in
 * @tamagitto/domain). Its own chunk,
 * loaded by useServerLines (vet-reports.tsx) only for readers in another
 * language than English: an English reader gets the server's own words, as
 * errorText does, so the popup's first-paint bytes stay as they were.
 * src/shared/i18n.test.ts checks every code and rule has its key in both files.
 */
import { CHECK_REASON_PARAMS, FINDING_PARAMS, PARTIAL_REASON_PARAMS, QUEUE_REASON_PARAMS, SECRET_FINDING_PARAMS, SKIPPED_PARAMS, type RecommendationsDto } from '@tamagitto/domain';
import type { CodedFinding, CodedLine, SkippedLine } from '../shared/check-report.ts';
import { t, tryT, uiLanguage } from '../shared/i18n.ts';
import { formatHours, formatMinutes } from './coaching-format.ts';

type Params = Record<string, string | number> | undefined;
type Show = (name: string, v: string | number) => string;

/**
 * The message `key` with `names`' params as `$1`, `$2`, … (each through
 * `show`); `english` (the server's words) for an English reader, or when the
 * key or a param is missing (a code this extension does not know yet, a
 * finding stored before params existed).
 */
function codeLine(key: string, names: readonly string[] | undefined, params: Params, english: string, show: Show): string {
  if (!names || uiLanguage().startsWith('en') || names.some((n) => params?.[n] === undefined)) return english;
  return tryT(key, names.map((n) => show(n, params![n]!))) || english;
}

const number = (v: number) => v.toLocaleString(uiLanguage());

const findingParam: Show = (name, v) => (typeof v === 'string' ? v : `${v > 0 && (name === 'points' || name === 'change') ? '+' : ''}${number(v)}`);

/** A vet finding in words: the key finding_<rule> (finding_secret for every secret/<id> rule), with finding_more when the file has more hits. */
export function findingText(f: CodedFinding): string {
  const secret = f.rule.startsWith('secret/');
  const names = secret ? SECRET_FINDING_PARAMS : (FINDING_PARAMS as Record<string, readonly string[]>)[f.rule];
  const line = codeLine(secret ? 'finding_secret' : `finding_${f.rule.replace(/-/g, '_')}`, names, f.params, '', findingParam);
  const more = f.params?.more;
  return !line ? f.message : typeof more === 'number' ? `${line} ${t('finding_more', number(more))}` : line;
}

const reasonParam: Show = (name, v) =>
  typeof v === 'string' ? (name === 'ci' ? tryT(`queue_ci_${v}`) || v : v) : name === 'hours' ? formatHours(v) : name === 'minutes' ? formatMinutes(v) : number(v);

/** Why the queue recommends an item: queue_reason_<code> with its params. */
export function reasonText(rec: RecommendationsDto['items'][number]): string {
  const code = rec.reasonCode?.code ?? '';
  return codeLine(`queue_reason_${code}`, (QUEUE_REASON_PARAMS as Record<string, readonly string[]>)[code], rec.reasonCode?.params, rec.reason, reasonParam);
}

/** Why a PR check's verdict is what it is: check_reason_<code> with its params (the delta with its sign, as the report shows it). */
export function checkReasonText(r: CodedLine): string {
  const code = r.code ?? '';
  const show: Show = (name, v) => (typeof v === 'string' ? v : name === 'count' ? number(v) : `${v < 0 ? '−' : ''}${number(Math.abs(v))}`);
  return codeLine(`check_reason_${code}`, (CHECK_REASON_PARAMS as Record<string, readonly string[]>)[code], r.params, r.message, show);
}

/** Numbers as the reader writes them, names and sizes ("1 MiB") as they are. */
const plain: Show = (_name, v) => (typeof v === 'string' ? v : number(v));

/**
 * A skipped file as "path (why)": the reason from skipped_<code> with its params, the server's
 * English for a report from before the codes; the entry for the files beyond the first ones
 * listed ("(49,900 more files)") named in the reader's words.
 */
export function skippedText(s: SkippedLine): string {
  const code = s.code ?? '';
  const reason = codeLine(`skipped_${code}`, (SKIPPED_PARAMS as Record<string, readonly string[]>)[code], s.params, s.reason, plain);
  const path = s.more === null || uiLanguage().startsWith('en') ? s.path : t('skipped_more_files', number(s.more));
  return `${path} (${reason})`;
}

/** Why a PR check's report is partial: check_partial_<code> with its params. */
export function partialReasonText(r: CodedLine): string {
  const code = r.code ?? '';
  return codeLine(`check_partial_${code}`, (PARTIAL_REASON_PARAMS as Record<string, readonly string[]>)[code], r.params, r.message, plain);
}
