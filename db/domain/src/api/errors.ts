/** The JSON shapes of the API's errors routes. */

/** Every failure: `{ error: { code, message } }` with a 4xx/5xx status. */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'invalid_token'
  | 'token_expired'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'cooldown'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'bad_signature'
  | 'unknown_event'
  | 'rate_limited'
  | 'github_error'
  | 'github_unauthorized'
  | 'llm_error'
  | 'timeout'
  | 'not_ready'
  | 'not_configured'
  | 'internal';

export interface ApiError {
  error: { code: ErrorCode; message: string };
}
