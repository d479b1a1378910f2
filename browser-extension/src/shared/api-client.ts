/**
 * Our API, typed from its OpenAPI document: `paths` (generated into
 * @tamagitto/domain from the api's route definitions) names every route, its
 * parameters, body and answer, so a call the document does not describe — a
 * wrong path, a missing parameter, a body of the wrong shape, a field the API
 * does not send — fails to compile instead of being cast into place.
 *
 * @example
 * const api = apiClient(target);
 * const { items } = await ok(api.GET('/api/pets'));
 * const history = await ok(api.GET('/api/pets/{id}/history', { params: { path: { id }, query: { limit: 30 } } }));
 *
 * Every request says `accept: application/json` (a call may ask for another
 * type) and carries `Authorization: Bearer <session JWT>` when signed in.
 * Every failure rejects with an ApiRequestError carrying the server's
 * `{ error: { code, message } }`, so the UI can show `message`.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { ApiError, paths } from '@tamagitto/domain';
import { t, tryT, uiLanguage } from './i18n.ts';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The response was not our JSON error shape (e.g. a proxy's HTML 404). */
    readonly foreign = false,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  /** A whole feature (Queue/Coach/Puzzle/Stats) missing on this server. */
  get featureUnavailable(): boolean {
    return this.status === 404 && (this.foreign || this.code === 'not_found');
  }

  get unauthorized(): boolean {
    return this.status === 401;
  }
}

export interface ApiTarget {
  origin: string;
  token: string | null;
}

export type FetchFn = typeof fetch;

/** A client for one API origin and session; JSON answers (`application/json`) are the typed `data`. */
export type Api = Client<paths, 'application/json'>;

/**
 * `fetchFn` is called with a `Request` (what openapi-fetch builds). A call
 * with `parseAs: 'stream'` gets the successful Response unread (`response`):
 * the coach's server-sent events, the portrait's image.
 */
export function apiClient(target: ApiTarget, fetchFn: FetchFn = fetch): Api {
  return createClient<paths, 'application/json'>({
    baseUrl: target.origin,
    headers: { accept: 'application/json', authorization: target.token ? `Bearer ${target.token}` : undefined },
    fetch: (request) => send(target.origin, request, fetchFn),
  });
}

/**
 * Every request of every client goes through here, so a failure never reaches
 * openapi-fetch's `error` branch: it rejects with an ApiRequestError — status
 * 0 and code `network` when the server cannot be reached — and an abort
 * rejects with the AbortError itself.
 */
async function send(origin: string, request: Request, fetchFn: FetchFn): Promise<Response> {
  let res: Response;
  try {
    res = await fetchFn(request);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'network', t('err_network', origin));
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

async function errorOf(res: Response): Promise<ApiRequestError> {
  const json = parseJson(await res.text());
  const err = (json as Partial<ApiError> | undefined)?.error;
  if (err && typeof err.message === 'string') return new ApiRequestError(res.status, String(err.code), err.message);
  return new ApiRequestError(res.status, res.status === 404 ? 'not_found' : 'http_error', t('err_http', `${res.status} ${res.statusText}`.trim()), true);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The answer of a call, typed by the document. Failures have already
 * rejected (see `send`), so only openapi-fetch's success branch, whose `data`
 * is the documented 2xx JSON, arrives here.
 *
 * @example const pet = await ok(api.POST('/api/pets', { body: { repo: 'octo/cat' } }));
 */
export async function ok<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}

/**
 * What to show a person for a failure. The server writes its messages in
 * English: an English reader gets them as they are (the most precise words);
 * any other language gets the line for the error's code (`err_<code>` in
 * public/_locales: one cause, one action), and the server's English only for a
 * code this extension does not know yet. A 429 whose message names GitHub is
 * GitHub's rate limit (api/src/github/client.ts), not this server's.
 */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || code === 'network' || (err as { foreign?: unknown }).foreign || uiLanguage().startsWith('en')) return err.message;
  return tryT(`err_${githubRateLimited(code, err.message) ? 'github_rate_limited' : code}`) || err.message;
}

/** A 429 from GitHub's limit rather than this server's own limiter. */
export const githubRateLimited = (code: string, message: string): boolean => code === 'rate_limited' && /^GitHub/.test(message);
