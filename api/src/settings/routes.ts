/**
 * The signed-in user's lifecycle settings (issue #3, "a humane option"): rest
 * days and vacation pause the pet's decay, the timezone decides where a day
 * begins and ends, notifyOnDecline opts out of decline nudges. The worker's
 * scheduler reads them from the users row on every sweep.
 */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { canonicalTimezone, MAX_VACATION_DAYS, toUserSettingsDto, UserSettingsBody, UserSettingsSchema } from './dto.ts';
import { readSettings, saveSettings } from './store.ts';

const gone = () => new AppError(401, 'invalid_token', 'this session belongs to a user that no longer exists');

export function settingsRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);
  return new Hono<AppEnv>()
    .get('/me/settings', auth, route({ tag: 'settings', summary: 'Your settings', security: 'session', responses: { 200: UserSettingsSchema } }), async (c) => {
      const s = await readSettings(deps.db, c.get('userId'));
      if (!s) throw gone();
      return c.json(toUserSettingsDto(s));
    })
    .put(
      '/me/settings',
      auth,
      route({
        tag: 'settings',
        summary: 'Replace your settings',
        description: 'Send the whole object; the answer is what was stored (weekdays sorted, the timezone in its canonical spelling). Invalid input is a 400 `validation_failed` naming the field, and changes nothing.',
        security: 'session',
        body: UserSettingsBody,
        responses: { 200: UserSettingsSchema },
      }),
      async (c) => {
        const body = c.req.valid('json');
        let vacationUntil: Date | null = null;
        if (body.vacationUntil !== null) {
          vacationUntil = new Date(body.vacationUntil);
          const daysAhead = (vacationUntil.getTime() - deps.now().getTime()) / 86_400_000;
          // A past end date is almost always a client bug (ending a vacation is `null`), so it is refused rather than ignored.
          if (daysAhead <= 0) throw new AppError(400, 'validation_failed', 'vacationUntil: must be in the future (send null to end a vacation)');
          if (daysAhead > MAX_VACATION_DAYS) throw new AppError(400, 'validation_failed', `vacationUntil: at most ${MAX_VACATION_DAYS} days ahead`);
        }
        const saved = await saveSettings(deps.db, c.get('userId'), {
          restDays: [...body.restDays].sort((a, b) => a - b),
          vacationUntil,
          timezone: canonicalTimezone(body.timezone)!,
          notifyOnDecline: body.notifyOnDecline,
        });
        if (!saved) throw gone();
        return c.json(toUserSettingsDto(saved));
      },
    );
}
