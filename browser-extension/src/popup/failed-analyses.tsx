/**
 * Pushes whose analysis failed for good (dead-lettered after the retry
 * policy gave up, issue 14): GET /api/pets/{id}/failed lists them with the
 * last error; one Retry asks POST /api/pets/{id}/retry-failed to replay
 * them all. None failed: a line says so (every push was analysed); nothing
 * shows while loading, or on a server without the route (an older API).
 */
import type { PetDto } from '@tamagitto/domain';
import { useEffect, useState } from 'preact/hooks';
import { apiClient, errorText, ok, type ApiTarget } from '../shared/api-client.ts';
import { t, uiLanguage } from '../shared/i18n.ts';

type FailedList = Awaited<ReturnType<typeof loadFailed>>;
export type FailedAnalysis = FailedList['failed'][number];

const loadFailed = (target: ApiTarget, id: string, signal: AbortSignal) => ok(apiClient(target).GET('/api/pets/{id}/failed', { params: { path: { id } }, signal }));

/** One line: what failed, in the user's words, then GitHub's or the server's own. */
export function causeLine(f: Pick<FailedAnalysis, 'errorKind' | 'error'>): string {
  const said = (f.error ?? '').trim().replace(/\.$/, '');
  const why = t(f.errorKind === 'github' ? 'failed_why_github' : f.errorKind === 'transient' ? 'failed_why_transient' : 'failed_why_other');
  return said ? t('failed_cause_said', [why, said]) : t('failed_cause', why);
}

export function pushLine(f: Pick<FailedAnalysis, 'commits' | 'headSha' | 'receivedAt' | 'attempts'>): string {
  const when = new Date(f.receivedAt).toLocaleString(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  const what = f.commits === 1 ? t('failed_one_commit') : t('failed_commits', f.commits);
  const sha = f.headSha ? ` (${f.headSha.slice(0, 7)})` : '';
  return t('failed_push', [`${what}${sha}`, when, f.attempts === 1 ? t('failed_one_attempt') : t('failed_attempts', f.attempts)]);
}

export function FailedAnalyses({ pet, target }: { pet: Pick<PetDto, 'id'>; target: ApiTarget }) {
  // null: not known (loading, or a server without the route) — nothing to say yet.
  const [items, setItems] = useState<FailedAnalysis[] | null>(null);
  const [round, setRound] = useState(0);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    loadFailed(target, pet.id, ctrl.signal).then(
      (r) => !ctrl.signal.aborted && setItems(r.failed),
      // An older server without the route, a pet whose repository is out of reach, a network failure: nothing to list.
      () => !ctrl.signal.aborted && setItems(null),
    );
    return () => ctrl.abort();
  }, [pet.id, target, round]);

  useEffect(() => {
    setNote(null);
    setItems(null);
  }, [pet.id]);

  if (!items && !note) return null;

  const retry = async () => {
    setBusy(true);
    setNote(null);
    try {
      const r = await ok(apiClient(target).POST('/api/pets/{id}/retry-failed', { params: { path: { id: pet.id } } }));
      setNote({ kind: 'ok', text: r.retried === 1 ? t('failed_retrying_one') : t('failed_retrying', r.retried) });
      setItems(null);
      // The worker picks the replays up within seconds; read the list again after a while.
      setTimeout(() => setRound((n) => n + 1), 15_000);
    } catch (err) {
      setNote({ kind: 'error', text: t('failed_retry_failed', errorText(err)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="failed" aria-labelledby="failed-title" data-testid="failed-analyses">
      <h2 class="section-title" id="failed-title">
        {t('failed_title')}
      </h2>
      {items?.length === 0 && !note && (
        <p class="muted small" data-testid="failed-none">
          {t('failed_none')}
        </p>
      )}
      {items && items.length > 0 && (
        <>
          <ul class="failed-list">
            {items.map((f) => (
              <li key={f.deliveryId} class="vet">
                <div class="small">{pushLine(f)}</div>
                <div class="small">{causeLine(f)}</div>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void retry()} disabled={busy}>
            {busy ? t('failed_retrying_busy') : items.length === 1 ? t('failed_retry_one') : t('failed_retry_all', items.length)}
          </button>
        </>
      )}
      {note && (
        <p class={note.kind === 'ok' ? 'muted small' : 'error'} role={note.kind === 'ok' ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
    </section>
  );
}
