/**
 * Who may call the api from a browser: the CORS policy of every /api route
 * (app.ts, through hono/cors) and of the node:http fast path of
 * GET /api/pets/{id} (pets/fast-read.ts), which writes the same headers.
 */
import type { ApiEnv } from '../env.ts';
import type { Logger } from '@tamagitto/db';

// X-API-Key: the routes that take a personal API key (http/api-key.ts); Last-Event-ID: resuming
// GET /api/events (an EventSource sends it itself, a fetch-based reader must be allowed to).
export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'X-Anthropic-Key', 'X-Request-Id', 'X-API-Key', 'Last-Event-ID'];
// PATCH: renaming, favouriting and thresholds (PATCH /api/pets/{id}).
export const CORS_ALLOW_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
export const CORS_EXPOSE_HEADERS = ['X-Request-Id', 'Retry-After'];

/**
 * The Access-Control-Allow-Origin for a request's Origin, or null: CORS_ORIGINS, and with EXTENSION_IDS
 * only those extensions; without, any chrome-extension:// origin (development).
 */
export function corsOrigin(env: Pick<ApiEnv, 'CORS_ORIGINS' | 'EXTENSION_IDS' | 'DATABASE_URL'>, log?: Logger): (origin: string | undefined) => string | null {
  const allowed = new Set(env.CORS_ORIGINS);
  for (const id of env.EXTENSION_IDS) allowed.add(`chrome-extension://${id}`);
  const anyExtension = env.EXTENSION_IDS.length === 0;
  if (anyExtension && env.DATABASE_URL) log?.warn('EXTENSION_IDS is not set: every chrome-extension:// origin passes CORS; set it to your extension id');
  return (origin) => (origin && (allowed.has(origin) || (anyExtension && origin.startsWith('chrome-extension://'))) ? origin : null);
}
