/**
 * fetch against our API: `Authorization: Bearer <session JWT>`, JSON in and
 * out, and every failure turned into an ApiRequestError carrying the
 * server's `{ error: { code, message } }` so the UI can show `message`.
 */
import type { ApiError } from '@tamagitto/api/contract';

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

/**
 * @example const me = await apiFetch<UserDto>({ origin, token }, '/api/me');
 */
export async function apiFetch<T>(
  target: ApiTarget,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
  fetchFn: FetchFn = fetch,
): Promise<T> {
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
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as Partial<ApiError> | undefined)?.error;
    if (err && typeof err.message === 'string') throw new ApiRequestError(res.status, String(err.code), err.message);
    throw new ApiRequestError(res.status, res.status === 404 ? 'not_found' : 'http_error', `The API answered ${res.status} ${res.statusText}`.trim(), true);
  }
  return json as T;
}
