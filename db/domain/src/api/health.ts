/** The JSON shapes of the API's health routes, generated from the api's OpenAPI document (openapi.ts). */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

/** `GET /api/health/ready`: 200 when the database and the bus answer, 503 (same body) when one does not. */
export type HealthReadyDto = Schemas['HealthReady'];
