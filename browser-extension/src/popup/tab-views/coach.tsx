/**
 * Coach: the conversation history and a chat whose answer streams in as
 * server-sent events (`POST /api/conversation/chat`, Accept:
 * text/event-stream → meta, delta…, done | error). Without the user's
 * Anthropic key the API answers with its rule-based coach; with it, Claude.
 * The key is read from chrome.storage.session (shared/anthropic-key.ts) and
 * sent only as our API's `X-Anthropic-Key` header. While another tab is
 * open, the tab button carries an unread dot for nudges received since the
 * Coach tab was last looked at; looking at it reads them.
 */
import type { ApiError, ChatReplyDto, CoachSource, ConversationMessageDto } from '@tamagitto/domain';
import { useEffect, useRef, useState } from 'preact/hooks';
import { readAnthropicKey } from '../../shared/anthropic-key.ts';
import { apiClient, ApiRequestError, ok, type ApiTarget } from '../../shared/api-client.ts';
import { t } from '../../shared/i18n.ts';
import { mergeNudges, type LiveNudge } from '../../shared/nudges.ts';
import { readSse } from '../../shared/sse.ts';
import { markCoachRead } from '../../shared/storage.ts';
import type { TabProps } from '../popup-tab.ts';
import { RemoteView, Unavailable } from '../remote-view.tsx';
import { errorText } from '../../shared/api-client.ts';
import { useRemote } from '../use-remote.ts';

const sourceLabel = (source: CoachSource): string => (source === 'llm' ? 'Claude' : t('coach_rules'));

interface Line {
  id: string;
  role: ConversationMessageDto['role'];
  text: string;
  source: CoachSource | null;
  streaming?: boolean;
  /** The stream broke after part of the answer arrived. */
  cut?: boolean;
}

const toLine = (m: ConversationMessageDto): Line => ({ id: m.id, role: m.role, text: m.content, source: m.source });
const nudgeLine = (n: LiveNudge): Line => ({ id: n.id, role: 'nudge', text: n.message, source: null });

const loadHistory = (target: ApiTarget, signal: AbortSignal) =>
  Promise.all([ok(apiClient(target).GET('/api/conversation/history', { params: { query: { limit: 30 } }, signal })), readAnthropicKey()]).then(([h, key]) => ({
    lines: h.items.map(toLine),
    hasKey: key !== null,
  }));

export function CoachTab({ target, nudges }: { target: ApiTarget; nudges: readonly LiveNudge[] }) {
  const [remote, retry] = useRemote(target, loadHistory);
  return (
    <RemoteView remote={remote} what={t('coach_what')} retry={retry}>
      {(data) => <Chat target={target} initial={data.lines} hasKey={data.hasKey} nudges={nudges} />}
    </RemoteView>
  );
}

/**
 * The chat stream's events. The OpenAPI document describes them in prose only
 * (`text/event-stream`), so their JSON is typed here: `done` carries the
 * documented ChatReply, `error` the error envelope's `{ code, message }`.
 */
type ChatEvents = {
  meta: { source: CoachSource; label: string };
  delta: { text: string };
  done: ChatReplyDto;
  error: ApiError['error'];
};
type ChatHandlers = { [E in keyof ChatEvents]: (data: ChatEvents[E]) => void };
const isChatEvent = (on: ChatHandlers, name: string): name is keyof ChatEvents => Object.hasOwn(on, name);

function Chat({ target, initial, hasKey, nudges }: { target: ApiTarget; initial: Line[]; hasKey: boolean; nudges: readonly LiveNudge[] }) {
  // History already holds every nudge stored before it was read: live ones join by id, never twice.
  const [lines, setLines] = useState<Line[]>(() => mergeNudges(initial, nudges, nudgeLine));
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [label, setLabel] = useState<string | null>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => () => abortRef.current?.abort(), []);
  useEffect(() => setLines((ls) => mergeNudges(ls, nudges, nudgeLine)), [nudges]);
  const last = lines[lines.length - 1];
  useEffect(() => endRef.current?.scrollIntoView?.({ block: 'end' }), [lines.length, last?.text]);

  const patchPending = (patch: (l: Line) => Line) => setLines((ls) => ls.map((l) => (l.id === 'pending' ? patch(l) : l)));

  const send = async (e: Event) => {
    e.preventDefault();
    const text = message.trim();
    if (!text || sending) return;
    const ctrl = new AbortController();
    abortRef.current = ctrl;
    setSending(true);
    setError(null);
    setMessage('');
    setLines((ls) => [...ls, { id: `you-${ls.length}`, role: 'user', text, source: null }, { id: 'pending', role: 'assistant', text: '', source: null, streaming: true }]);
    let finished = false;
    try {
      const key = await readAnthropicKey();
      // parseAs 'stream': the answer comes back unread, to be read as events.
      const { response: res } = await apiClient(target).POST('/api/conversation/chat', {
        body: { message: text },
        params: { header: key ? { 'X-Anthropic-Key': key } : undefined },
        headers: { accept: 'text/event-stream' },
        parseAs: 'stream',
        signal: ctrl.signal,
      });
      const on: ChatHandlers = {
        meta: (m) => {
          setLabel(m.label);
          patchPending((l) => ({ ...l, source: m.source }));
        },
        delta: (d) => patchPending((l) => ({ ...l, text: l.text + d.text })),
        done: (d) => {
          finished = true;
          setLabel(d.label);
          patchPending(() => ({ id: d.conversationId, role: 'assistant', text: d.message, source: d.source }));
        },
        error: (d) => {
          finished = true;
          throw new Error(d.message);
        },
      };
      if (!res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
        on.done(await res.json()); // a proxy that buffers may hand us the JSON answer (the document's application/json 200)
      } else {
        for await (const ev of readSse(res.body)) if (isChatEvent(on, ev.event)) on[ev.event](JSON.parse(ev.data));
      }
      if (!finished) throw new Error(t('coach_cut_error'));
    } catch (err) {
      if (ctrl.signal.aborted) return;
      if (err instanceof ApiRequestError && err.featureUnavailable) return setUnavailable(true);
      setError(errorText(err));
      setLines((ls) => ls.filter((l) => l.id !== 'pending' || l.text !== ''));
      patchPending((l) => ({ ...l, id: `partial-${Date.now()}`, streaming: false, cut: true }));
    } finally {
      if (!ctrl.signal.aborted) setSending(false);
    }
  };

  if (unavailable) return <Unavailable what={t('coach_what')} />;
  return (
    <section class="coach">
      {lines.length === 0 ? (
        <p class="muted" data-state="empty">
          {t('coach_empty')}
        </p>
      ) : (
        <ul class="chat" aria-live="polite" aria-busy={sending}>
          {lines.map((m) => (
            <li key={m.id} class={`bubble ${m.role === 'user' ? 'you' : 'coach'}${m.role === 'nudge' ? ' nudge' : ''}`} data-role={m.role} data-streaming={m.streaming ? 'true' : undefined}>
              {m.role !== 'user' && <span class="bubble-from small">{m.role === 'nudge' ? t('coach_nudge') : m.source ? sourceLabel(m.source) : t('coach_coach')}</span>}
              <span class="bubble-text">{m.text || (m.streaming ? '…' : '')}</span>
              {m.cut && <span class="muted small">{t('coach_cut')}</span>}
            </li>
          ))}
        </ul>
      )}
      <div ref={endRef} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={(e) => void send(e)} class="chat-form">
        <label class="field">
          <span>{t('coach_message')}</span>
          <textarea
            rows={2}
            maxLength={2000}
            value={message}
            onInput={(e) => setMessage((e.currentTarget as HTMLTextAreaElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) void send(e);
            }}
          />
        </label>
        <div class="chat-actions">
          <span class="muted small coach-mode" data-testid="coach-mode">
            {label ?? (hasKey ? t('coach_mode_key') : t('coach_mode_rules'))}
          </span>
          <button type="submit" class="primary" disabled={sending || !message.trim()}>
            {sending ? t('coach_thinking') : t('coach_send')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Looking at the Coach tab reads its nudges, including one arriving while it is open. */
export function CoachTabView({ store, target, nudges }: TabProps) {
  const unread = store.coachInbox.unread;
  useEffect(() => {
    if (unread > 0) void markCoachRead().catch(() => undefined);
  }, [unread]);
  return <CoachTab target={target} nudges={nudges} />;
}
