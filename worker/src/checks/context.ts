/**
 * What the check job needs from the worker: a subset of process-delivery.ts's WorkerContext,
 * declared here so src/checks does not import process-delivery.ts (which imports it: a cycle).
 */
import type { TokenContext } from '../github/adopter-tokens.ts';
import type { Rand } from '../retry-policy.ts';

export interface CheckContext extends TokenContext {
  /** The retry policy's randomness (jitter); Math.random by default. */
  random?: Rand;
}
