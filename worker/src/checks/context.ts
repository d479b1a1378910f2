/**
 * What the check job needs from the worker: a subset of process-delivery.ts's WorkerContext,
 * declared here so src/checks does not import process-delivery.ts (which imports it: a cycle).
 */
import type { Bus, Database, Logger, TokenCipher } from '@tamagitto/db';
import type { Kysely } from 'kysely';
import type { Rand } from '../retry-policy.ts';

export interface CheckContext {
  db: Kysely<Database>;
  bus: Bus;
  log: Logger;
  cipher: TokenCipher;
  githubApiUrl: string;
  now(): Date;
  /** The retry policy's randomness (jitter); Math.random by default. */
  random?: Rand;
}
