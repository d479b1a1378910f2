/**
 * The read path's pet cache (bench/read-path): `GET /api/pets/:id` answers a
 * pet read in the last PET_CACHE_MS from memory, its JSON already encoded, so
 * a signed-in read asks Postgres nothing (the session is cached too:
 * auth/session-cache.ts).
 *
 * A cached pet is never served after it changed, on any instance:
 * - every change of a pet or of the repository fields its DTO shows goes out on
 *   the bus — `pet.updated` (health, state, stage, revival, release: the
 *   pet-health service and deletePet), `access.changed` (access lost or back),
 *   `user.deleted`, and this cache's own `pet.changed` for what the owner
 *   edits (name, favourite, position, badge, PR-check thresholds) and what
 *   adoption writes to the repository row (name, language, webhook) — and every
 *   instance drops the matching entries when it hears it;
 * - the instance that made a change drops its entries before it answers (it
 *   does not wait for its own message);
 * - a pet read while any change arrived is not cached (the read may predate
 *   it): `generation` counts the changes heard;
 * - entries are kept only while the subscriptions are up (with a bus that
 *   confirmed them), and never longer than PET_CACHE_MS, which bounds what a
 *   lost bus message could leave.
 * The last three are BusInvalidatedCache (auth/session-cache.ts), which the
 * session cache shares; this file says which messages drop which pets.
 * Sign-out and account deletion refuse the request before the cache is looked
 * at (session-signer.ts drops the cached session on `session.revoked`).
 * Without REDIS_URL the bus is this process's own: it hears the embedded
 * worker; a worker in another process needs Redis anyway (README, REDIS_URL).
 */
import { CHANNELS, type Bus, type EntityWithRepo, type Logger } from '@tamagitto/db';
import { BusInvalidatedCache, type CacheDrops } from '../auth/session-cache.ts';
import type { PetDto } from './dto.ts';

/** The pets feature's own invalidation channel: `PetChangedMessage`. */
export const PET_CHANGED_CHANNEL = 'pet.changed';
/** A pet, every pet of a repository, or every pet of a user changed. */
export type PetChangedMessage = { petId: string } | { repositoryId: string } | { userId: string };

/** How long a pet read is trusted (changes drop it at once; see above). */
export const PET_CACHE_MS = 10_000;
/** Entries: a pet's JSON is under 1 KB, so at most ~20 MB. */
export const PET_CACHE_ENTRIES = 20_000;

export interface CachedPet {
  userId: string;
  repositoryId: string;
  dto: PetDto;
  /** `dto` as the JSON the response carries: a string, so node writes it with the headers in one write. */
  json: string;
  /** Its Content-Length (UTF-8 bytes). */
  length: string;
}

/** A string field of a bus message, or undefined. */
const str = (m: unknown, k: string): string | undefined => {
  const v = (m as Record<string, unknown> | null)?.[k];
  return typeof v === 'string' ? v : undefined;
};

export class PetCache {
  /** Keyed by pet id; dropped on the channels above (session-cache.ts has the mechanism). */
  readonly #entries: BusInvalidatedCache<string, CachedPet>;
  /** Settles once the subscriptions are up (or failed): from then on pets are cached. */
  readonly ready: Promise<void>;

  constructor(bus: Pick<Bus, 'subscribe'> | null, opts: { ttlMs?: number; entries?: number } = {}) {
    this.#entries = new BusInvalidatedCache(bus, {
      max: opts.entries ?? PET_CACHE_ENTRIES,
      ttlMs: opts.ttlMs ?? PET_CACHE_MS,
      channels: {
        // pet.updated and pet.deleted both carry petId; access.changed names the pet entityId.
        [CHANNELS.petUpdated]: (m, c) => c.drop(str(m, 'petId') ?? ''),
        [CHANNELS.accessChanged]: (m, c) => c.drop(str(m, 'entityId') ?? ''),
        [CHANNELS.userDeleted]: (m, c) => dropUser(c, str(m, 'userId') ?? ''),
        [PET_CHANGED_CHANNEL]: (m, c) => dropChanged(c, m as PetChangedMessage | null),
      },
    });
    this.ready = this.#entries.ready;
  }

  /** Changes heard so far: read it before a database read, hand it to `set` after. */
  get generation(): number {
    return this.#entries.generation;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The user's pet as last read, or undefined (not cached, expired, or not theirs). */
  get(userId: string, petId: string, nowMs: number): CachedPet | undefined {
    const hit = this.#entries.get(petId, nowMs);
    return hit !== undefined && hit.userId === userId ? hit : undefined;
  }

  /** Caches a pet read when `generation` was read before it and no change arrived since (and the bus listens). */
  set(pet: EntityWithRepo, dto: PetDto, generation: number, nowMs: number): CachedPet {
    const json = JSON.stringify(dto);
    const entry: CachedPet = { userId: pet.user_id, repositoryId: pet.repository_id, dto, json, length: String(Buffer.byteLength(json)) };
    this.#entries.set(pet.id, entry, generation, nowMs);
    return entry;
  }

  forget(m: PetChangedMessage | null): void {
    dropChanged(this.#entries, m);
  }

  forgetPet(petId: string): void {
    this.#entries.drop(petId);
  }

  forgetUser(userId: string): void {
    dropUser(this.#entries, userId);
  }

  close(): Promise<void> {
    return this.#entries.close();
  }
}

function dropUser(cache: CacheDrops<string, CachedPet>, userId: string): void {
  cache.dropWhere((e) => e.userId === userId);
}

/** What `pet.changed` names: a pet, a repository's pets, or a user's; nothing for anything else. */
function dropChanged(cache: CacheDrops<string, CachedPet>, m: PetChangedMessage | null): void {
  if (!m || typeof m !== 'object') return;
  if ('petId' in m && typeof m.petId === 'string') cache.drop(m.petId);
  else if ('repositoryId' in m && typeof m.repositoryId === 'string') {
    const id = m.repositoryId;
    cache.dropWhere((e) => e.repositoryId === id);
  } else if ('userId' in m && typeof m.userId === 'string') dropUser(cache, m.userId);
}

/** One cache per app (its deps), shared by the Hono route and the node:http fast path (fast-read.ts). */
const caches = new WeakMap<object, PetCache>();

export function petCacheOf(deps: { bus: Bus }): PetCache {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new PetCache(deps.bus)));
  return cache;
}

/** Stops the app's cache listening (the api's close). */
export async function closePetCache(deps: { bus: Bus }): Promise<void> {
  const cache = caches.get(deps);
  caches.delete(deps);
  await cache?.close();
}

/** This process drops a pet whose change it just published elsewhere (pet.updated, access.changed), without waiting for its own message. */
export function petChangedHere(deps: object, petId: string): void {
  caches.get(deps)?.forgetPet(petId);
}

/**
 * A pet (or a repository's, or a user's pets) changed: this process drops its entries now, and every
 * instance when the bus delivers `pet.changed`. Awaited before the change is answered, so another
 * instance has it before the client can ask there. A failed publish is logged (the deadline bounds it).
 */
export async function petsChanged(deps: { bus: Bus; log: Logger }, m: PetChangedMessage): Promise<void> {
  caches.get(deps)?.forget(m);
  await deps.bus.publish(PET_CHANGED_CHANNEL, m).catch((err: Error) => deps.log.warn({ err: { message: err.message } }, 'pet.changed publish failed'));
}
