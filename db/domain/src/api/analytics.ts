/**
 * The JSON shapes of the API's analytics routes, generated from their zod
 * schemas (api/src/analytics/dto.ts) through the OpenAPI document: the field
 * descriptions are there and in openapi.ts.
 */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

/** `GET /api/analytics/velocity?from=YYYY-MM-DD&to=YYYY-MM-DD` (default: the last 14 days; at most 90). */
export type VelocityDto = Schemas['Velocity'];
/** `GET /api/analytics/llm-usage?days=30`: what coaching cost the user. */
export type LlmUsageDto = Schemas['LlmUsage'];
