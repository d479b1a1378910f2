/**
 * `GET/PUT /api/me/settings` (issue #3, the humane option): defaults, a valid
 * update stored and read back, and every kind of bad input answered with 400
 * `validation_failed` without changing anything — on both stack targets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserSettingsDto } from '@tamagitto/domain';
import { stackTargets, startStack, type Stack } from '../support/index.ts';

const TOKEN = 'ghp_settingsToken000000000000000000000001';
const DAY = 86_400_000;

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`user settings on ${target.name}`, () => {
    let s: Stack;
    let session: string;
    const get = async () => {
      const r = await s.req('/api/me/settings', { token: session });
      expect(r.status).toBe(200);
      return (await r.json()) as UserSettingsDto;
    };
    const put = (json: unknown) => s.req('/api/me/settings', { method: 'PUT', token: session, json });

    beforeAll(async () => {
      s = await startStack(target, { worker: false });
      s.github.addUser({ login: 'restful', id: 777001, token: TOKEN });
      session = (await s.signIn(TOKEN)).token;
    });
    afterAll(async () => s?.close());

    it('starts with no rest days, no vacation, UTC, notifications on', async () => {
      expect(await get()).toEqual({ restDays: [], vacationUntil: null, timezone: 'UTC', notifyOnDecline: true });
    });

    it('stores a valid update, canonicalised, and reads it back', async () => {
      const until = new Date(Date.now() + 10 * DAY);
      const r = await put({ restDays: [6, 0], vacationUntil: until.toISOString(), timezone: 'europe/paris', notifyOnDecline: false });
      expect(r.status).toBe(200);
      const expected = { restDays: [0, 6], vacationUntil: until.toISOString(), timezone: 'Europe/Paris', notifyOnDecline: false };
      expect(await r.json()).toEqual(expected);
      expect(await get()).toEqual(expected);
      // Stored on the users row, where the scheduler reads it.
      const row = await s.db.db.selectFrom('users').select(['rest_days', 'timezone', 'notify_on_decline']).where('login', '=', 'restful').executeTakeFirstOrThrow();
      expect(row).toEqual({ rest_days: [0, 6], timezone: 'Europe/Paris', notify_on_decline: false });
    });

    it('accepts an offset in vacationUntil, and clears vacation and rest days again', async () => {
      const r = await put({ restDays: [], vacationUntil: '2099-01-01T00:00:00+02:00', timezone: 'UTC', notifyOnDecline: true });
      // More than 365 days ahead: refused (checked next); a near date with an offset is fine.
      expect(r.status).toBe(400);
      const near = new Date(Date.now() + 3 * DAY);
      const offset = `${near.toISOString().slice(0, 19)}+02:00`;
      const ok = await put({ restDays: [], vacationUntil: offset, timezone: 'UTC', notifyOnDecline: true });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as UserSettingsDto).vacationUntil).toBe(new Date(offset).toISOString());
      const cleared = await put({ restDays: [], vacationUntil: null, timezone: 'UTC', notifyOnDecline: true });
      expect(await cleared.json()).toEqual({ restDays: [], vacationUntil: null, timezone: 'UTC', notifyOnDecline: true });
    });

    const valid = { restDays: [0], vacationUntil: null, timezone: 'America/New_York', notifyOnDecline: true };
    it.each([
      ['unknown timezone', { ...valid, timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      ['offset instead of a zone name', { ...valid, timezone: '+01:00' }, 'timezone'],
      ['empty timezone', { ...valid, timezone: '' }, 'timezone'],
      ['weekday 7', { ...valid, restDays: [7] }, 'restDays'],
      ['negative weekday', { ...valid, restDays: [-1] }, 'restDays'],
      ['fractional weekday', { ...valid, restDays: [1.5] }, 'restDays'],
      ['repeated weekday', { ...valid, restDays: [1, 1] }, 'restDays'],
      ['weekday as a name', { ...valid, restDays: ['saturday'] }, 'restDays'],
      ['vacation not a date', { ...valid, vacationUntil: 'next week' }, 'vacationUntil'],
      ['vacation date without time', { ...valid, vacationUntil: '2026-12-24' }, 'vacationUntil'],
      ['vacation in the past', { ...valid, vacationUntil: new Date(Date.now() - DAY).toISOString() }, 'vacationUntil'],
      ['vacation over a year ahead', { ...valid, vacationUntil: new Date(Date.now() + 400 * DAY).toISOString() }, 'vacationUntil'],
      ['notifyOnDecline as a string', { ...valid, notifyOnDecline: 'yes' }, 'notifyOnDecline'],
      ['a field missing', { restDays: [], vacationUntil: null, timezone: 'UTC' }, 'notifyOnDecline'],
      ['an unknown field', { ...valid, extra: 1 }, 'body'],
      ['not an object', [1, 2], 'body'],
    ])('%s → 400 validation_failed naming the field, nothing changed', async (_what, body, field) => {
      const before = await get();
      const r = await put(body);
      expect(r.status).toBe(400);
      const err = (await r.json()) as { error: { code: string; message: string } };
      expect(err.error.code).toBe('validation_failed');
      expect(err.error.message.startsWith(field)).toBe(true);
      expect(await get()).toEqual(before);
    });

    it('refuses non-JSON (415) and anonymous callers (401)', async () => {
      const r = await s.req('/api/me/settings', { method: 'PUT', token: session, body: 'restDays=0', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(r.status).toBe(415);
      expect((await s.req('/api/me/settings')).status).toBe(401);
      expect((await s.req('/api/me/settings', { method: 'PUT', json: valid })).status).toBe(401);
    });

    it('allows PUT in CORS preflight from the extension', async () => {
      const r = await s.req('/api/me/settings', {
        method: 'OPTIONS',
        headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' },
      });
      expect(r.status).toBeLessThan(300);
      expect(r.headers.get('access-control-allow-methods')).toContain('PUT');
    });
  });
}
