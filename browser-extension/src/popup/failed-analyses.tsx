/**
 * Pushes whose analysis failed for good (dead-lettered after the retry
 * policy gave up, issue 14): GET /api/pets/{id}/failed lists them with the
 * last error; one Retry asks POST /api/pets/{id}/retry-failed to replay
 * them all. Nothing shows while there are none, or on a server without the
 * route (an older API).
 */
import type { PetDto } from '@tamagitto/domain';
import { useEffect, useState } from 'preact/hooks';
import { apiClient, errorText, ok, type ApiTarget } from '../shared/api-client.ts';

type FailedList = Awaited<ReturnType<typeof loadFailed>>;
export type FailedAnalysis = FailedList['failed'][number];

const loadFailed = (target: ApiTarget, id: string, signal: AbortSignal) => ok(apiClient(target).GET('/api/pets/{id}/failed', { params: { path: { id } }, signal }));

/** One line: what failed, in the user's words, then GitHub's or the server's own. */
export function causeLine(f: Pick<FailedAnalysis, 'errorKind' | 'error'>): string {
  const said = (f.error ?? '').trim().replace(/\.$/, '');
  const why =
    f.errorKind === 'github'
      ? 'GitHub did not give us the commits (it failed, timed out or rate-limited us)'
      : f.errorKind === 'transient'
        ? 'The server lost its database or queue while analysing'
        : 'The analysis itself failed';
  return said ? `${why}: ${said}.` : `${why}.`;
}

export function pushLine(f: Pick<FailedAnalysis, 'commits' | 'headSha' | 'receivedAt' | 'attempts'>): string {
  const when = new Date(f.receivedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const what = f.commits === 1 ? '1 commit' : `${f.commits} commits`;
  const sha = f.headSha ? ` (${f.headSha.slice(0, 7)})` : '';
  return `Push of ${what}${sha}, ${when} · ${f.attempts} ${f.attempts === 1 ? 'attempt' : 'attempts'}`;
}

export function FailedAnalyses({ pet, target }: { pet: Pick<PetDto, 'id'>; target: ApiTarget }) {
  const [items, setItems] = useState<FailedAnalysis[]>([]);
  const [round, setRound] = useState(0);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    loadFailed(target, pet.id, ctrl.signal).then(
      (r) => !ctrl.signal.aborted && setItems(r.failed),
      // An older server without the route, a pet whose repository is out of reach, a network failure: nothing to list.
      () => !ctrl.signal.aborted && setItems([]),
    );
    return () => ctrl.abort();
  }, [pet.id, target, round]);

  useEffect(() => setNote(null), [pet.id]);

  if (!items.length && !note) return null;

  const retry = async () => {
    setBusy(true);
    setNote(null);
    try {
      const r = await ok(apiClient(target).POST('/api/pets/{id}/retry-failed', { params: { path: { id: pet.id } } }));
      setNote({ kind: 'ok', text: r.retried === 1 ? 'Retrying 1 push: its result appears here when it is analysed.' : `Retrying ${r.retried} pushes: results appear here as they are analysed.` });
      setItems([]);
      // The worker picks the replays up within seconds; read the list again after a while.
      setTimeout(() => setRound((n) => n + 1), 15_000);
    } catch (err) {
      setNote({ kind: 'error', text: `Retry failed: ${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="failed" aria-labelledby="failed-title" data-testid="failed-analyses">
      <h2 class="section-title" id="failed-title">
        Analyses that failed
      </h2>
      {items.length > 0 && (
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
            {busy ? 'Retrying…' : items.length === 1 ? 'Retry this push' : `Retry all ${items.length}`}
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
