/**
 * Puzzle: today's puzzle (`GET /api/puzzle/today`), one answer a day
 * (`POST /api/puzzle/submit` with the choice's index), the result with the
 * explanation, the streak and the badges (`GET /api/badges`).
 */
import type { BadgeDto, BadgeListDto, PuzzleResultDto, PuzzleTodayDto } from '@tamagitto/domain';
import { useState } from 'preact/hooks';
import { apiClient, ok, type ApiTarget } from '../../shared/api-client.ts';
import { codeText, t } from '../../shared/i18n.ts';
import { RemoteView } from '../remote-view.tsx';
import { errorText } from '../../shared/api-client.ts';
import { useRemote } from '../use-remote.ts';
import { lazyView } from '../lazy-view.tsx';

/** Share as Gist shows under earned badges only, after the puzzle's data: its own chunk. */
const BadgeShare = lazyView(() => import('../badge-share.tsx').then((m) => m.BadgeShare));

/**
 * The puzzle is the tab; badges are extra. The tab's state follows the puzzle's
 * request alone (with Promise.all, whichever failure arrived first decided between
 * "error" and "not available"), and a puzzle whose badges failed still shows.
 */
async function loadPuzzle(target: ApiTarget, signal: AbortSignal) {
  const api = apiClient(target);
  const [today, badges] = await Promise.allSettled([ok(api.GET('/api/puzzle/today', { signal })), ok(api.GET('/api/badges', { signal }))]);
  if (today.status === 'rejected') throw today.reason;
  return { today: today.value, badges: badges.status === 'fulfilled' ? badges.value : null };
}

const PET_TREATS = (fed: number, delta: number) => (fed === 1 ? t('puz_one_pet_treat', delta) : t('puz_pets_treat', [fed, delta]));

export function PuzzleTab({ target }: { target: ApiTarget }) {
  const [remote, retry] = useRemote(target, loadPuzzle);
  return (
    <RemoteView remote={remote} what={t('puz_what')} retry={retry}>
      {(data) => <PuzzleView key={data.today.day} target={target} today={data.today} badges={data.badges} />}
    </RemoteView>
  );
}

function PuzzleView({ target, today, badges: initialBadges }: { target: ApiTarget; today: PuzzleTodayDto; badges: BadgeListDto | null }) {
  const { puzzle } = today;
  const [picked, setPicked] = useState<number | null>(today.result?.answer ?? null);
  const [result, setResult] = useState<PuzzleResultDto | null>(today.result);
  const [streak, setStreak] = useState(today.streak);
  const [badges, setBadges] = useState<BadgeDto[]>(initialBadges?.items ?? []);
  const [news, setNews] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (picked === null || result || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await ok(apiClient(target).POST('/api/puzzle/submit', { body: { puzzleId: puzzle.id, answer: picked } }));
      setResult(r);
      setStreak(r.streak);
      if (r.badgesAwarded.length) setBadges((b) => [...b, ...r.badgesAwarded.filter((n) => !b.some((o) => o.id === n.id))]);
      const fed = r.petBonus.length;
      const bits = [r.badgesAwarded.length ? t('puz_new_badge', r.badgesAwarded.map((b) => b.title).join(', ')) : '', fed ? PET_TREATS(fed, r.petBonus[0]?.delta ?? 0) : ''].filter(Boolean);
      setNews(bits.length ? `${bits.join('. ')}.` : null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const choiceClass = (i: number) => {
    if (!result) return 'choice';
    if (i === result.correctAnswer) return 'choice right';
    return i === result.answer ? 'choice wrong' : 'choice';
  };

  return (
    <section class="puzzle">
      <div class="puzzle-head">
        <h2>{puzzle.title}</h2>
        <span class="chip streak" title={t('puz_streak_title')} data-testid="streak">
          {t('puz_streak', streak)}
        </span>
      </div>
      <p class="muted small">{`${codeText('puzzle_kind', puzzle.kind)} · ${today.day}`}</p>
      <p class="prewrap">{puzzle.prompt}</p>
      {puzzle.code !== null && (
        <pre class="code">
          <code>{puzzle.code}</code>
        </pre>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <fieldset class="choices" disabled={result !== null}>
          <legend class="visually-hidden">{t('puz_your_answer')}</legend>
          {puzzle.choices.map((c, i) => (
            <label key={i} class={choiceClass(i)}>
              <input type="radio" name="answer" value={String(i)} checked={picked === i} onChange={() => setPicked(i)} />
              <span class="prewrap">{c}</span>
            </label>
          ))}
        </fieldset>
        {!result && (
          <button type="submit" class="primary" disabled={picked === null || busy}>
            {busy ? t('puz_checking') : t('puz_submit')}
          </button>
        )}
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div class={`result ${result.correct ? 'result-right' : 'result-wrong'}`} role="status" data-testid="puzzle-result">
          <strong>{result.correct ? t('puz_correct') : t('puz_not_quite', puzzle.choices[result.correctAnswer] ?? '?')}</strong>
          <p class="prewrap small">{result.explanation}</p>
          {news && <p class="small">{news}</p>}
          <p class="muted small">{t('puz_tomorrow')}</p>
        </div>
      )}
      <h2 class="section-title">{initialBadges ? t('puz_badges_n', badges.length) : t('puz_badges')}</h2>
      {!initialBadges && badges.length === 0 ? (
        <p class="muted small" data-testid="badges-unavailable">
          {t('puz_badges_unavailable')}
        </p>
      ) : badges.length === 0 ? (
        <p class="muted small">{t('puz_no_badges')}</p>
      ) : (
        <ul class="badges">
          {badges.map((b) => (
            <li key={b.id} title={b.description}>
              <span class="medal" aria-hidden="true" />
              <strong>{b.title}</strong>
              <span class="muted small">{` ${b.description}`}</span>
            </li>
          ))}
        </ul>
      )}
      {badges.length > 0 && <BadgeShare target={target} />}
      {initialBadges && <p class="muted small">{t('puz_best_streak', [Math.max(initialBadges.streak.best, streak), initialBadges.solved + (result?.correct && !today.result ? 1 : 0)])}</p>}
    </section>
  );
}
