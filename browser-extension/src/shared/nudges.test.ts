import { describe, expect, it } from 'vitest';
import { addNudge, arrivedNudge, EMPTY_INBOX, markInboxRead, mergeNudges, nudgeFromMessage, nudgeNotification, NUDGE_TEXT_MAX, receiveNudge, shortText, type LiveNudge } from './nudges.ts';
import { withDefaults } from './storage.ts';

const AT = '2026-03-02T10:00:00.000Z';
const nudge = (id: string, message = `nudge ${id}`, kind = 'long_block'): LiveNudge => ({ id, kind, message, at: AT });
const wire = (over: Record<string, unknown> = {}) => ({ type: 'coach.nudge', id: '41', kind: 'long_block', message: 'Take a 5-minute break.', at: AT, ...over });

describe('nudgeFromMessage', () => {
  it('keeps a well-formed coach.nudge as it came', () => {
    expect(nudgeFromMessage(wire())).toEqual({ id: '41', kind: 'long_block', message: 'Take a 5-minute break.', at: AT });
  });

  it.each([
    ['another type', { type: 'pet.updated' }],
    ['no id', { id: undefined }],
    ['an empty id', { id: '' }],
    ['a numeric id', { id: 41 }],
    ['no message', { message: undefined }],
    ['a blank message', { message: ' \n\t ' }],
  ])('drops a message with %s', (_what, over) => {
    expect(nudgeFromMessage(wire(over))).toBeNull();
  });

  it('drops non-objects', () => {
    for (const m of [null, undefined, 'coach.nudge', 42]) expect(nudgeFromMessage(m)).toBeNull();
  });

  it('shortens long text to one line and a bounded length, never dropping the start', () => {
    const long = `Line one\n\nline two ${'x'.repeat(600)}`;
    const n = nudgeFromMessage(wire({ message: long }))!;
    expect(n.message.length).toBe(NUDGE_TEXT_MAX);
    expect(n.message.startsWith('Line one line two x')).toBe(true);
    expect(n.message.endsWith('…')).toBe(true);
  });

  it('keeps markup as the literal text it is (rendered as text, never parsed)', () => {
    expect(nudgeFromMessage(wire({ message: '<img src=x onerror=alert(1)> break' }))?.message).toBe('<img src=x onerror=alert(1)> break');
  });

  it('falls back to now for a missing or bad timestamp and to a generic kind', () => {
    const now = () => new Date('2026-03-02T11:00:00.000Z');
    expect(nudgeFromMessage(wire({ at: 'yesterday', kind: 7 }), now)).toMatchObject({ at: '2026-03-02T11:00:00.000Z', kind: 'nudge' });
  });
});

describe('coach inbox: unread count and dedupe by id', () => {
  it('counts each new nudge once and remembers the last one', () => {
    const a = receiveNudge(EMPTY_INBOX, nudge('1'));
    expect(a.fresh).toBe(true);
    const b = receiveNudge(a.inbox, nudge('2'));
    expect(b.inbox).toEqual({ unread: 2, last: nudge('2'), seen: ['1', '2'] });
  });

  it('a repeated id changes nothing (no second unread, broadcast or notification)', () => {
    const once = receiveNudge(EMPTY_INBOX, nudge('1')).inbox;
    const again = receiveNudge(once, nudge('1', 'same id, resent'));
    expect(again.fresh).toBe(false);
    expect(again.inbox).toBe(once);
  });

  it('a nudge already seen stays seen after the tab was opened', () => {
    const read = markInboxRead(receiveNudge(EMPTY_INBOX, nudge('1')).inbox);
    expect(read.unread).toBe(0);
    expect(read.last).toEqual(nudge('1'));
    expect(receiveNudge(read, nudge('1')).fresh).toBe(false);
    expect(receiveNudge(read, nudge('2')).inbox.unread).toBe(1);
  });

  it('marking an already-read inbox returns it unchanged (no storage write)', () => {
    expect(markInboxRead(EMPTY_INBOX)).toBe(EMPTY_INBOX);
  });

  it('remembers a bounded number of ids', () => {
    let inbox = EMPTY_INBOX;
    for (let i = 0; i < 80; i++) inbox = receiveNudge(inbox, nudge(String(i))).inbox;
    expect(inbox.unread).toBe(80);
    expect(inbox.seen).toHaveLength(50);
    expect(inbox.seen.at(-1)).toBe('79');
    expect(receiveNudge(inbox, nudge('79')).fresh).toBe(false);
  });
});

describe('arrivedNudge: the nudge a change of the stored inbox brought', () => {
  const n1: LiveNudge = { id: 'n1', kind: 'pr_waiting', message: 'One', at: '2026-12-07T09:00:00.000Z' };
  const n2: LiveNudge = { ...n1, id: 'n2', message: 'Two' };
  const inbox = (last: LiveNudge | null, unread: number) => ({ unread, last, seen: last ? [last.id] : [] });

  it('a new last nudge is one that arrived; reading the inbox, or no change, brings none', () => {
    expect(arrivedNudge({ oldValue: inbox(null, 0), newValue: inbox(n1, 1) })).toEqual(n1);
    expect(arrivedNudge({ oldValue: inbox(n1, 1), newValue: inbox(n2, 2) })).toEqual(n2);
    expect(arrivedNudge({ newValue: inbox(n1, 1) })).toEqual(n1);
    expect(arrivedNudge({ oldValue: inbox(n1, 1), newValue: inbox(n1, 0) })).toBeNull();
    expect(arrivedNudge({ oldValue: inbox(n1, 1) })).toBeNull();
    expect(arrivedNudge(undefined)).toBeNull();
  });
});

describe('Coach tab: live nudges merged into history', () => {
  type Line = { id: string; role: string; text: string };
  const toLine = (n: LiveNudge): Line => ({ id: n.id, role: 'nudge', text: n.message });
  const history: Line[] = [
    { id: '10', role: 'user', text: 'hi' },
    { id: '11', role: 'assistant', text: 'hello' },
  ];

  it('appends live nudges after the history, labelled as nudges', () => {
    expect(mergeNudges(history, [nudge('12')], toLine)).toEqual([...history, { id: '12', role: 'nudge', text: 'nudge 12' }]);
  });

  it('does not repeat a nudge that the re-fetched history already has', () => {
    const refetched = [...history, { id: '12', role: 'nudge', text: 'nudge 12' }];
    expect(mergeNudges(refetched, [nudge('12')], toLine)).toEqual(refetched);
  });

  it('merging the same live list twice changes nothing', () => {
    const once = mergeNudges(history, [nudge('12'), nudge('13')], toLine);
    expect(mergeNudges(once, [nudge('12'), nudge('13')], toLine)).toEqual(once);
  });

  it('a live list with the same id twice adds it once', () => {
    expect(mergeNudges([], [nudge('12'), nudge('12')], toLine)).toHaveLength(1);
  });

  it('addNudge keeps the popup’s live list free of repeats', () => {
    const one = addNudge([], nudge('12'));
    expect(addNudge(one, nudge('12'))).toBe(one);
    expect(addNudge(one, nudge('13')).map((n) => n.id)).toEqual(['12', '13']);
  });
});

describe('nudge notifications', () => {
  it('titles each kind and keeps the body short', () => {
    const n = nudgeNotification(nudge('1', 'y'.repeat(400), 'pr_waiting'));
    expect(n.title).toBe('A review is waiting for you');
    expect(n.message.length).toBeLessThanOrEqual(160);
  });

  it('an unknown kind (the wire type is a plain string) gets a generic title', () => {
    expect(nudgeNotification(nudge('1', 'x', 'something_new')).title).toBe('A nudge from your coach');
    expect(nudgeNotification(nudge('1', 'x', 'toString')).title).toBe('A nudge from your coach');
  });
});

describe('settings', () => {
  it('settings saved before nudges existed default to notifying them', () => {
    const old = { apiOrigin: 'http://localhost:8787', notifyDrops: false, favouritePetId: null };
    expect(withDefaults(['settings'], { settings: old as never }).settings).toEqual({ ...old, notifyNudges: true });
  });

  it('an old store has an empty coach inbox', () => {
    expect(withDefaults(['coachInbox'], {}).coachInbox).toEqual({ unread: 0, last: null, seen: [] });
  });
});

describe('shortText', () => {
  it.each([
    ['  a\n\nb  ', 10, 'a b'],
    ['abcdef', 6, 'abcdef'],
    ['abcdefg', 6, 'abcde…'],
    ['abc   defg', 5, 'abc…'],
  ])('%j / %i → %j', (text, max, out) => {
    expect(shortText(text, max)).toBe(out);
  });
});
