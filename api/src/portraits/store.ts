/**
 * The `pet_portraits` table: the cache and the cross-process generation claim.
 *
 * A process may call Gemini for a key only after `claimPortrait` returned a
 * row: the insert (or the takeover of an expired lease / finished back-off)
 * happens in one `INSERT … ON CONFLICT DO UPDATE … WHERE` statement, so of any
 * number of concurrent requests on any number of api instances exactly one
 * wins. `attempts` fences a slow claimer whose lease was taken over: it can no
 * longer overwrite the newer attempt's row.
 */
import type { Database } from '@tamagitto/db';
import { sql, type Kysely, type Transaction } from 'kysely';
import { portraitKeyOf, type PortraitKey } from './portrait-key.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface PortraitRow {
  status: 'pending' | 'ready' | 'failed';
  mime_type: string | null;
  etag: string | null;
  attempts: number;
  locked_until: Date | null;
}

/** The row's status without the image bytes. */
export async function readPortraitStatus(db: Db, k: PortraitKey): Promise<PortraitRow | undefined> {
  return db
    .selectFrom('pet_portraits')
    .select(['status', 'mime_type', 'etag', 'attempts', 'locked_until'])
    .where((eb) => eb.and(portraitKeyOf(k)))
    .executeTakeFirst();
}

/** A ready portrait's image, or undefined. */
export async function readPortraitImage(db: Db, k: PortraitKey): Promise<{ mimeType: string; etag: string; bytes: Uint8Array<ArrayBuffer> } | undefined> {
  const row = await db
    .selectFrom('pet_portraits')
    .select(['mime_type', 'etag', 'image'])
    .where((eb) => eb.and(portraitKeyOf(k)))
    .where('status', '=', 'ready')
    .executeTakeFirst();
  if (!row?.image || !row.mime_type || !row.etag) return undefined;
  return { mimeType: row.mime_type, etag: row.etag, bytes: new Uint8Array(row.image) };
}

/**
 * Claims the right to generate: inserts a 'pending' row, or takes over one
 * whose lease or back-off has run out. Returns the attempt number to pass to
 * `savePortrait`/`failPortrait`, or undefined when another claim holds it (or
 * it is already ready).
 */
export async function claimPortrait(db: Db, k: PortraitKey, now: Date, leaseUntil: Date): Promise<number | undefined> {
  const row = await db
    .insertInto('pet_portraits')
    .values({ ...k, status: 'pending', attempts: 1, locked_until: leaseUntil })
    .onConflict((oc) =>
      oc
        .columns(['family', 'species', 'state', 'stage'])
        .doUpdateSet({
          status: 'pending',
          attempts: sql<number>`pet_portraits.attempts + 1`,
          locked_until: leaseUntil,
          updated_at: now,
        })
        .where('pet_portraits.status', '<>', 'ready')
        .where((eb) => eb.or([eb('pet_portraits.locked_until', 'is', null), eb('pet_portraits.locked_until', '<', now)])),
    )
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts;
}

/** Stores the generated image; false when a newer attempt took the claim over. */
export async function savePortrait(db: Db, k: PortraitKey, attempt: number, img: { mimeType: string; etag: string; bytes: Uint8Array; model: string }, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('pet_portraits')
    .set({ status: 'ready', mime_type: img.mimeType, etag: img.etag, image: img.bytes, model: img.model, locked_until: null, updated_at: now })
    .where((eb) => eb.and(portraitKeyOf(k)))
    .where('status', '=', 'pending')
    .where('attempts', '=', attempt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks the attempt failed; nobody retries before `retryAt`. */
export async function failPortrait(db: Db, k: PortraitKey, attempt: number, retryAt: Date, now: Date): Promise<void> {
  await db
    .updateTable('pet_portraits')
    .set({ status: 'failed', locked_until: retryAt, updated_at: now })
    .where((eb) => eb.and(portraitKeyOf(k)))
    .where('status', '=', 'pending')
    .where('attempts', '=', attempt)
    .execute();
}
