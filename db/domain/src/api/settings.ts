/** The JSON shapes of the API's settings routes. */

/**
 * `GET /api/me/settings` → the signed-in user's settings; `PUT /api/me/settings`
 * with the whole object → the stored settings. Invalid input is a 400
 * `validation_failed` naming the field, and changes nothing.
 *
 * Pet lifecycle, for clients that explain it (worker/src/pet/lifecycle.ts):
 * days are calendar days in `timezone` and are judged once over; after the
 * last commit (or adoption/revival) 3 counted idle days are free, then −2 per
 * day; rest days and vacation days neither cost health nor use up grace.
 * Health ≤ 0 for 24 h → dead (deferred while on a rest/vacation day); revival
 * after a 48 h cooldown. Stages: teen after 7 good days (days ending healthy
 * or thriving), adult after 30; never regress. A `pet.updated` with reason
 * `decay` and delta 0 is an evolution (its `stage` changed).
 */
export interface UserSettingsDto {
  /** Weekdays on which decay pauses, 0 = Sunday … 6 = Saturday; sorted, unique. */
  restDays: number[];
  /** ISO time; decay pauses through that local day. Must be in the future and ≤ 365 days ahead; null = not on vacation. */
  vacationUntil: string | null;
  /** IANA timezone (e.g. "Europe/Paris"), returned in its canonical spelling. Default "UTC". */
  timezone: string;
  /** Whether coaching may nudge when a pet declines. */
  notifyOnDecline: boolean;
}
