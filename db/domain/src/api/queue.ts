/**
 * The JSON shapes of the API's queue routes, generated from their zod schemas
 * (api/src/queue/dto.ts) through the OpenAPI document: the field descriptions
 * are there and in openapi.ts.
 */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

export type QueueItemKind = Schemas['QueueItemKind'];
export type CiState = Schemas['CiState'];
/** The inputs of `confidence_score`, shown to the user (formula: api/src/queue/queue-score.ts). */
export type QueueFactorsDto = Schemas['QueueFactors'];
export type QueueItemDto = Schemas['QueueItem'];
/** GitHub's rate limit as last seen; `limited` means GitHub asked us to back off and the data may be stale or partial. */
export type GithubRateDto = Schemas['GithubRate'];
/** `GET /api/github/queue` */
export type QueueDto = Schemas['Queue'];
/** `GET /api/github/queue/recommendations`: the "math-test sort", top 3. */
export type RecommendationsDto = Schemas['Recommendations'];
