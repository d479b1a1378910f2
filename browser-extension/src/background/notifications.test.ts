import { describe, expect, it } from 'vitest';
import type { PetDto } from '@tamagitto/domain';
import { NOTIFICATION_TEXT_MAX, type LiveNudge } from '../shared/nudges.ts';
import { intentForNotification } from '../shared/popup-intent.ts';
import { dropNotice, nudgeNotice } from './notifications.ts';

const pet = (state: PetDto['state'], health: number): PetDto => ({ id: 'p-cat', name: 'Mittens', state, health, repo: { fullName: 'octo/cat' } }) as PetDto;
const nudge = (over: Partial<LiveNudge> = {}): LiveNudge => ({ id: '42', kind: 'long_block', message: 'Take a break', at: '2026-01-01T10:00:00Z', ...over });

describe('dropNotice', () => {
  it('names the pet and its state, with the rounded health', () => {
    expect(dropNotice(pet('dying', 14.6), { notifyDrops: true }, 1234)).toEqual({
      id: 'drop-p-cat-1234',
      title: 'Mittens is dying',
      message: 'octo/cat is at 15/100. A good commit would help.',
    });
  });

  it('says "gone" for a dead pet', () => {
    expect(dropNotice(pet('dead', 0), { notifyDrops: true })?.title).toBe('Mittens is gone');
  });

  it('is null when drop notifications are off', () => {
    expect(dropNotice(pet('dying', 10), { notifyDrops: false })).toBeNull();
  });

  it('a click on it opens that pet', () => {
    const notice = dropNotice(pet('poor', 30), { notifyDrops: true }, 99);
    expect(intentForNotification(notice!.id)).toEqual({ tab: 'pet', petId: 'p-cat' });
  });

  it('two drops of one pet get two ids (each notifies)', () => {
    expect(dropNotice(pet('poor', 30), { notifyDrops: true }, 1)?.id).not.toBe(dropNotice(pet('poor', 30), { notifyDrops: true }, 2)?.id);
  });
});

describe('nudgeNotice', () => {
  it('titles by kind, keeps one id per nudge, and opens the Coach tab', () => {
    const notice = nudgeNotice(nudge(), { notifyNudges: true });
    expect(notice).toEqual({ id: 'nudge-42', title: 'Time for a short break', message: 'Take a break' });
    expect(intentForNotification(notice!.id)).toEqual({ tab: 'coach' });
  });

  it('shortens the message for the OS', () => {
    const notice = nudgeNotice(nudge({ message: 'x'.repeat(500) }), { notifyNudges: true });
    expect(notice?.message).toHaveLength(NOTIFICATION_TEXT_MAX);
    expect(notice?.message.endsWith('…')).toBe(true);
  });

  it('is null when nudge notifications are off', () => {
    expect(nudgeNotice(nudge(), { notifyNudges: false })).toBeNull();
  });
});
