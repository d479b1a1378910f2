/**
 * The live relay: one per api process, shared by the WebSocket hub (ws-hub.ts) and the SSE
 * stream (sse.ts). It subscribes to the bus once and turns each event into a message per
 * recipient user — `pet.updated` / `pet.deleted` and `coach.nudge` name their user,
 * `check.updated` goes to the adopters of the checked repository — serialised ONCE per
 * recipient and handed as the same Buffer to each of that user's clients.
 *
 * - WebSocket clients get it at once.
 * - Every event is also stored in `live_events` (history.ts below; store.ts), in the order the
 *   bus delivered it, and SSE clients get it once stored, with the row's id as the stream's
 *   `id:` — the id a reconnecting client sends back as `Last-Event-ID`.
 * - A pet whose owner lost read access to its repository ('access.changed',
 *   entities.access_lost_at) gets no `pet.updated` or `check.updated` relayed to that owner.
 * - 'session.revoked' closes the clients a session opened, 'user.deleted' all of a user's.
 *
 * The relay of a process is made on first use (`liveRelay(deps)`) and closed with the hub.
 */
import { createHash } from 'node:crypto';
import { CHANNELS, listEntitiesOfRepository, lostAccessPetIds, type CheckUpdatedMessage } from '@tamagitto/db';
import type { AppDeps } from '../deps.ts';
import { deleteLiveEventsBefore, storeLiveEvents, type StoredEventInput } from './store.ts';

export type LiveKind = 'pet.updated' | 'pet.deleted' | 'check.updated' | 'coach.nudge';

/** One event for one user, serialised once. */
export interface LiveEvent {
  userId: string;
  kind: LiveKind;
  petId: string | null;
  /** The ServerMessage's JSON text (dto.ts), the same bytes for every client. */
  json: string;
  /** `json` as UTF-8, made once. */
  bytes: Buffer;
  /** A digest of the bus message and its user: every instance computes the same one (store.ts). */
  dedupe: string;
}

export interface LiveClient {
  readonly userId: string;
  /** The session that opened it (null: an API key's stream). */
  readonly sessionId: string | null;
  /** SSE clients want stored events only (with their id); WebSocket clients want them at once. */
  readonly wantsIds: boolean;
  /** `id` is the stored row's id, or null when it could not be stored (the event is sent anyway). */
  deliver(event: LiveEvent, id: string | null): void;
  /** Ends the client: `code` is the WebSocket close code (SSE streams just end). */
  close(code: number, reason: string): void;
}

export interface LiveRelay {
  /** Adds a client; its user's lost pets are read once per user while any of their clients is connected. */
  add(client: LiveClient): Promise<void>;
  remove(client: LiveClient): void;
  /** The user's pets whose repository they can no longer read (only while one of their clients is connected). */
  lostPets(userId: string): ReadonlySet<string>;
  clients(): Iterable<LiveClient>;
  /** Resolves once every event received so far is stored and handed to the SSE clients. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Close code of a client whose session ended (signed out, account deleted): the client must sign in again. */
export const CLOSE_SIGNED_OUT = 4401;
/** Events stored per statement. */
const STORE_BATCH = 200;
/** Past this many events waiting for the database (an outage), new ones go to SSE clients without an id, unstored. */
const MAX_PENDING = 20_000;
const RETENTION_EVERY_MS = 3_600_000;

const relays = new WeakMap<AppDeps, Promise<LiveRelay> | 'closed'>();

/** The process's relay for these deps: made and subscribed on first use; rejects once it was closed. */
export function liveRelay(deps: AppDeps): Promise<LiveRelay> {
  const known = relays.get(deps);
  if (known === 'closed') return Promise.reject(new Error('the live relay is closed'));
  if (known) return known;
  const made = createRelay(deps, () => relays.set(deps, 'closed'));
  relays.set(deps, made);
  return made;
}

function digest(userId: string, channel: string, raw: string): string {
  return createHash('sha256').update(userId).update('\n').update(channel).update('\n').update(raw).digest('base64url').slice(0, 24);
}

function eventOf(userId: string, kind: LiveKind, petId: string | null, message: object, dedupe: string): LiveEvent {
  const json = JSON.stringify(message);
  return { userId, kind, petId, json, bytes: Buffer.from(json), dedupe };
}

async function createRelay(deps: AppDeps, markClosed: () => void): Promise<LiveRelay> {
  const byUser = new Map<string, Set<LiveClient>>();
  const bySession = new Map<string, Set<LiveClient>>();
  /** Per connected user: their pets whose repository they can no longer read (nothing relayed about those). */
  const lostByUser = new Map<string, Set<string>>();
  /** Users whose lost pets are being read (their first client): access changes meanwhile are replayed on the result. */
  const loading = new Map<string, Promise<void>>();
  const NO_LOST: ReadonlySet<string> = new Set();
  let sseCount = 0;

  const dispatch = (event: LiveEvent, id: string | null, sse: boolean) => {
    const clients = byUser.get(event.userId);
    if (!clients) return;
    if (event.petId && event.kind !== 'pet.deleted' && lostByUser.get(event.userId)?.has(event.petId)) return;
    for (const c of clients) if (c.wantsIds === sse) c.deliver(event, id);
  };

  // ---- the history: events stored in bus order, then handed to SSE clients with their id
  let pending: LiveEvent[] = [];
  let draining: Promise<void> | null = null;
  let closed = false;
  const drain = async () => {
    while (pending.length > 0) {
      const batch = pending.slice(0, STORE_BATCH);
      pending = pending.slice(batch.length);
      let ids: Map<string, string> | null = null;
      try {
        const rows: StoredEventInput[] = batch.map((e) => ({ user_id: e.userId, kind: e.kind, pet_id: e.petId, data: e.json, dedupe: e.dedupe }));
        ids = await storeLiveEvents(deps.db, rows);
      } catch (err) {
        if (!closed) deps.log.warn({ err: { message: (err as Error).message }, events: batch.length }, 'live events not stored: sent without an id');
      }
      for (const e of batch) if (sseCount > 0) dispatch(e, ids?.get(e.dedupe) ?? null, true);
    }
  };
  const record = (events: LiveEvent[]) => {
    if (closed || events.length === 0) return;
    if (pending.length >= MAX_PENDING) {
      for (const e of events) dispatch(e, null, true);
      return;
    }
    pending.push(...events);
    draining ??= drain().finally(() => (draining = null));
  };
  const publish = (events: LiveEvent[]) => {
    for (const e of events) dispatch(e, null, false);
    record(events);
  };

  // ---- bus events
  const onPetOrNudge = (channel: string) => (raw: unknown) => {
    const m = raw as { userId?: unknown; type?: unknown; petId?: unknown } & Record<string, unknown>;
    if (typeof m?.userId !== 'string' || typeof m.type !== 'string') return;
    if (m.type !== 'pet.updated' && m.type !== 'pet.deleted' && m.type !== 'coach.nudge') return;
    const { userId, ...message } = m;
    const petId = typeof m.petId === 'string' ? m.petId : null;
    publish([eventOf(userId, m.type, petId, message, digest(userId, channel, JSON.stringify(m)))]);
  };
  // The adopters of a checked repository are read from the database: in bus order with the other events.
  let checks: Promise<void> = Promise.resolve();
  const onCheckUpdated = (raw: unknown) => {
    const m = raw as Partial<CheckUpdatedMessage>;
    if (typeof m?.repositoryId !== 'string' || typeof m.checkId !== 'string') return;
    const text = JSON.stringify(m);
    checks = checks
      .then(() => listEntitiesOfRepository(deps.db, m.repositoryId!))
      .then((pets) =>
        publish(
          pets.map((pet) =>
            eventOf(
              pet.user_id,
              'check.updated',
              pet.id,
              { type: 'check.updated', checkId: m.checkId!, petId: pet.id, prNumber: m.prNumber!, headSha: m.headSha!, status: m.status!, verdict: m.verdict ?? null },
              digest(pet.user_id, CHANNELS.checkUpdated, text),
            ),
          ),
        ),
      )
      .catch((err: Error) => deps.log.warn({ err: { message: err.message } }, 'check.updated not relayed: its adopters could not be read'));
  };
  const closeAll = (clients: Set<LiveClient> | undefined, reason: string) => {
    for (const c of [...(clients ?? [])]) c.close(CLOSE_SIGNED_OUT, reason);
  };
  const onSessionRevoked = (raw: unknown) => {
    const m = raw as { sessionId?: unknown };
    if (typeof m?.sessionId === 'string') closeAll(bySession.get(m.sessionId), 'signed out: sign in again');
  };
  const onUserDeleted = (raw: unknown) => {
    const m = raw as { userId?: unknown };
    if (typeof m?.userId === 'string') closeAll(byUser.get(m.userId), 'account deleted');
  };
  const accessChanges = new Map<string, { entityId: string; lost: boolean }[]>();
  const onAccessChanged = (raw: unknown) => {
    const m = raw as { userId?: unknown; entityId?: unknown; lost?: unknown };
    if (typeof m?.userId !== 'string' || typeof m.entityId !== 'string' || typeof m.lost !== 'boolean') return;
    const change = { entityId: m.entityId, lost: m.lost };
    if (loading.has(m.userId)) accessChanges.get(m.userId)?.push(change);
    const lost = lostByUser.get(m.userId);
    if (!lost) return; // no client of this user here: the next one reads it from the database
    if (change.lost) lost.add(change.entityId);
    else lost.delete(change.entityId);
  };

  const unsubs = await Promise.all([
    deps.bus.subscribe(CHANNELS.petUpdated, onPetOrNudge(CHANNELS.petUpdated)),
    deps.bus.subscribe(CHANNELS.coachNudge, onPetOrNudge(CHANNELS.coachNudge)),
    deps.bus.subscribe(CHANNELS.checkUpdated, onCheckUpdated),
    deps.bus.subscribe(CHANNELS.sessionRevoked, onSessionRevoked),
    deps.bus.subscribe(CHANNELS.userDeleted, onUserDeleted),
    deps.bus.subscribe(CHANNELS.accessChanged, onAccessChanged),
  ]);

  const retention = async () => {
    const before = new Date(deps.now().getTime() - deps.env.LIVE_EVENTS_RETENTION_HOURS * 3_600_000);
    await deleteLiveEventsBefore(deps.db, before).catch((err: Error) => deps.log.warn({ err: { message: err.message } }, 'live events retention failed'));
  };
  void retention();
  const retentionTimer = setInterval(() => void retention(), RETENTION_EVERY_MS);
  retentionTimer.unref();

  const relay: LiveRelay = {
    async add(client) {
      if (closed) throw new Error('the live relay is closed');
      const { userId } = client;
      if (!lostByUser.has(userId)) {
        let load = loading.get(userId);
        if (!load) {
          accessChanges.set(userId, []);
          load = lostAccessPetIds(deps.db, userId)
            .then((ids) => {
              const lost = new Set(ids);
              for (const c of accessChanges.get(userId) ?? []) {
                if (c.lost) lost.add(c.entityId);
                else lost.delete(c.entityId);
              }
              lostByUser.set(userId, lost);
            })
            .finally(() => {
              loading.delete(userId);
              accessChanges.delete(userId);
            });
          loading.set(userId, load);
        }
        await load;
      }
      let set = byUser.get(userId);
      if (!set) byUser.set(userId, (set = new Set()));
      set.add(client);
      if (client.sessionId) {
        let ofSession = bySession.get(client.sessionId);
        if (!ofSession) bySession.set(client.sessionId, (ofSession = new Set()));
        ofSession.add(client);
      }
      if (client.wantsIds) sseCount++;
    },
    remove(client) {
      const set = byUser.get(client.userId);
      if (!set?.delete(client)) return;
      if (client.wantsIds) sseCount--;
      if (set.size === 0) {
        byUser.delete(client.userId);
        lostByUser.delete(client.userId);
      }
      if (client.sessionId) {
        const ofSession = bySession.get(client.sessionId);
        ofSession?.delete(client);
        if (ofSession?.size === 0) bySession.delete(client.sessionId);
      }
    },
    lostPets: (userId) => lostByUser.get(userId) ?? NO_LOST,
    *clients() {
      for (const set of byUser.values()) yield* set;
    },
    async idle() {
      await checks;
      while (draining) await draining;
    },
    async close() {
      if (closed) return;
      closed = true;
      markClosed();
      clearInterval(retentionTimer);
      await Promise.all(unsubs.map((u) => u().catch(() => {})));
      await relay.idle().catch(() => {});
      for (const c of [...relay.clients()]) c.close(1001, 'server shutting down');
    },
  };
  return relay;
}
