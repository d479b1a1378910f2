import { describe, expect, it, vi } from 'vitest';
import { EMPTY_INBOX, type CoachInbox, type LiveNudge, type NudgeMessage } from '../shared/nudges.ts';
import type { Notice } from './notifications.ts';
import { NudgeInbox } from './nudge-inbox.ts';

const msg = (id: string, message = `Nudge ${id}`): NudgeMessage => ({ type: 'coach.nudge', id, kind: 'pr_waiting', message, at: '2026-01-01T10:00:00Z' });
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A store that, like chrome.storage, answers later: unserialised read-modify-writes would interleave. */
function setup({ notifyNudges = true, failSaves = 0, failShow = false } = {}) {
  let stored: CoachInbox = EMPTY_INBOX;
  let saveFailures = failSaves;
  const announced: LiveNudge[] = [];
  const shown: Notice[] = [];
  const warn = vi.fn();
  const inbox = new NudgeInbox({
    read: async () => {
      await tick();
      return { coachInbox: stored, settings: { notifyNudges } };
    },
    save: async (next) => {
      await tick();
      if (saveFailures-- > 0) throw new Error('quota');
      stored = next;
    },
    announce: (n) => announced.push(n),
    show: async (n) => {
      if (failShow) throw new Error('no permission');
      shown.push(n);
    },
    warn,
  });
  return { inbox, stored: () => stored, announced, shown, warn };
}

describe('NudgeInbox', () => {
  it('counts two nudges arriving together as two unread (one at a time, in order)', async () => {
    const s = setup();
    await Promise.all([s.inbox.receive(msg('1')), s.inbox.receive(msg('2'))]);
    expect(s.stored().unread).toBe(2);
    expect(s.stored().seen).toEqual(['1', '2']);
    expect(s.stored().last?.id).toBe('2');
    expect(s.announced.map((n) => n.id)).toEqual(['1', '2']);
    expect(s.shown.map((n) => n.id)).toEqual(['nudge-1', 'nudge-2']);
  });

  it('a repeated id changes nothing: no second unread, broadcast or notification', async () => {
    const s = setup();
    await s.inbox.receive(msg('7'));
    await s.inbox.receive(msg('7'));
    expect(s.stored().unread).toBe(1);
    expect(s.announced).toHaveLength(1);
    expect(s.shown).toHaveLength(1);
  });

  it('with notifications off, still counted and shown in open popups', async () => {
    const s = setup({ notifyNudges: false });
    await s.inbox.receive(msg('3'));
    expect(s.stored().unread).toBe(1);
    expect(s.announced.map((n) => n.message)).toEqual(['Nudge 3']);
    expect(s.shown).toEqual([]);
  });

  it('drops a malformed message', async () => {
    const s = setup();
    await s.inbox.receive(msg('4', '   '));
    expect(s.stored()).toBe(EMPTY_INBOX);
    expect(s.announced).toEqual([]);
  });

  it('a failed save rejects that nudge only; the next one is still handled', async () => {
    const s = setup({ failSaves: 1 });
    const first = s.inbox.receive(msg('5'));
    const second = s.inbox.receive(msg('6'));
    await expect(first).rejects.toThrow('quota');
    await second;
    expect(s.stored()).toMatchObject({ unread: 1, seen: ['6'] });
    expect(s.announced.map((n) => n.id)).toEqual(['6']);
  });

  it('a failed notification is logged, not thrown: the nudge was already counted and shown', async () => {
    const s = setup({ failShow: true });
    await expect(s.inbox.receive(msg('8'))).resolves.toBeUndefined();
    expect(s.stored().unread).toBe(1);
    expect(s.announced).toHaveLength(1);
    expect(s.warn).toHaveBeenCalledWith('[tamagitto] nudge notification failed', expect.any(Error));
  });
});
