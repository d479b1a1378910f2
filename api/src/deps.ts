import type { Bus, Database, TokenCipher } from '@tamagitto/db';
import type { Kysely } from 'kysely';
import type { ApiEnv, Secrets } from './env.ts';
import type { GithubFactory } from './github/client.ts';
import type { DeliveryIngestor } from './ingest/delivery-ingestor.ts';
import type { Logger } from '@tamagitto/db';
import type { Metrics } from './health/metrics.ts';
import type { SessionClaims, SessionSigner } from './auth/session-signer.ts';
import type { RateLimits } from './http/rate-limit.ts';

/** Everything a request handler may use; built once per process in server.ts. */
export interface AppDeps {
  env: Readonly<ApiEnv>;
  secrets: Secrets;
  db: Kysely<Database>;
  pingDb(): Promise<boolean>;
  bus: Bus;
  log: Logger;
  cipher: TokenCipher;
  sessions: SessionSigner;
  github: GithubFactory;
  ingestor: DeliveryIngestor;
  metrics: Metrics;
  /** Per-user and per-IP limits (http/rate-limit.ts); closed with the server. */
  rateLimits: RateLimits;
  now(): Date;
}

export interface AppVariables {
  requestId: string;
  log: Logger;
  userId: string;
  /** The session (sessions.id, the JWT's `sid`) of a request past requireSession. */
  sessionId: string;
  /** The bearer session token decoded without its row, once per request (http/rate-limit.ts sets it, requireSession reuses it). */
  sessionClaims?: Promise<SessionClaims>;
  /** Set when the app checks responses against their documented schemas (tests). */
  checkResponses?: boolean;
}

export type AppEnv = { Variables: AppVariables };
