/**
 * A live coach nudge arriving in the worker: counted once per id in the coach
 * inbox (the popup's unread dot), shown in an open popup's Coach tab, and
 * notified if the options allow it. Nudges are handled one at a time, in
 * arrival order, so two arriving together cannot lose an unread count (each
 * reads the inbox the previous one wrote). Storage, messaging and
 * notifications are injected so the ordering is unit-tested without chrome.
 */
import { nudgeFromMessage, receiveNudge, type CoachInbox, type LiveNudge, type NudgeMessage } from '../shared/nudges.ts';
import type { Settings } from '../shared/storage.ts';
import { nudgeNotice, type Notice } from './notifications.ts';

export interface NudgeInboxDeps {
  /** The stored inbox and the options, read together. */
  read: () => Promise<{ coachInbox: CoachInbox; settings: Pick<Settings, 'notifyNudges'> }>;
  save: (inbox: CoachInbox) => Promise<void>;
  /** To open extension pages: the coach talks to the user, not to github.com pages. */
  announce: (nudge: LiveNudge) => void;
  show: (notice: Notice) => Promise<void>;
  /** A notification that failed is logged; the nudge is still counted and shown. */
  warn?: (message: string, err: unknown) => void;
}

export class NudgeInbox {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: NudgeInboxDeps) {}

  /** Resolves once this nudge is handled; rejects if storage failed (later nudges still run). */
  receive(msg: NudgeMessage): Promise<void> {
    const run = this.queue.then(() => this.handle(msg));
    // One failed nudge (storage error) must not block the ones after it.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async handle(msg: NudgeMessage): Promise<void> {
    const nudge = nudgeFromMessage(msg);
    if (!nudge) return;
    const { coachInbox, settings } = await this.deps.read();
    const { inbox, fresh } = receiveNudge(coachInbox, nudge);
    if (!fresh) return;
    await this.deps.save(inbox);
    this.deps.announce(nudge);
    const notice = nudgeNotice(nudge, settings);
    if (notice) {
      const warn = this.deps.warn ?? ((m: string, err: unknown) => console.warn(m, err));
      await this.deps.show(notice).catch((err: unknown) => warn('[tamagitto] nudge notification failed', err));
    }
  }
}
