/** The JSON shapes of the API's auth routes, generated from the api's OpenAPI document (openapi.ts). */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

/** The user inside a session. */
export type UserDto = Schemas['User'];

/** `GET /api/me`: the user, and whether GitHub still accepts their stored token (`token.status`). */
export type MeDto = Schemas['Me'];
export type TokenStatusDto = Schemas['TokenStatus'];

/** `POST /api/auth/pat`, `POST /api/auth/github/exchange`: the session token goes in `Authorization: Bearer <token>`. */
export type SessionDto = Schemas['AuthSession'];

/** `GET /api/auth/github?redirect_uri=` → where to send the browser (launchWebAuthFlow);
 * 501 `not_configured` when the server has no GitHub OAuth app. */
export type OAuthStartDto = Schemas['OAuthStart'];
