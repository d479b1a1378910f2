import { localDay, type UserSettingsDto } from '@tamagitto/domain';
import { describe, expect, it } from 'vitest';
import { restingLine, restingToday, timezoneChoices, vacationDay, vacationInstant, WEEKDAYS } from './user-settings.ts';

const base: UserSettingsDto = { timezone: 'UTC', restDays: [], vacationUntil: null, notifyOnDecline: true };

describe('vacationInstant', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata'])(
    'falls on the chosen local day, in its last hour (%s)',
    (tz) => {
      const at = new Date(vacationInstant('2026-12-24', tz));
      expect(localDay(at, tz)).toBe('2026-12-24');
      expect(localDay(new Date(at.getTime() + 3_600_000), tz)).toBe('2026-12-25');
    },
  );

  it('reads back as the same day', () => {
    expect(vacationDay({ timezone: 'Asia/Tokyo', vacationUntil: vacationInstant('2027-01-03', 'Asia/Tokyo') })).toBe('2027-01-03');
    expect(vacationDay({ timezone: 'UTC', vacationUntil: null })).toBe('');
  });
});

describe('restingToday', () => {
  // 2026-12-06 is a Sunday; 23:30 UTC is already Monday in Berlin.
  const now = new Date('2026-12-06T23:30:00Z');

  it('a rest day counts in the user’s own timezone', () => {
    expect(restingToday({ ...base, restDays: [0] }, now)).toBe('rest day');
    expect(restingToday({ ...base, restDays: [0], timezone: 'Europe/Berlin' }, now)).toBeNull();
    expect(restingToday({ ...base, restDays: [1], timezone: 'Europe/Berlin' }, now)).toBe('rest day');
  });

  it('a vacation lasts through its last local day', () => {
    const s = { ...base, vacationUntil: vacationInstant('2026-12-06', 'UTC') };
    expect(restingToday(s, now)).toBe('vacation');
    expect(restingToday(s, new Date('2026-12-07T00:30:00Z'))).toBeNull();
    expect(restingLine(s, now)).toMatch(/^Resting today: no decay \(on vacation through .*2026\)\.$/);
  });

  it('an ordinary day says nothing', () => {
    expect(restingToday({ ...base, restDays: [2, 3] }, now)).toBeNull();
    expect(restingLine({ ...base, restDays: [2, 3] }, now)).toBeNull();
    expect(restingLine({ ...base, restDays: [0] }, now)).toBe('Resting today: no decay (a rest day in your settings).');
  });
});

describe('timezoneChoices', () => {
  it('has UTC and the given zones once, sorted', () => {
    const zones = timezoneChoices('Europe/Paris', 'Mars/Olympus_Mons', 'UTC');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Mars/Olympus_Mons');
    expect(zones.filter((z) => z === 'Europe/Paris')).toHaveLength(1);
    expect([...zones].sort((a, b) => a.localeCompare(b))).toEqual(zones);
  });
});

it('the weekday toggles cover each API weekday once, Monday first', () => {
  expect(WEEKDAYS.map((d) => d.value)).toEqual([1, 2, 3, 4, 5, 6, 0]);
});
