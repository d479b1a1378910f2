/**
 * The user's lifecycle settings on the wire, as zod schemas: the routes
 * document and validate with them, and @tamagitto/domain's UserSettingsDto is
 * the type generated from UserSettingsSchema.
 */
import type { UserSettings } from '@tamagitto/db';
import { z } from 'zod';

/** Vacation further ahead than this is a forgotten pet, not a holiday. */
export const MAX_VACATION_DAYS = 365;

/** The IANA name Intl knows it by (e.g. 'europe/paris' → 'Europe/Paris'), or null when it is not a timezone. */
export function canonicalTimezone(tz: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const LIFECYCLE =
  'Pet lifecycle, for clients that explain it: days are calendar days in `timezone` and are judged once over; after the ' +
  'last commit (or adoption/revival) 3 counted idle days are free, then −2 per day; rest days and vacation days neither ' +
  'cost health nor use up grace. Health ≤ 0 for 24 h → dead (deferred while on a rest/vacation day); revival after a 48 h ' +
  'cooldown. Stages: teen after 7 good days (days ending healthy or thriving), adult after 30; never regress. A ' +
  '`pet.updated` with reason `decay` and delta 0 is an evolution (its `stage` changed).';

export const UserSettingsSchema = z
  .object({
    restDays: z.array(z.number().int()).describe('Weekdays on which decay pauses, 0 = Sunday … 6 = Saturday; sorted, unique.'),
    vacationUntil: z.string().nullable().describe('ISO time; decay pauses through that local day. null = not on vacation.'),
    timezone: z.string().describe('IANA timezone (e.g. "Europe/Paris"), in its canonical spelling. Default "UTC".'),
    notifyOnDecline: z.boolean().describe('Whether coaching may nudge when a pet declines.'),
  })
  .meta({ id: 'UserSettings', description: `The signed-in user's settings: rest days and vacation pause the pet's decay, the timezone decides where a day begins and ends.\n\n${LIFECYCLE}` });

const weekday = z.number().int().min(0, '0 = Sunday … 6 = Saturday').max(6, '0 = Sunday … 6 = Saturday');

/** The whole settings object (PUT replaces it); each field is checked here, vacationUntil's range against the clock in the route. */
export const UserSettingsBody = z
  .object({
    restDays: z
      .array(weekday)
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'each weekday at most once')
      .describe('Weekdays on which decay pauses, 0 = Sunday … 6 = Saturday; each at most once.'),
    vacationUntil: z.iso
      .datetime({ offset: true })
      .nullable()
      .describe(`ISO time with an offset; must be in the future and at most ${MAX_VACATION_DAYS} days ahead. null ends a vacation.`),
    timezone: z
      .string()
      .min(1)
      .max(64)
      .refine((tz) => canonicalTimezone(tz) !== null, 'not an IANA timezone, e.g. "Europe/Paris"')
      .describe('An IANA timezone, e.g. "Europe/Paris" (any letter case).'),
    notifyOnDecline: z.boolean(),
  })
  .strict()
  .meta({ id: 'UserSettingsUpdate' });

export type UserSettingsDto = z.infer<typeof UserSettingsSchema>;

export function toUserSettingsDto(s: UserSettings): UserSettingsDto {
  return {
    restDays: s.restDays,
    vacationUntil: s.vacationUntil ? s.vacationUntil.toISOString() : null,
    timezone: s.timezone,
    notifyOnDecline: s.notifyOnDecline,
  };
}
