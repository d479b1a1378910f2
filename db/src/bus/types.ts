/**
 * The bus: a durable-enough job queue plus pub/sub fan-out. Redis (Streams +
 * pub/sub) when `REDIS_URL` is set, in-process otherwise; both pass the same
 * contract tests (bus.test.ts). Jobs are at-least-once: a job is acked only
 * after its handler resolves, and one whose consumer died is re-claimed after
 * `claimIdleMs`. Postgres stays the system of record: every job names a row
 * (e.g. a webhook delivery), so the queue can always be rebuilt from it.
 */

export interface Job {
  /** Queue-assigned id (a stream id for Redis). */
  id: string;
  /** e.g. 'delivery' */
  kind: string;
  /** The row the job is about, e.g. a webhook delivery id. */
  ref: string;
  /** How many times this job has been handed to a consumer, including this one. */
  attempt: number;
}

export interface ConsumeOptions {
  /** Consumer group (workers sharing it split the jobs). */
  group: string;
  /** This consumer's unique name. */
  consumer: string;
  /** Jobs handled at once by this consumer. */
  concurrency?: number;
  /** A job unacked this long is handed to another consumer. */
  claimIdleMs?: number;
  /**
   * Called when the queue is found emptied under a running consumer (Redis
   * restarted without persistence: the stream and its group are gone), so the
   * jobs it held can be rebuilt from Postgres. Never called by the in-process bus.
   */
  onReset?: () => void;
}

export interface Consumer {
  /** Stops taking jobs and waits for in-flight handlers to finish. */
  stop(): Promise<void>;
}

export type JobHandler = (job: Job) => Promise<void>;

export interface Bus {
  readonly kind: 'redis' | 'memory';
  enqueue(jobs: { kind: string; ref: string }[]): Promise<void>;
  consume(handler: JobHandler, opts: ConsumeOptions): Consumer;
  publish(channel: string, message: unknown): Promise<void>;
  /** Resolves once the subscription is active; returns an unsubscribe. */
  subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>>;
  /** True the first time `key` is claimed within `ttlMs` (single-use tickets across instances). */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  ping(): Promise<boolean>;
  /**
   * Jobs enqueued and not yet acknowledged: waiting, in flight, or left for a
   * retry (the worker's queue-depth metric). Rejects while the bus is unreachable.
   */
  depth(): Promise<number>;
  /**
   * The refs of the `kind` jobs the queue holds (waiting or in flight), or null
   * when it holds more than `limit` jobs (too many to list cheaply). Only a
   * queue that outlives the processes feeding it has this: a delivery row
   * committed by an api killed before its enqueue is in Postgres and not here
   * (worker/src/recover.ts finds those). The in-process queue dies with its
   * producer, so it has nothing to compare.
   */
  queuedRefs?(kind: string, limit: number): Promise<Set<string> | null>;
  close(): Promise<void>;
}

export const CHANNELS = {
  petUpdated: 'pet.updated',
  coachNudge: 'coach.nudge',
  /** { userId, sessionId }: the session was signed out; every api instance closes its sockets. */
  sessionRevoked: 'session.revoked',
  /** { userId }: the account was deleted; every api instance closes the user's sockets. */
  userDeleted: 'user.deleted',
  /** { userId, entityId, lost }: the pet's owner lost (or regained) read access to its repository. */
  accessChanged: 'access.changed',
  /** { userId }: GitHub rejected the user's stored token (401); they must sign in again. */
  tokenRejected: 'user.token_rejected',
  /** CheckUpdatedMessage: a PR check changed state (worker/src/checks/run-check.ts); relayed to the repository's adopters. */
  checkUpdated: 'check.updated',
} as const;

/** Published on `CHANNELS.tokenRejected` by the worker (worker/src/github/adopter-tokens.ts). */
export interface TokenRejectedMessage {
  userId: string;
}

/** Published on `CHANNELS.accessChanged` by the worker when a pet's `access_lost_at` is set (`lost`) or cleared. */
export interface AccessChangedMessage {
  userId: string;
  entityId: string;
  lost: boolean;
}

/** Published on `CHANNELS.checkUpdated` by the worker when a PR check changes state. */
export interface CheckUpdatedMessage {
  checkId: string;
  repositoryId: string;
  prNumber: number;
  headSha: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'superseded';
  verdict: 'pass' | 'warn' | 'fail' | null;
}
