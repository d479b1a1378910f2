/**
 * Queue, Coach, Puzzle and Stats: filled by the coaching issue's routes
 * (ARCHITECTURE.md). Each has loading / empty / error / "not available on
 * this server" states so the popup is honest about a partial backend.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { apiFetch, ApiRequestError, type ApiTarget } from '../shared/api-client.ts';
import { badgeNames, chatReply, listOf, toPuzzle, toQueueItem, toVelocity, type QueueItem } from './coaching-shapes.ts';
import { useRemote, type Remote } from './use-remote.ts';
import { safeHref } from './vet-reports.tsx';

export type FeatureTabId = 'queue' | 'coach' | 'puzzle' | 'stats';

function Unavailable({ what }: { what: string }) {
  return (
    <div class="empty-state" data-state="unavailable">
      <h2>{what} is not available on this server</h2>
      <p class="muted">This Tamagitto API does not offer {what.toLowerCase()} yet. Everything else keeps working.</p>
    </div>
  );
}

function RemoteView<T>({ remote, what, retry, children }: { remote: Remote<T>; what: string; retry: () => void; children: (data: T) => ComponentChildren }) {
  if (remote.kind === 'loading')
    return (
      <p class="muted" role="status" data-state="loading">
        {`Loading ${what.toLowerCase()}…`}
      </p>
    );
  if (remote.kind === 'unavailable') return <Unavailable what={what} />;
  if (remote.kind === 'error')
    return (
      <div data-state="error">
        <p class="error" role="alert">
          {remote.message}
        </p>
        <button type="button" class="secondary" onClick={retry}>
          Try again
        </button>
      </div>
    );
  return <>{children(remote.data)}</>;
}

function QueueRow({ item }: { item: QueueItem }) {
  const href = safeHref(item.url);
  return (
    <li class="queue-item">
      <div class="queue-head">
        {item.score !== null && <span class="chip">{item.score.toFixed(0)}</span>}
        {href ? (
          <a href={href} target="_blank" rel="noreferrer noopener">
            {item.title}
          </a>
        ) : (
          <span>{item.title}</span>
        )}
      </div>
      <span class="muted small">{[item.kind, item.repo].filter(Boolean).join(' · ')}</span>
      {item.reasons.length > 0 && <span class="small">{item.reasons.join(' · ')}</span>}
    </li>
  );
}

async function loadQueue(target: ApiTarget, signal: AbortSignal) {
  const [recs, all] = await Promise.all([
    apiFetch<unknown>(target, '/api/github/queue/recommendations', { signal }),
    apiFetch<unknown>(target, '/api/github/queue', { signal }),
  ]);
  return { recs: listOf(recs, 'recommendations').map(toQueueItem), all: listOf(all, 'queue').map(toQueueItem) };
}

function QueueTab({ target }: { target: ApiTarget }) {
  const [remote, retry] = useRemote(target, loadQueue);
  return (
    <RemoteView remote={remote} what="The review queue" retry={retry}>
      {({ recs, all }) =>
        all.length === 0 && recs.length === 0 ? (
          <div class="empty-state" data-state="empty">
            <h2>Inbox zero</h2>
            <p class="muted">Nothing waits for your review. Enjoy it.</p>
          </div>
        ) : (
          <>
            {recs.length > 0 && (
              <>
                <h2 class="section-title">Do these first</h2>
                <ol class="queue-list">{recs.slice(0, 3).map((i, n) => <QueueRow key={n} item={i} />)}</ol>
              </>
            )}
            <h2 class="section-title">{`Queue (${all.length})`}</h2>
            <ul class="queue-list">{all.slice(0, 30).map((i, n) => <QueueRow key={n} item={i} />)}</ul>
          </>
        )
      }
    </RemoteView>
  );
}

function CoachTab({ target }: { target: ApiTarget }) {
  const [message, setMessage] = useState('');
  // The Anthropic key stays in this popup's memory only: never stored (ARCHITECTURE.md).
  const [key, setKey] = useState('');
  const [log, setLog] = useState<{ who: 'you' | 'coach'; text: string }[]>([]);
  const [state, setState] = useState<'idle' | 'sending' | 'unavailable'>('idle');
  const [error, setError] = useState<string | null>(null);
  if (state === 'unavailable') return <Unavailable what="The coach" />;
  const send = async (e: Event) => {
    e.preventDefault();
    const text = message.trim();
    if (!text) return;
    setState('sending');
    setError(null);
    setLog((l) => [...l, { who: 'you', text }]);
    setMessage('');
    try {
      const res = await apiFetch<unknown>(target, '/api/conversation/chat', { method: 'POST', body: { message: text }, headers: key ? { 'x-anthropic-key': key } : {} });
      setLog((l) => [...l, { who: 'coach', text: chatReply(res) || '…' }]);
      setState('idle');
    } catch (err) {
      if (err instanceof ApiRequestError && err.featureUnavailable) return setState('unavailable');
      setError(err instanceof Error ? err.message : String(err));
      setState('idle');
    }
  };
  return (
    <section class="coach">
      {log.length === 0 ? (
        <p class="muted" data-state="empty">
          Ask your coach about today's work, a tricky review, or how to help your pet.
        </p>
      ) : (
        <ul class="chat">
          {log.map((m, i) => (
            <li key={i} class={`bubble ${m.who}`}>
              {m.text}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={(e) => void send(e)} class="chat-form">
        <label class="field">
          <span>Message</span>
          <textarea rows={2} value={message} onInput={(e) => setMessage((e.currentTarget as HTMLTextAreaElement).value)} />
        </label>
        <label class="field">
          <span>Anthropic API key (optional, not stored)</span>
          <input type="password" autoComplete="off" value={key} onInput={(e) => setKey((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="primary" disabled={state === 'sending' || !message.trim()}>
          {state === 'sending' ? 'Thinking…' : 'Send'}
        </button>
      </form>
    </section>
  );
}

async function loadPuzzle(target: ApiTarget, signal: AbortSignal) {
  const [puzzle, badges] = await Promise.all([
    apiFetch<unknown>(target, '/api/puzzle/today', { signal }),
    apiFetch<unknown>(target, '/api/badges', { signal }).catch(() => null),
  ]);
  return { puzzle: toPuzzle(puzzle), badges: badgeNames(badges) };
}

function PuzzleTab({ target }: { target: ApiTarget }) {
  const [remote, retry] = useRemote(target, loadPuzzle);
  const [answer, setAnswer] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const submit = async (puzzleId: string) => {
    try {
      const res = await apiFetch<Record<string, unknown>>(target, '/api/puzzle/submit', { method: 'POST', body: { puzzleId, answer } });
      setResult(res.correct === true ? 'Correct! Your pet appreciates it.' : typeof res.explanation === 'string' ? res.explanation : 'Not quite.');
    } catch (err) {
      setResult(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <RemoteView remote={remote} what="The daily puzzle" retry={retry}>
      {({ puzzle, badges }) => (
        <section>
          {!puzzle ? (
            <p class="muted" data-state="empty">
              No puzzle today. Come back tomorrow.
            </p>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void submit(puzzle.id);
              }}
            >
              <h2>{puzzle.title}</h2>
              <p class="prewrap">{puzzle.prompt}</p>
              {puzzle.choices.length > 0 ? (
                <fieldset class="choices">
                  <legend class="visually-hidden">Answer</legend>
                  {puzzle.choices.map((c) => (
                    <label key={c}>
                      <input type="radio" name="answer" value={c} checked={answer === c} onChange={() => setAnswer(c)} /> {c}
                    </label>
                  ))}
                </fieldset>
              ) : (
                <label class="field">
                  <span>Your answer</span>
                  <input value={answer} onInput={(e) => setAnswer((e.currentTarget as HTMLInputElement).value)} />
                </label>
              )}
              <button type="submit" class="primary" disabled={!answer || puzzle.solved}>
                {puzzle.solved ? 'Solved' : 'Submit'}
              </button>
              {result && <p role="status">{result}</p>}
            </form>
          )}
          <h2 class="section-title">Badges</h2>
          {badges.length === 0 ? <p class="muted small">No badges yet.</p> : <ul class="badges">{badges.map((b, i) => <li key={i} title={b.description}>{`🏅 ${b.name}`}</li>)}</ul>}
        </section>
      )}
    </RemoteView>
  );
}

const loadVelocity = (target: ApiTarget, signal: AbortSignal) => apiFetch<unknown>(target, '/api/analytics/velocity', { signal }).then(toVelocity);

function StatsTab({ target }: { target: ApiTarget }) {
  const [remote, retry] = useRemote(target, loadVelocity);
  return (
    <RemoteView remote={remote} what="Stats" retry={retry}>
      {(days) => {
        if (days.length === 0)
          return (
            <p class="muted" data-state="empty">
              No pull requests merged or reviewed yet.
            </p>
          );
        const max = Math.max(1, ...days.map((d) => Math.max(d.merged, d.reviewed)));
        return (
          <section>
            <h2 class="section-title">Pull requests per day</h2>
            <div class="bars" role="img" aria-label={`Merged and reviewed pull requests over ${days.length} days`}>
              {days.slice(-14).map((d) => (
                <div key={d.date} class="bar-day" title={`${d.date}: ${d.merged} merged, ${d.reviewed} reviewed`}>
                  <div class="bar merged" style={{ height: `${(d.merged / max) * 100}%` }} />
                  <div class="bar reviewed" style={{ height: `${(d.reviewed / max) * 100}%` }} />
                </div>
              ))}
            </div>
            <p class="legend small">
              <span class="dot merged" /> {`${days.reduce((n, d) => n + d.merged, 0)} merged`} <span class="dot reviewed" />{' '}
              {`${days.reduce((n, d) => n + d.reviewed, 0)} reviewed in ${days.length} days`}
            </p>
          </section>
        );
      }}
    </RemoteView>
  );
}

const TAB_VIEWS: Record<FeatureTabId, (p: { target: ApiTarget }) => ComponentChildren> = {
  queue: QueueTab,
  coach: CoachTab,
  puzzle: PuzzleTab,
  stats: StatsTab,
};

export function FeatureTabs({ tab, target }: { tab: FeatureTabId; target: ApiTarget }) {
  const View = TAB_VIEWS[tab];
  return <View target={target} />;
}
