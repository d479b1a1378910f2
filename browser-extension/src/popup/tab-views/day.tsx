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
import { RemoteView } from '../remote-view.tsx';
import { errorText } from '../../shared/api-client.ts';
import { t, uiLanguage } from '../../shared/i18n.ts';
import { useRemote } from '../use-remote.ts';

const loadToday = (target: ApiTarget, signal: AbortSignal) => ok(apiClient(target).GET('/api/sessions/today', { signal }));

const time = (iso: string) => new Date(iso).toLocaleTimeString(uiLanguage(), { hour: '2-digit', minute: '2-digit' });
const blocks = (n: number) => (n === 1 ? t('day_one_block') : t('day_blocks', n));

export function DayTab({ target, pets }: { target: ApiTarget; pets: readonly PetDto[] }) {
  const [remote, retry] = useRemote(target, loadToday);
  return (
    <RemoteView remote={remote} what={t('day_what')} retry={retry}>
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
      <span>{t('day_journal_repo')}</span>
      <select value={journalRepo} onChange={(e) => setJournalRepo((e.currentTarget as HTMLSelectElement).value)} disabled={busy}>
        {(!session || !session.journal.repo) && <option value="">{t('day_no_journal')}</option>}
        {repos.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <span class="muted small">{t('day_journal_help', '.tamagitto/journal.md')}</span>
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
        <h2>{t('day_start_title')}</h2>
        <p class="muted">{t('day_start_text')}</p>
        {journalPicker}
        <button type="button" class="primary" disabled={busy} onClick={() => void start()}>
          {t('day_start')}
        </button>
        {errorLine}
      </section>
    );

  if (session.endedAt)
    return (
      <section class="day" data-testid="day-ended">
        <h2>{t('day_ended_at', time(session.endedAt))}</h2>
        <p>{t('day_ended_total', [formatMinutes(session.totalMinutes), blocks(session.blocks.length)])}</p>
        {summary && <Summary summary={summary} />}
        <JournalStatus journal={session.journal} />
        {errorLine}
      </section>
    );

  const open = session.openBlock;
  return (
    <section class="day" data-testid="day-running">
      <h2>{t('day_started_at', time(session.startedAt))}</h2>
      <p data-testid="day-total">{t('day_running_total', [formatMinutes(session.totalMinutes), blocks(session.blocks.length)])}</p>
      {session.blocks.length > 0 && (
        <ul class="blocks">
          {session.blocks.map((b) => (
            <li key={b.id} class={b.endedAt ? 'block' : 'block open'}>
              <span>{b.label ?? t('day_work_block')}</span>
              <span class="muted small">{`${time(b.startedAt)}–${b.endedAt ? time(b.endedAt) : t('day_now')} · ${formatMinutes(b.minutes)}`}</span>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <button type="button" class="secondary" disabled={busy} onClick={() => void endBlock(session.id)}>
          {open.label ? t('day_end_block_named', open.label) : t('day_end_block')}
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
            <span>{t('day_next_block')}</span>
            <input value={label} maxLength={200} placeholder={t('day_next_block_example')} onInput={(e) => setLabel((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="secondary" disabled={busy}>
            {t('day_start_block')}
          </button>
        </form>
      )}
      {journalPicker}
      <button type="button" class="primary" disabled={busy} onClick={() => void end(session.id)}>
        {t('day_end')}
      </button>
      {errorLine}
    </section>
  );
}

function Summary({ summary }: { summary: SessionSummaryDto }) {
  return (
    <div class="summary" data-testid="day-summary">
      <p class="small">
        {[
          summary.commits.length === 1 ? t('day_one_commit') : t('day_commits', summary.commits.length),
          summary.prsReviewed.length === 1 ? t('day_one_pr_reviewed') : t('day_prs_reviewed', summary.prsReviewed.length),
          t(summary.puzzle ? (summary.puzzle.solved ? 'day_puzzle_solved' : 'day_puzzle_missed') : 'day_puzzle_not_tried'),
        ].join(' · ')}
      </p>
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
  if (!journal.repo) return <p class="muted small">{t('day_no_journal_chosen')}</p>;
  if (journal.error)
    return (
      <p class="error small" role="alert" data-testid="journal">
        {t('day_journal_failed', [journal.repo, journal.error])}
      </p>
    );
  const where = `${journal.repo}/${journal.path}${journal.sha ? ` (${journal.sha.slice(0, 7)})` : ''}`;
  return (
    <p class="small" data-testid="journal">
      {t('day_journal_written', where)}
    </p>
  );
}
