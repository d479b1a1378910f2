/**
 * JSON logs (pino). Every path that could carry a secret is redacted here, once,
 * so no call site has to remember: tokens, keys, authorization headers.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers["x-anthropic-key"]',
  'req.headers["x-hub-signature-256"]',
  'headers.authorization',
  'headers["x-anthropic-key"]',
  'githubToken',
  '*.githubToken',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
];

export function createLogger(opts: { level: string; name: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      name: opts.name,
      level: opts.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: opts.name },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination ?? pino.destination({ sync: false }),
  );
}
