/**
 * The user's lifecycle settings (GET/PUT /api/me/settings) as the settings
 * form and the Pet tab need them: the browser's timezone, the choices of
 * timezone, a vacation's last day as the instant the API stores, and whether
 * decay pauses today. The rule itself (`pauseReason`) is the domain's, the
 * same one the worker's scheduler applies (db/domain/src/pet/lifecycle.ts).
 */
import { localDay, pauseReason, type UserSettingsDto } from '@tamagitto/domain';

/** Weekday toggles, Monday first; `value` is the API's 0 = Sunday … 6 = Saturday; each `long` starts with its `short`. */
export const WEEKDAYS: readonly { value: number; short: string; long: string }[] = [
  { value: 1, short: 'Mon', long: 'Monday' },
  { value: 2, short: 'Tue', long: 'Tuesday' },
  { value: 3, short: 'Wed', long: 'Wednesday' },
  { value: 4, short: 'Thu', long: 'Thursday' },
  { value: 5, short: 'Fri', long: 'Friday' },
  { value: 6, short: 'Sat', long: 'Saturday' },
  { value: 0, short: 'Sun', long: 'Sunday' },
];

/** The timezone this browser runs in ("UTC" when it cannot say). */
export function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every IANA zone this browser knows, plus UTC and the given ones, sorted and unique. */
export function timezoneChoices(...include: string[]): string[] {
  let known: string[] = [];
  try {
    known = Intl.supportedValuesOf('timeZone');
  } catch {
    // An engine without supportedValuesOf still offers the zones we were given.
  }
  return [...new Set(['UTC', ...known, ...include.filter(Boolean)])].sort((a, b) => a.localeCompare(b));
}

/**
 * The instant to send as `vacationUntil` for a vacation whose last day is
 * `day` (YYYY-MM-DD) in `timeZone`: the last hour of that local day, so the
 * API's "through that local day" reading gives back the same day and a
 * vacation ending today is still in the future.
 */
export function vacationInstant(day: string, timeZone: string): string {
  // Step back hour by hour from 12:00 UTC the next day (UTC−12 … UTC+14 all fall in this window).
  const start = Date.parse(`${day}T12:00:00Z`) + 86_400_000;
  for (let h = 0; h <= 48; h++) {
    const at = new Date(start - h * 3_600_000);
    if (localDay(at, timeZone) === day) return at.toISOString();
  }
  return new Date(Date.parse(`${day}T12:00:00Z`)).toISOString();
}

/** The last day of a vacation as the date input shows it (YYYY-MM-DD), '' when not on vacation. */
export function vacationDay(s: Pick<UserSettingsDto, 'vacationUntil' | 'timezone'>): string {
  return s.vacationUntil ? localDay(new Date(s.vacationUntil), s.timezone) : '';
}

/** Why the pet does not decay today in the user's own timezone, or null when it does. */
export function restingToday(s: UserSettingsDto, now = new Date()): 'rest day' | 'vacation' | null {
  return pauseReason(localDay(now, s.timezone), { restDays: s.restDays, timezone: s.timezone, vacationUntil: s.vacationUntil ? new Date(s.vacationUntil) : null });
}

/** One line for the Pet tab, or null on an ordinary day. */
export function restingLine(s: UserSettingsDto, now = new Date()): string | null {
  const why = restingToday(s, now);
  if (why === 'rest day') return 'Resting today: no decay (a rest day in your settings).';
  if (why === 'vacation') return `Resting today: no decay (on vacation through ${formatDay(vacationDay(s))}).`;
  return null;
}

/** "Fri, 25 Dec 2026" in the browser's locale, for a YYYY-MM-DD day. */
export function formatDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}
