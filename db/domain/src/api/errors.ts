/** The API's error envelope, generated from the api's OpenAPI document (openapi.ts). */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

/** Stable and machine-readable; the message beside it is for people. */
export type ErrorCode = Schemas['ErrorCode'];

/** Every failure: `{ error: { code, message } }` with a 4xx/5xx status. */
export type ApiError = Schemas['Error'];
