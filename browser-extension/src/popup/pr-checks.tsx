/**
 * The Pet tab's PR checks (issue 16): the repository's open PRs whose head has
 * no check yet, each with "Check now" (GET /api/pets/{id}/pulls, POST /api/checks);
 * the PRs with their newest check, newest first (GET /api/pets/{id}/checks, "Show
 * older" pages back with `before`) — PR number, verdict, predicted delta, the
 * one-line summary, progress while one runs, and why the `tamagitto/pet`
 * commit status was not posted when it was not; "Check a PR" by URL; the
 * repository's verdict thresholds (PATCH /api/pets/{id} `checkThresholds`); and
 * one report in detail (GET /api/checks/{id}): findings per
 * file and function, tests, masked secrets, CI runs, AI involvement as facts;
 * its reasons, findings, secrets, partial reasons and skipped files in the
 * reader's language from their codes and params (server-lines.ts), the
 * server's English for an English reader; CI states in the reader's words.
 * Live: the worker relays the socket's `check.updated` as the `check/updated`
 * broadcast and the list (and an open report) is read again. The github.com
 * overlay opens a report here through shared/check-intent.ts.
 */
import type { PetDto } from '@tamagitto/domain';
import { useEffect, useState } from 'preact/hooks';
import { ApiRequestError, apiClient, errorText, ok, type ApiTarget } from '../shared/api-client.ts';
import { takeCheckIntentOnce } from '../shared/check-intent.ts';
import { ciStateText, formatDelta, formatDuration, newestPerPr, predictionLine, readReport, type CodedFinding, type CodedLine, type ReportView, type SkippedLine } from '../shared/check-report.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { createBroadcastListener, type CheckDto } from '../shared/messages.ts';
import { readStore, writeStore } from '../shared/storage.ts';
import { safeHref, useServerLines, type ServerLines } from './vet-reports.tsx';

/** `https://github.com/<owner>/<repo>/pull/<n>` (as the API accepts it: a tab or a query may follow). */
const PR_URL = /^https:\/\/github\.com\/[A-Za-z0-9-]{1,39}\/[A-Za-z0-9_.-]{1,100}\/pull\/[1-9][0-9]{0,9}(?:\/[a-z-]*)?\/?(?:[?#].*)?$/;
export const looksLikePrUrl = (s: string): boolean => PR_URL.test(s.trim());

const VERDICT_COLOR: Record<NonNullable<CheckDto['verdict']>, string> = { pass: 'var(--up)', warn: 'var(--warn)', fail: 'var(--danger)' };
const VERDICT_LABEL: Record<NonNullable<CheckDto['verdict']>, MessageKey> = { pass: 'check_verdict_pass', warn: 'check_verdict_warn', fail: 'check_verdict_fail' };
const STATUS_LABEL: Record<CheckDto['status'], MessageKey> = {
  queued: 'check_status_queued',
  running: 'check_status_running',
  done: 'check_status_done',
  failed: 'check_status_failed',
  superseded: 'check_status_superseded',
};

export function VerdictBadge({ verdict }: { verdict: CheckDto['verdict'] }) {
  if (!verdict) return null;
  return (
    <span class="chip" style={{ background: VERDICT_COLOR[verdict], color: 'var(--on-strong)' }} data-testid="check-verdict">
      {t(VERDICT_LABEL[verdict])}
    </span>
  );
}

/** What a check that is not done says instead of its report. */
export function statusLine(c: Pick<CheckDto, 'status' | 'progress' | 'error'>): string {
  if (c.status === 'running' || c.status === 'queued') return t('check_progress', [t(STATUS_LABEL[c.status]), Math.max(0, Math.min(100, c.progress))]);
  if (c.status === 'failed') return c.error ? t('check_failed_why', c.error.replace(/\.$/, '')) : t('check_status_failed');
  if (c.status === 'superseded') return t('check_status_superseded');
  return '';
}

/** Why GitHub did not get the commit status, or null when it did (or the check is not done). */
export function statusNotPosted(c: Pick<CheckDto, 'status' | 'githubStatus'>): string | null {
  if (c.status !== 'done' || c.githubStatus.posted) return null;
  return c.githubStatus.error ? t('check_status_not_posted_why', c.githubStatus.error.replace(/\.$/, '')) : t('check_status_not_posted');
}

/** Nothing to show rather than an error: a server without PR checks, or a repository out of reach (the Pet tab says so already). */
const quietFailure = (err: unknown): boolean => err instanceof ApiRequestError && (err.featureUnavailable || err.code === 'access_lost');

/** Read once per popup page, so a view remounted before the read finished does not lose it. */
let intentUsed = false;
let openedFromPage: string | null = null;

const loadChecks = (target: ApiTarget, id: string, signal: AbortSignal, before?: string) =>
  ok(apiClient(target).GET('/api/pets/{id}/checks', { params: { path: { id }, query: { limit: 20, ...(before ? { before } : {}) } }, signal }));

type OpenPull = { number: number; title: string; url: string; headSha: string; check: CheckDto | null };
type Thresholds = NonNullable<PetDto['checkThresholds']>;

function useCheckUpdates(petId: string, onUpdate: (checkId: string) => void): void {
  useEffect(() => {
    const listener = createBroadcastListener({ 'check/updated': (m) => m.petId === petId && onUpdate(m.checkId) });
    chrome.runtime.onMessage.addListener(listener);
    return () => chrome.runtime.onMessage.removeListener(listener);
  }, [petId]);
}

export function PrChecks({ pet, target }: { pet: Pick<PetDto, 'id' | 'repo' | 'checkThresholds'>; target: ApiTarget }) {
  const [items, setItems] = useState<CheckDto[] | null>(null);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [older, setOlder] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [pulls, setPulls] = useState<{ items: OpenPull[] } | { error: string } | null>(null);
  const [checking, setChecking] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [quiet, setQuiet] = useState(false);
  const [round, setRound] = useState(0);
  const [openId, setOpenId] = useState<string | null>(() => openedFromPage);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    loadChecks(target, pet.id, ctrl.signal).then(
      (r) => {
        if (ctrl.signal.aborted) return;
        setItems(r.items);
        setNextBefore(r.nextBefore);
        setError(null);
        setQuiet(false);
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setQuiet(quietFailure(err));
        setError(errorText(err));
      },
    );
    ok(apiClient(target).GET('/api/pets/{id}/pulls', { params: { path: { id: pet.id } }, signal: ctrl.signal })).then(
      (r) => !ctrl.signal.aborted && setPulls({ items: r.items }),
      (err: unknown) => !ctrl.signal.aborted && setPulls({ error: errorText(err) }),
    );
    return () => ctrl.abort();
  }, [pet.id, target, round]);

  const showOlder = async () => {
    if (!nextBefore) return;
    setOlder({ busy: true, error: null });
    try {
      const r = await loadChecks(target, pet.id, new AbortController().signal, nextBefore);
      setItems((had) => [...(had ?? []), ...r.items]);
      setNextBefore(r.nextBefore);
      setOlder({ busy: false, error: null });
    } catch (err) {
      setOlder({ busy: false, error: errorText(err) });
    }
  };

  const request = async (pr: string): Promise<boolean> => {
    setNote(null);
    try {
      const created = await ok(apiClient(target).POST('/api/checks', { body: { pr } }));
      setNote({ kind: 'ok', text: created.status === 'done' ? t('check_requested_done') : t('check_requested') });
      setRound((n) => n + 1);
      return true;
    } catch (err) {
      setNote({ kind: 'error', text: t('check_request_failed', errorText(err)) });
      return false;
    }
  };

  const checkNow = async (p: OpenPull) => {
    setChecking(p.number);
    await request(p.url);
    setChecking(null);
  };

  // The github.com overlay asked for a report: open it (kept for this popup page until Back, so a remounted view still shows it).
  useEffect(() => {
    let alive = true;
    void takeCheckIntentOnce().then((intent) => {
      if (!alive || !intent || intentUsed) return;
      intentUsed = true;
      openedFromPage = intent.checkId;
      setOpenId(intent.checkId);
    });
    return () => {
      alive = false;
    };
  }, []);
  useEffect(() => setNote(null), [pet.id]);

  useCheckUpdates(pet.id, () => setRound((n) => n + 1));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!looksLikePrUrl(url)) return setNote({ kind: 'error', text: t('check_url_invalid') });
    setBusy(true);
    if (await request(url.trim())) setUrl('');
    setBusy(false);
  };

  if (quiet) return null;
  if (openId) return <CheckDetail id={openId} petId={pet.id} target={target} onBack={() => {
          openedFromPage = null;
          setOpenId(null);
        }} />;

  return (
    <section class="pr-checks" aria-labelledby="checks-title" data-testid="pr-checks">
      <h2 class="section-title" id="checks-title">
        {t('checks_title')}
      </h2>
      <UncheckedPulls pulls={pulls} checking={checking} onCheck={(p) => void checkNow(p)} />
      {error ? (
        <p class="error" role="alert">
          {t('checks_load_failed', error)}
        </p>
      ) : items === null ? (
        <p class="muted small">{t('checks_loading')}</p>
      ) : items.length === 0 ? (
        <p class="muted small" data-state="empty">
          {t('checks_empty', pet.repo.fullName)}
        </p>
      ) : (
        <ul class="vet-list" data-testid="check-list">
          {newestPerPr(items).map((c) => (
            <CheckRow key={c.id} check={c} onOpen={() => setOpenId(c.id)} />
          ))}
        </ul>
      )}
      {nextBefore && !error && (
        <button type="button" class="link-button small" disabled={older.busy} onClick={() => void showOlder()} data-testid="checks-older">
          {t('checks_show_older')}
        </button>
      )}
      {older.error && (
        <p class="error" role="alert">
          {t('checks_load_failed', older.error)}
        </p>
      )}
      <form class="check-form" onSubmit={(e) => void submit(e)} data-testid="check-form">
        <label for="check-pr-url" class="small">
          {t('check_a_pr')}
        </label>
        <div class="row" style={{ display: 'flex', gap: '6px' }}>
          <input
            id="check-pr-url"
            name="pr"
            type="url"
            style={{ flex: 1, minWidth: 0 }}
            placeholder="https://github.com/owner/repo/pull/1"
            value={url}
            onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" disabled={busy || !url.trim()}>
            {t('check_submit')}
          </button>
        </div>
      </form>
      {note && (
        <p class={note.kind === 'ok' ? 'muted small' : 'error'} role={note.kind === 'ok' ? 'status' : 'alert'} data-testid="check-note">
          {note.text}
        </p>
      )}
      {/* A pet cached from a server without thresholds has none. */}
      {pet.checkThresholds && <ThresholdsForm petId={pet.id} initial={pet.checkThresholds} target={target} />}
    </section>
  );
}

/** Open PRs whose head has no check (none at all, or only of an older head): each with "Check now". Nothing while none. */
function UncheckedPulls({ pulls, checking, onCheck }: { pulls: { items: OpenPull[] } | { error: string } | null; checking: number | null; onCheck: (p: OpenPull) => void }) {
  if (!pulls) return null;
  if ('error' in pulls) return <p class="muted small" data-testid="pulls-error">{t('checks_pulls_failed', pulls.error)}</p>;
  const unchecked = pulls.items.filter((p) => !p.check || p.check.headSha !== p.headSha);
  if (unchecked.length === 0) return null;
  return (
    <>
      <h3 class="section-title">{t('checks_unchecked_title')}</h3>
      <ul class="vet-list" data-testid="unchecked-pulls">
        {unchecked.map((p) => (
          <li class="vet" key={p.number} data-testid="pull-row">
            <div class="vet-head">
              <span>{`#${p.number}`}</span>
              <span class="small">{p.title}</span>
              <button type="button" disabled={checking !== null} onClick={() => onCheck(p)} aria-label={t('checks_check_now_label', p.number)}>
                {t('checks_check_now')}
              </button>
            </div>
            <div class="small muted">{p.check ? t('checks_pull_stale', p.check.headSha.slice(0, 7)) : t('checks_pull_not_checked')}</div>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The repository's verdict thresholds (shared by its adopters): fail at or below a predicted delta,
 * warn below one, fail on secrets, warn on untested code. Saved with PATCH /api/pets/{id}; the
 * answer replaces the cached pet.
 */
function ThresholdsForm({ petId, initial, target }: { petId: string; initial: Thresholds; target: ApiTarget }) {
  const [v, setV] = useState<Thresholds>(initial);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => setV(initial), [petId]);
  const save = async (body: Partial<Omit<Thresholds, 'custom'>> | null) => {
    setBusy(true);
    setNote(null);
    try {
      const updated = await ok(apiClient(target).PATCH('/api/pets/{id}', { params: { path: { id: petId } }, body: { checkThresholds: body } }));
      setV(updated.checkThresholds);
      const { pets } = await readStore(['pets']);
      if (pets) await writeStore({ pets: { ...pets, items: pets.items.map((p) => (p.id === updated.id ? updated : p)) } });
      setNote({ kind: 'ok', text: t('thresholds_saved') });
    } catch (err) {
      setNote({ kind: 'error', text: t('thresholds_failed', errorText(err)) });
    } finally {
      setBusy(false);
    }
  };
  const num = (e: Event) => Number((e.currentTarget as HTMLInputElement).value);
  const flag = (e: Event) => (e.currentTarget as HTMLInputElement).checked;
  return (
    <details class="check-thresholds" data-testid="check-thresholds">
      <summary class="small">{v.custom ? t('thresholds_title_custom') : t('thresholds_title')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save({ failAtDelta: v.failAtDelta, warnBelowDelta: v.warnBelowDelta, failOnSecret: v.failOnSecret, warnOnUntestedCode: v.warnOnUntestedCode });
        }}
      >
        <label class="small">
          {t('thresholds_fail_delta')}{' '}
          <input type="number" name="failAtDelta" min={-100} max={100} step="any" required value={v.failAtDelta} onInput={(e) => setV({ ...v, failAtDelta: num(e) })} />
        </label>
        <label class="small">
          {t('thresholds_warn_delta')}{' '}
          <input type="number" name="warnBelowDelta" min={-100} max={100} step="any" required value={v.warnBelowDelta} onInput={(e) => setV({ ...v, warnBelowDelta: num(e) })} />
        </label>
        <label class="check small">
          <input type="checkbox" name="failOnSecret" checked={v.failOnSecret} onChange={(e) => setV({ ...v, failOnSecret: flag(e) })} />
          {t('thresholds_fail_secret')}
        </label>
        <label class="check small">
          <input type="checkbox" name="warnOnUntestedCode" checked={v.warnOnUntestedCode} onChange={(e) => setV({ ...v, warnOnUntestedCode: flag(e) })} />
          {t('thresholds_warn_untested')}
        </label>
        <p class="muted small">{t('thresholds_shared')}</p>
        <div class="row" style={{ display: 'flex', gap: '6px' }}>
          <button type="submit" disabled={busy}>
            {t('thresholds_save')}
          </button>
          <button type="button" disabled={busy || !v.custom} onClick={() => void save(null)}>
            {t('thresholds_reset')}
          </button>
        </div>
      </form>
      {note && (
        <p class={note.kind === 'ok' ? 'muted small' : 'error'} role={note.kind === 'ok' ? 'status' : 'alert'} data-testid="thresholds-note">
          {note.text}
        </p>
      )}
    </details>
  );
}

function CheckRow({ check: c, onOpen }: { check: CheckDto; onOpen: () => void }) {
  const report = readReport(c.report);
  const notPosted = statusNotPosted(c);
  const progress = c.status === 'running' || c.status === 'queued';
  return (
    <li class="vet" data-check-id={c.id} data-testid="check-row">
      <div class="vet-head">
        <button type="button" class="link-button" onClick={onOpen} aria-label={t('check_open_label', c.pr.number)}>
          {`#${c.pr.number}`}
        </button>
        <VerdictBadge verdict={c.verdict} />
        {report?.predictedDelta != null && (
          <span class={`delta ${report.predictedDelta >= 0 ? 'up' : 'down'}`} data-testid="check-delta">
            {formatDelta(report.predictedDelta)}
          </span>
        )}
        <code class="sha">{c.headSha.slice(0, 7)}</code>
      </div>
      {report ? (
        <div class="small" data-testid="check-summary">
          {predictionLine(report)}
        </div>
      ) : (
        <div class="small muted" data-testid="check-status">
          {statusLine(c)}
        </div>
      )}
      {progress && <progress max={100} value={c.progress} aria-label={t('check_progress_label', c.pr.number)} />}
      {notPosted && (
        <div class="small warn" data-testid="check-status-error">
          {notPosted}
        </div>
      )}
    </li>
  );
}

function CheckDetail({ id, petId, target, onBack }: { id: string; petId: string; target: ApiTarget; onBack: () => void }) {
  const [check, setCheck] = useState<CheckDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    ok(apiClient(target).GET('/api/checks/{id}', { params: { path: { id } }, signal: ctrl.signal })).then(
      (c) => !ctrl.signal.aborted && setCheck(c),
      (err: unknown) => !ctrl.signal.aborted && setError(errorText(err)),
    );
    return () => ctrl.abort();
  }, [id, target, round]);
  useCheckUpdates(petId, (checkId) => checkId === id && setRound((n) => n + 1));
  const lines = useServerLines();

  const report = check ? readReport(check.report) : null;
  const href = check ? safeHref(check.pr.url) : undefined;
  return (
    <section class="check-detail" aria-labelledby="check-detail-title" data-testid="check-detail">
      <button type="button" onClick={onBack}>
        {t('check_back')}
      </button>
      <h2 class="section-title" id="check-detail-title">
        {check ? t('check_detail_title', [check.pr.owner, check.pr.name, check.pr.number]) : t('check_detail_loading')}
      </h2>
      {error && (
        <p class="error" role="alert">
          {t('checks_load_failed', error)}
        </p>
      )}
      {check && (
        <>
          <p class="vet-head">
            <VerdictBadge verdict={check.verdict} />
            {report?.predictedDelta != null && <span class={`delta ${report.predictedDelta >= 0 ? 'up' : 'down'}`}>{formatDelta(report.predictedDelta)}</span>}
            {href && (
              <a href={href} target="_blank" rel="noreferrer noopener">
                {t('check_on_github')}
              </a>
            )}
          </p>
          {!report && <p class="muted small">{statusLine(check)}</p>}
          {statusNotPosted(check) && <p class="small warn">{statusNotPosted(check)}</p>}
          {report && <ReportBody report={report} lines={lines} />}
          {report && <ThresholdsUsed raw={check.report} />}
        </>
      )}
    </section>
  );
}

/** Which thresholds the verdict was judged by (the report records them); nothing for a report without them. */
function ThresholdsUsed({ raw }: { raw: CheckDto['report'] }) {
  const th = raw?.thresholds as Partial<Thresholds> | undefined;
  if (!th || typeof th.failAtDelta !== 'number' || typeof th.warnBelowDelta !== 'number') return null;
  const source = raw?.thresholdsSource === 'repository' ? t('check_thresholds_repository') : t('check_thresholds_default');
  return (
    <p class="muted small" data-testid="check-thresholds-used">
      {t('check_thresholds_used', [source, formatDelta(th.failAtDelta), formatDelta(th.warnBelowDelta)])}
    </p>
  );
}

/**
 * One report's body. `lines` (server-lines.ts, from useServerLines) words the reasons, findings,
 * secrets, partial reasons and skipped files from their codes and params for a reader in another
 * language than English; null (an English reader, or until its chunk is in) shows the server's
 * English. CI runs' states are words of this bundle (ciStateText), for every reader.
 */
export function ReportBody({ report: r, lines }: { report: ReportView; lines: ServerLines | null }) {
  const ai = r.ai;
  const reason = (x: CodedLine) => (lines ? lines.checkReasonText(x) : x.message);
  const finding = (x: CodedFinding) => (lines ? lines.findingText(x) : x.message);
  const partialReason = (x: CodedLine) => (lines ? lines.partialReasonText(x) : x.message);
  const skipped = (s: SkippedLine) => (lines ? lines.skippedText(s) : `${s.path} (${s.reason})`);
  return (
    <div class="check-report">
      <p data-testid="check-detail-line">{predictionLine(r)}</p>
      {r.reasons.length > 0 && (
        <ul class="small" data-testid="check-reasons">
          {r.reasons.map((x) => (
            <li key={x.message}>{reason(x)}</li>
          ))}
        </ul>
      )}
      {r.partialReasons.length > 0 && (
        <p class="notice small" data-testid="check-partial">
          {t('check_partial', r.partialReasons.map(partialReason).join('; '))}
        </p>
      )}

      <h3 class="section-title">{t('check_findings')}</h3>
      {r.files.length === 0 ? (
        <p class="muted small">{t('check_no_findings')}</p>
      ) : (
        <ul class="findings" data-testid="check-findings">
          {r.files.map((f) => (
            <li key={f.path}>
              <code>{f.path}</code>
              <ul class="findings">
                {f.findings.map((x, i) => (
                  <li key={i} class={`sev-${x.severity}`}>
                    {x.function && <code>{`${x.function}()`}</code>} {finding(x)}
                    {x.line ? <span class="muted">{` :${x.line}`}</span> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}

      <h3 class="section-title">{t('check_tests')}</h3>
      <p class="small" data-testid="check-tests">
        {!r.tests || !r.tests.codeChanged
          ? t('check_tests_no_code')
          : r.tests.testsChanged
            ? t('check_tests_changed', [r.tests.codeFiles, r.tests.testFiles])
            : t('check_tests_missing', r.tests.codeFiles)}
      </p>

      {r.secrets.length > 0 && (
        <>
          <h3 class="section-title">{t('check_secrets')}</h3>
          <ul class="small" data-testid="check-secrets">
            {r.secrets.map((s, i) => (
              <li key={i}>
                <code>{`${s.file}${s.line ? `:${s.line}` : ''}`}</code> {finding(s)}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3 class="section-title">{t('check_ci')}</h3>
      {!r.ci || r.ci.runs.length === 0 ? (
        <p class="muted small">{t('check_ci_none')}</p>
      ) : (
        <ul class="small" data-testid="check-ci">
          {r.ci.runs.map((run, i) => (
            <li key={i}>
              {`${run.name}: ${ciStateText(run)}${run.durationS != null ? ` · ${formatDuration(run.durationS)}` : ''}`}
            </li>
          ))}
        </ul>
      )}
      {r.ci && r.ci.unreadable.length > 0 && <p class="muted small">{t('check_ci_unreadable', r.ci.unreadable.join(', '))}</p>}

      <h3 class="section-title">{t('check_ai')}</h3>
      <p class="small" data-testid="check-ai">
        {[
          ai && ai.coAuthoredCommits > 0 ? t('check_ai_coauthored', [ai.coAuthoredCommits, r.commits, ai.assistants.join(', ')]) : t('check_ai_none'),
          ai?.prAuthorIsAgent ? t('check_ai_agent', ai.agent ?? '?') : null,
        ]
          .filter(Boolean)
          .join(' ')}
      </p>
      <p class="muted small">{t('check_ai_fact')}</p>

      {r.skippedFiles.length > 0 && (
        <p class="muted small" data-testid="check-skipped">
          {t('check_skipped', r.skippedFiles.map(skipped).join(', '))}
        </p>
      )}
    </div>
  );
}
