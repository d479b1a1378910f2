/**
 * The signed-in user's lifecycle settings (issue #3, "a humane option"): rest
 * days and vacation pause the pet's decay, the timezone decides where a day
 * begins and ends, notifyOnDecline opts out of decline nudges. The worker's
 * scheduler reads them from the users row on every sweep.
 */
import { getUserSettings, updateUserSettings, type UserSettings } from '@tamagitto/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { UserSettingsDto } from '@tamagitto/domain';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { requireSession } from '../http/require-session.ts';
import { jsonBody } from '../http/validate.ts';

/** Vacation further ahead than this is a forgotten pet, not a holiday. */
export const MAX_VACATION_DAYS = 365;

/** The IANA name Intl knows it by (e.g. 'europe/paris' → 'Europe/Paris'), or null when it is not a timezone. */
function canonicalTimezone(tz: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const settingsBody = z
  .object({
    restDays: z
      .array(z.number().int().min(0, '0 = Sunday … 6 = Saturday').max(6, '0 = Sunday … 6 = Saturday'))
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'each weekday at most once'),
    vacationUntil: z.iso.datetime({ offset: true }).nullable(),
    timezone: z
      .string()
      .min(1)
      .max(64)
      .refine((tz) => canonicalTimezone(tz) !== null, 'not an IANA timezone, e.g. "Europe/Paris"'),
    notifyOnDecline: z.boolean(),
  })
  .strict();

function toDto(s: UserSettings): UserSettingsDto {
  return {
    restDays: s.restDays,
    vacationUntil: s.vacationUntil ? s.vacationUntil.toISOString() : null,
    timezone: s.timezone,
    notifyOnDecline: s.notifyOnDecline,
  };
}

const gone = () => new AppError(401, 'invalid_token', 'this session belongs to a user that no longer exists');

export function settingsRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);
  return new Hono<AppEnv>()
    .get('/me/settings', auth, async (c) => {
      const s = await getUserSettings(deps.db, c.get('userId'));
      if (!s) throw gone();
      return c.json(toDto(s));
    })
    .put('/me/settings', auth, async (c) => {
      const body = await jsonBody(c, settingsBody);
      let vacationUntil: Date | null = null;
      if (body.vacationUntil !== null) {
        vacationUntil = new Date(body.vacationUntil);
        const daysAhead = (vacationUntil.getTime() - deps.now().getTime()) / 86_400_000;
        // A past end date is almost always a client bug (ending a vacation is `null`), so it is refused rather than ignored.
        if (daysAhead <= 0) throw new AppError(400, 'validation_failed', 'vacationUntil: must be in the future (send null to end a vacation)');
        if (daysAhead > MAX_VACATION_DAYS) throw new AppError(400, 'validation_failed', `vacationUntil: at most ${MAX_VACATION_DAYS} days ahead`);
      }
      const saved = await updateUserSettings(deps.db, c.get('userId'), {
        restDays: [...body.restDays].sort((a, b) => a - b),
        vacationUntil,
        timezone: canonicalTimezone(body.timezone)!,
        notifyOnDecline: body.notifyOnDecline,
      });
      if (!saved) throw gone();
      return c.json(toDto(saved));
    });
}
