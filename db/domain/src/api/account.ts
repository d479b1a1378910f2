/** The JSON shapes of the api's account routes (export, delete), generated from the api's OpenAPI document (openapi.ts). */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

/** `GET /api/me/export`: everything stored about the user (never the GitHub token). */
export type AccountExportDto = Schemas['AccountExport'];

/** `DELETE /api/me` with `{ "confirm": "<login>" }`: what was deleted, and which webhooks GitHub confirmed removed. */
export type DeleteAccountRequest = Schemas['DeleteAccountRequest'];
export type AccountDeletedDto = Schemas['AccountDeleted'];
