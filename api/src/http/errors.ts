/**
 * Domain errors are plain classes; `onError` turns them into the envelope
 * `{ error: { code, message } }` (the ErrorSchema in ./openapi.ts). Nothing else reaches the
 * client: no stack, no HTML, no upstream error text that could hold a secret.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '@tamagitto/domain';
import type { Logger } from '@tamagitto/db';

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'resource') => new AppError(404, 'not_found', `${what} not found`);

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400: return 'bad_request';
    case 401: return 'unauthorized';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 409: return 'conflict';
    case 413: return 'payload_too_large';
    case 415: return 'unsupported_media_type';
    case 429: return 'rate_limited';
    case 503: return 'not_ready';
    default: return status >= 500 ? 'internal' : 'bad_request';
  }
}

export function renderError(c: Context, err: Error, log: Logger | undefined) {
  if (err instanceof AppError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    if (err.status >= 500) log?.error({ err: { name: err.name, message: err.message, code: err.code } }, 'request failed');
    return c.json({ error: { code: err.code, message: err.message } }, err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return c.json({ error: { code: codeForStatus(status), message: err.message || 'request failed' } }, status);
  }
  log?.error({ err: { name: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
  return c.json({ error: { code: 'internal' as ErrorCode, message: 'internal error' } }, 500);
}
