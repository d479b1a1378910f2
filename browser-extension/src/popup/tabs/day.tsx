/**
 * Day: the working-day session (`/api/sessions/*`). Start the day, split it
 * into work blocks, end it — the API then writes the day's journal entry to
 * the repository chosen here (one of the user's adopted pets) and answers
 * with the summary it wrote.
 */
import type { DaySessionDto, PetDto, SessionSummaryDto } from '@tamagitto/domain';
import { useState } from 'preact/hooks';
import { apiClient, ok, type ApiTarget } from '../../shared/api-client.ts';
import { formatMinutes } from '../coaching-format.ts';
import { defineTab } from '../popup-tab.ts';
import { RemoteView } from '../remote-view.tsx';
import { errorText } from '../../shared/api-client.ts';
import { useRemote } from '../use-remote.ts';

const loadToday = (target: ApiTarget, signal: AbortSignal) => ok(apiClient(target).GET('/api/sessions/today', { signal }));

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function DayTab({ target, pets }: { target: ApiTarget; pets: readonly PetDto[] }) {
  const [remote, retry] = useRemote(target, loadToday);
  return (
    <RemoteView remote={remote} what="Day sessions" retry={retry}>
      {(data) => <DayView target={target} pets={pets} initial={data.session} />}
    </RemoteView>
  );
}

function DayView({ target, pets, initial }: { target: ApiTarget; pets: readonly PetDto[]; initial: DaySessionDto | null }) {
  const [session, setSession] = useState(initial);
  const [summary, setSummary] = useState<SessionSummaryDto | null>(null);
  const [journalRepo, setJournalRepo] = useState(initial?.journal.repo ?? '');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const repos = pets.map((p) => p.repo.fullName);

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const api = apiClient(target);
  const journalBody = journalRepo ? { journalRepo } : undefined;
  const path = (id: string) => ({ path: { id } });

  const start = () => act(async () => setSession(await ok(api.POST('/api/sessions/start', { body: journalBody }))));
  const startBlock = (id: string) =>
    act(async () => {
      setSession(await ok(api.POST('/api/sessions/{id}/blocks/start', { params: path(id), body: label.trim() ? { label: label.trim() } : undefined })));
      setLabel('');
    });
  const endBlock = (id: string) => act(async () => setSession(await ok(api.POST('/api/sessions/{id}/blocks/end', { params: path(id) }))));
  const end = (id: string) =>
    act(async () => {
      const r = await ok(api.POST('/api/sessions/{id}/end', { params: path(id), body: journalBody }));
      setSession(r.session);
      setSummary(r.summary);
    });

  const journalPicker = (
    <label class="field">
      <span>Journal repository</span>
      <select value={journalRepo} onChange={(e) => setJournalRepo((e.currentTarget as HTMLSelectElement).value)} disabled={busy}>
        {(!session || !session.journal.repo) && <option value="">No journal</option>}
        {repos.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <span class="muted small">Ending the day appends a summary to .tamagitto/journal.md there.</span>
    </label>
  );

  const errorLine = error && (
    <p class="error" role="alert">
      {error}
    </p>
  );

  if (!session)
    return (
      <section class="day" data-state="empty">
        <h2>Start your day</h2>
        <p class="muted">Track work blocks, then end the day for a summary of commits, reviews and the puzzle.</p>
        {journalPicker}
        <button type="button" class="primary" disabled={busy} onClick={() => void start()}>
          Start day
        </button>
        {errorLine}
      </section>
    );

  if (session.endedAt)
    return (
      <section class="day" data-testid="day-ended">
        <h2>{`Day ended at ${time(session.endedAt)}`}</h2>
        <p>{`${formatMinutes(session.totalMinutes)} in ${session.blocks.length} block${session.blocks.length === 1 ? '' : 's'}.`}</p>
        {summary && <Summary summary={summary} />}
        <JournalStatus journal={session.journal} />
        {errorLine}
      </section>
    );

  const open = session.openBlock;
  return (
    <section class="day" data-testid="day-running">
      <h2>{`Day started at ${time(session.startedAt)}`}</h2>
      <p data-testid="day-total">{`${formatMinutes(session.totalMinutes)} worked · ${session.blocks.length} block${session.blocks.length === 1 ? '' : 's'}`}</p>
      {session.blocks.length > 0 && (
        <ul class="blocks">
          {session.blocks.map((b) => (
            <li key={b.id} class={b.endedAt ? 'block' : 'block open'}>
              <span>{b.label ?? 'Work block'}</span>
              <span class="muted small">{`${time(b.startedAt)}–${b.endedAt ? time(b.endedAt) : 'now'} · ${formatMinutes(b.minutes)}`}</span>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <button type="button" class="secondary" disabled={busy} onClick={() => void endBlock(session.id)}>
          {`End block${open.label ? ` “${open.label}”` : ''}`}
        </button>
      ) : (
        <form
          class="block-form"
          onSubmit={(e) => {
            e.preventDefault();
            void startBlock(session.id);
          }}
        >
          <label class="field">
            <span>Next block (optional label)</span>
            <input value={label} maxLength={200} placeholder="e.g. Review billing PR" onInput={(e) => setLabel((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="secondary" disabled={busy}>
            Start block
          </button>
        </form>
      )}
      {journalPicker}
      <button type="button" class="primary" disabled={busy} onClick={() => void end(session.id)}>
        End day
      </button>
      {errorLine}
    </section>
  );
}

function Summary({ summary }: { summary: SessionSummaryDto }) {
  return (
    <div class="summary" data-testid="day-summary">
      <p class="small">{`${summary.commits.length} commit${summary.commits.length === 1 ? '' : 's'} · ${summary.prsReviewed.length} PR${summary.prsReviewed.length === 1 ? '' : 's'} reviewed · puzzle ${summary.puzzle ? (summary.puzzle.solved ? 'solved' : 'missed') : 'not tried'}`}</p>
      {summary.commits.length > 0 && (
        <ul class="small summary-list">
          {summary.commits.slice(0, 5).map((c) => (
            <li key={c.sha}>{`${c.repo} ${c.sha.slice(0, 7)} ${c.message}`}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function JournalStatus({ journal }: { journal: DaySessionDto['journal'] }) {
  if (!journal.repo) return <p class="muted small">No journal repository was chosen.</p>;
  if (journal.error)
    return (
      <p class="error small" role="alert" data-testid="journal">
        {`The journal entry could not be written to ${journal.repo}: ${journal.error}`}
      </p>
    );
  return <p class="small" data-testid="journal">{`Journal written to ${journal.repo}/${journal.path}${journal.sha ? ` (${journal.sha.slice(0, 7)})` : ''}.`}</p>;
}

export const dayTab = defineTab({ id: 'day', label: 'Day', view: DayTab });
