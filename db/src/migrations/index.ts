/**
 * Migrations in order. An in-code provider rather than FileMigrationProvider:
 * vitest cannot dynamically import .ts migration files (Kysely's provider
 * loads them with a plain import()).
 * Add new migrations here, named by date; never edit a released one.
 */
import type { Migration } from 'kysely';
import * as m001 from './2026-11-22-001-initial.ts';
import * as m002 from './2026-11-24-001-delivery-payload-json.ts';
import * as m003 from './2026-11-24-002-puzzle-one-attempt-per-day.ts';
import * as m004 from './2026-11-24-003-pet-portraits.ts';
import * as m005 from './2026-11-24-004-daily-puzzles.ts';
import * as m006 from './2026-11-24-005-delivery-payload-text.ts';
import * as m007 from './2026-11-24-006-delivery-short-columns-inline.ts';
import * as m008 from './2026-11-24-007-delivery-id-primary-key.ts';
import * as m009 from './2026-12-06-001-delivery-retry-schedule.ts';
import * as m010 from './2026-12-06-002-push-dedupe.ts';
import * as m011 from './2026-12-06-003-token-and-access.ts';
import * as m012 from './2026-12-06-004-sessions.ts';
import * as m101 from './2026-12-06-101-pet-care.ts';
import * as m201 from './2026-12-06-201-checks-and-keys.ts';
import * as m301 from './2026-12-07-001-check-thresholds.ts';
import * as m302 from './2026-12-07-101-live-events.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-22-001-initial': m001,
  '2026-11-24-001-delivery-payload-json': m002,
  '2026-11-24-002-puzzle-one-attempt-per-day': m003,
  '2026-11-24-003-pet-portraits': m004,
  '2026-11-24-004-daily-puzzles': m005,
  '2026-11-24-005-delivery-payload-text': m006,
  '2026-11-24-006-delivery-short-columns-inline': m007,
  '2026-11-24-007-delivery-id-primary-key': m008,
  '2026-12-06-001-delivery-retry-schedule': m009,
  '2026-12-06-002-push-dedupe': m010,
  '2026-12-06-003-token-and-access': m011,
  '2026-12-06-004-sessions': m012,
  '2026-12-06-101-pet-care': m101,
  '2026-12-06-201-checks-and-keys': m201,
  '2026-12-07-001-check-thresholds': m301,
  '2026-12-07-101-live-events': m302,
};
