/**
 * Calendar days in a person's own time zone. A session, a puzzle streak, a
 * journal entry and a "day without commits" all belong to the day the
 * developer lives in, not to UTC: one set of helpers serves the api and the
 * worker so both cut days the same way.
 *
 * Days are 'YYYY-MM-DD' strings; arithmetic on them is timezone-free (a
 * calendar day is a calendar day).
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      // An unknown zone is read as UTC rather than stopping anyone's clock.
      f = formatterFor('UTC');
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar day of `instant` in `timeZone` (UTC for an unknown zone).
 * @example localDay(new Date('2026-11-23T23:30:00Z'), 'Europe/Paris') // '2026-11-24'
 */
export function localDay(instant: Date, timeZone = 'UTC'): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The day `n` days after (or before, for negative `n`) `day`.
 * @example addDays('2026-12-31', 1) // '2027-01-01'
 */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday, like Date#getDay and users.rest_days. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/**
 * ISO-8601 week of a day (weeks start on Monday; the Thursday decides the year).
 * @example isoWeek('2026-11-24') // '2026-W48'
 */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const wd = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - wd + 3);
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Monday..Sunday of an ISO week id; [] for anything that is not one: not the pattern, a week the year does
 * not have (W00, W54, W53 of a 52-week year), or days past 9999-12-31 (not a 'YYYY-MM-DD' day, and not a
 * date PostgreSQL takes).
 * @example daysOfIsoWeek('2026-W48') // ['2026-11-23', …, '2026-11-29']
 */
export function daysOfIsoWeek(week: string): string[] {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return [];
  const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (Number(m[2]) - 1) * 7);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday.toISOString().slice(0, 10), i));
  return isoWeek(days[0]!) === week && /^\d{4}-/.test(days[6]!) ? days : [];
}

/** Whole minutes from `a` to `b`, never negative. */
export function minutesBetween(a: Date | string, b: Date | string): number {
  return Math.max(0, Math.round((new Date(b).getTime() - new Date(a).getTime()) / 60_000));
}
