/**
 * fetch against our API: `Authorization: Bearer <session JWT>`, JSON in and
 * out, and every failure turned into an ApiRequestError carrying the
 * server's `{ error: { code, message } }` so the UI can show `message`.
 */
import type { ApiError } from '@tamagitto/domain';

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

export type ApiRequestInit = { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal };

/**
 * Sends a request and returns the successful Response, unread — for bodies
 * that are not one JSON document (the coach's server-sent events).
 *
 * @example const res = await apiRequest(target, '/api/conversation/chat', { body: { message }, headers: { accept: 'text/event-stream' } });
 */
export async function apiRequest(target: ApiTarget, path: string, init: ApiRequestInit = {}, fetchFn: FetchFn = fetch): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetchFn(target.origin + path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'network', `Can't reach the Tamagitto API at ${target.origin}. Is it running?`);
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

async function errorOf(res: Response): Promise<ApiRequestError> {
  const json = parseJson(await res.text());
  const err = (json as Partial<ApiError> | undefined)?.error;
  if (err && typeof err.message === 'string') return new ApiRequestError(res.status, String(err.code), err.message);
  return new ApiRequestError(res.status, res.status === 404 ? 'not_found' : 'http_error', `The API answered ${res.status} ${res.statusText}`.trim(), true);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @example const me = await apiFetch<UserDto>({ origin, token }, '/api/me');
 */
export async function apiFetch<T>(target: ApiTarget, path: string, init: ApiRequestInit = {}, fetchFn: FetchFn = fetch): Promise<T> {
  const res = await apiRequest(target, path, init, fetchFn);
  return parseJson(await res.text()) as T;
}

/** What to show a person for a failure: the error's own message (API errors already carry a readable one). */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
