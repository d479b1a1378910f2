/** The JSON shapes of the API's health routes, generated from the api's OpenAPI document (openapi.ts). */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

/** `GET /api/health/ready`: 200 `ok`, 200 `degraded` when only the bus is down (deliveries wait in the database), 503 `unavailable` (same body) when the database does not answer. */
export type HealthReadyDto = Schemas['HealthReady'];
