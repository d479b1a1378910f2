/**
 * Live coach nudges (issue 5): the server pushes `coach.nudge` over the
 * WebSocket (`ServerMessage` of `@tamagitto/domain`); the service worker
 * (background/nudge-inbox.ts) turns it into a `LiveNudge`, records it in the
 * coach inbox (unread count + last nudge, chrome.storage.local), broadcasts
 * it to open popups and may notify.
 *
 * Pure functions only (unit-tested); the chrome I/O lives with the callers.
 * Text is always plain text: it is shortened here and rendered as text nodes
 * or a notification's message, never as HTML.
 */
import type { ServerMessage } from '@tamagitto/domain';
import { tryT } from './i18n.ts';

export type NudgeMessage = Extract<ServerMessage, { type: 'coach.nudge' }>;

export interface LiveNudge {
  /** The conversation id: the same id the nudge has in `GET /api/conversation/history`. */
  id: string;
  kind: string;
  message: string;
  at: string;
}

export interface CoachInbox {
  /** Nudges received since the Coach tab was last opened. */
  unread: number;
  last: LiveNudge | null;
  /** Ids already received (newest last, capped), so a repeated message counts once. */
  seen: string[];
}

export const EMPTY_INBOX: CoachInbox = { unread: 0, last: null, seen: [] };

/** Longest nudge text kept (the worker's messages are one or two sentences). */
export const NUDGE_TEXT_MAX = 280;
/** Notification bodies are cut shorter: the OS truncates them anyway. */
export const NOTIFICATION_TEXT_MAX = 160;
const SEEN_MAX = 50;

/**
 * Collapses whitespace (no multi-line surprises) and cuts at `max` characters with an ellipsis.
 *
 * @example shortText('  a\n\nb  ', 10) // 'a b'
 */
export function shortText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/**
 * Validates a WebSocket message as a nudge: anything malformed is dropped
 * (null) rather than shown half-empty.
 *
 * @example nudgeFromMessage({ type: 'coach.nudge', id: '7', kind: 'long_block', message: 'Take a break', at: '2026-01-01T10:00:00Z' })
 */
export function nudgeFromMessage(msg: unknown, now: () => Date = () => new Date()): LiveNudge | null {
  if (typeof msg !== 'object' || msg === null) return null;
  const m = msg as Partial<Record<keyof NudgeMessage, unknown>>;
  if (m.type !== 'coach.nudge' || typeof m.id !== 'string' || !m.id || typeof m.message !== 'string') return null;
  const message = shortText(m.message, NUDGE_TEXT_MAX);
  if (!message) return null;
  const at = typeof m.at === 'string' && Number.isFinite(Date.parse(m.at)) ? m.at : now().toISOString();
  return { id: m.id, kind: typeof m.kind === 'string' ? m.kind : 'nudge', message, at };
}

/**
 * Records a received nudge. `fresh` is false for an id already seen: then
 * nothing changes (no second unread, broadcast or notification).
 */
export function receiveNudge(inbox: CoachInbox, nudge: LiveNudge): { inbox: CoachInbox; fresh: boolean } {
  if (inbox.seen.includes(nudge.id)) return { inbox, fresh: false };
  return {
    fresh: true,
    inbox: { unread: inbox.unread + 1, last: nudge, seen: [...inbox.seen, nudge.id].slice(-SEEN_MAX) },
  };
}

/**
 * The nudge a change of the stored inbox brought, if any: its `last` when that is a new one. The
 * service worker writes the inbox before it broadcasts `coach/nudge`, so a popup that read its
 * cache before the nudge and listened only after the broadcast still gets it from this change
 * (popup-boot.js keeps the changes in between); a read-only change (unread back to 0) brings none.
 */
export function arrivedNudge(change: { newValue?: unknown; oldValue?: unknown } | undefined): LiveNudge | null {
  const next = (change?.newValue as CoachInbox | undefined)?.last;
  return next && next.id !== (change?.oldValue as CoachInbox | undefined)?.last?.id ? next : null;
}

/** The Coach tab was opened: everything is read (the last nudge and seen ids stay). */
export function markInboxRead(inbox: CoachInbox): CoachInbox {
  return inbox.unread === 0 ? inbox : { ...inbox, unread: 0 };
}

/**
 * Appends the nudges whose id is not among `lines` yet, in order, each once:
 * live nudges join the conversation loaded from history without repeating
 * the ones history already has.
 *
 * @example mergeNudges(historyLines, liveNudges, (n) => ({ id: n.id, role: 'nudge', text: n.message }))
 */
export function mergeNudges<L extends { id: string }>(lines: readonly L[], nudges: readonly LiveNudge[], toLine: (n: LiveNudge) => L): L[] {
  const have = new Set(lines.map((l) => l.id));
  const out = [...lines];
  for (const n of nudges) {
    if (have.has(n.id)) continue;
    have.add(n.id);
    out.push(toLine(n));
  }
  return out;
}

/** Adds a nudge to a list of live nudges unless its id is already there. */
export function addNudge(list: readonly LiveNudge[], nudge: LiveNudge): readonly LiveNudge[] {
  return list.some((n) => n.id === nudge.id) ? list : [...list, nudge];
}

/** A chrome notification's title and message for a nudge (plain text, short). */
export function nudgeNotification(nudge: LiveNudge): { title: string; message: string } {
  // Chrome already names the extension under the title.
  // nudge_title_<kind> in public/_locales; a kind this extension does not know yet gets the general title.
  const title = (/^[a-z_]+$/.test(nudge.kind) && tryT(`nudge_title_${nudge.kind}`)) || tryT('nudge_title_other');
  return { title, message: shortText(nudge.message, NOTIFICATION_TEXT_MAX) };
}
