/** The JSON shapes of the API's settings routes, generated from the api's OpenAPI document (openapi.ts). */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

/**
 * `GET /api/me/settings` → the signed-in user's settings; `PUT /api/me/settings`
 * with the whole object → the stored settings. Invalid input is a 400
 * `validation_failed` naming the field, and changes nothing. The schema's
 * description explains the pet lifecycle the settings act on.
 */
export type UserSettingsDto = Schemas['UserSettings'];
