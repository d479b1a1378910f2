/**
 * The webhook's logic, independent of the HTTP layer: verify, validate, store,
 * enqueue. Order matters: the signature is checked on the raw body before
 * anything is parsed, so an unsigned request costs almost nothing and changes
 * nothing. Used by the Hono route and by the server's raw fast path
 * (server.ts), which skips the Request/Response adaptation on the hottest
 * endpoint (bench/webhook-ingest).
 */
import { isUtf8 } from 'node:buffer';
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { emitterEventNames } from '@octokit/webhooks';
import type { Logger } from '@tamagitto/db';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { assertStorable } from '../http/validate.ts';

export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;
const KNOWN_EVENTS = new Set<string>(emitterEventNames.filter((n) => !n.includes('.')));
/** Events the worker acts on; others are stored (for audit and the coach) but not queued. */
const QUEUED_EVENTS = new Set(['push']);
/** pull_request actions that make a PR check (worker/src/checks/from-webhook.ts); other actions are stored only. */
const CHECKED_PR_ACTIONS = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review']);
const DELIVERY_ID = /^[\w-]{1,100}$/;
/** A commit SHA (SHA-1, or SHA-256 repositories); a branch deletion's `after` is all zeros. */
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const DELETED = /^0+$/;

/** What GitHub sends: `sha256=` and the lower-case hex HMAC (as @octokit/webhooks-methods' verify compares it). */
const SIGNATURE = /^sha256=[0-9a-f]{64}$/;

/** The webhook secret as a key object, made once per secret rather than per delivery. */
let hmacKey: { secret: string; key: KeyObject } | undefined;

/**
 * Whether `signature` is `sha256=` + HMAC-SHA256(secret, body), over the raw bytes as they
 * arrived: synchronous, with the key prepared once, compared in constant time. An empty body
 * never matches (GitHub never sends one).
 */
export function signatureMatches(secret: string, body: Buffer, signature: string): boolean {
  if (body.length === 0 || !SIGNATURE.test(signature)) return false;
  if (hmacKey?.secret !== secret) hmacKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return timingSafeEqual(createHmac('sha256', hmacKey.key).update(body).digest(), Buffer.from(signature.slice(7), 'hex'));
}

export const tooLarge = () => new AppError(413, 'payload_too_large', 'webhook body is over 25 MB (GitHub caps deliveries at 25 MB)');

/** The headers that make a request a possible GitHub delivery, as they arrived. */
export interface WebhookHeaders {
  event: string | undefined;
  deliveryId: string | undefined;
  signature: string | undefined;
}

/** A delivery whose headers passed webhookHeaders(), with its body. */
export interface WebhookInput {
  event: string;
  deliveryId: string;
  signature: string;
  contentType: string | undefined;
  /** The raw body, as received. */
  body: Buffer;
}

/**
 * What can be refused from the headers alone, before a byte of the body is
 * read: no signature (401), no or a malformed delivery id, no event (400).
 * Anyone can reach this endpoint; a request that cannot be a GitHub delivery
 * should cost nothing. Both ways in (the Hono route, the raw fast path) call
 * this first and read the body only when it returns.
 */
export function webhookHeaders(deps: Pick<AppDeps, 'metrics'>, h: WebhookHeaders): Pick<WebhookInput, 'event' | 'deliveryId' | 'signature'> {
  if (!h.signature) {
    deps.metrics.webhooks.inc({ event: 'unknown', outcome: 'unsigned' });
    throw new AppError(401, 'bad_signature', 'missing X-Hub-Signature-256: set the webhook secret on GitHub to GITHUB_WEBHOOK_SECRET');
  }
  if (!h.deliveryId || !DELIVERY_ID.test(h.deliveryId)) throw new AppError(400, 'bad_request', 'missing or malformed X-GitHub-Delivery');
  if (!h.event) throw new AppError(400, 'bad_request', 'missing X-GitHub-Event');
  return { event: h.event, deliveryId: h.deliveryId, signature: h.signature };
}

/** `log` is called only when there is something to log (this path is hot). */
export type WebhookAnswer = { status: 200; body: { ok: true; event: 'ping' } } | { status: 202; body: { accepted: true; duplicate: boolean; queued: boolean } };

export async function handleWebhook(deps: AppDeps, input: WebhookInput, log: () => Logger): Promise<WebhookAnswer> {
  const { event, deliveryId, signature, body } = input;
  if (!signatureMatches(deps.secrets.webhookSecret, body, signature)) {
    deps.metrics.webhooks.inc({ event: 'unknown', outcome: 'bad_signature' });
    log().warn({ deliveryId, event }, 'webhook signature mismatch: check that GITHUB_WEBHOOK_SECRET matches the secret configured on GitHub');
    throw new AppError(401, 'bad_signature', 'signature does not match: check GITHUB_WEBHOOK_SECRET');
  }
  if (!KNOWN_EVENTS.has(event)) throw new AppError(400, 'unknown_event', `unknown GitHub event "${event.slice(0, 60)}"`);
  if (!(input.contentType ?? '').toLowerCase().includes('application/json')) {
    throw new AppError(415, 'unsupported_media_type', 'set the webhook content type to application/json on GitHub');
  }
  const text = body.toString('utf8');
  let payload: { action?: unknown; repository?: { id?: unknown; full_name?: unknown }; deleted?: unknown; after?: unknown };
  try {
    payload = JSON.parse(text) as typeof payload;
  } catch {
    throw new AppError(400, 'bad_request', 'webhook body is not valid JSON');
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new AppError(400, 'bad_request', 'webhook body must be a JSON object');
  if (event === 'ping') {
    deps.metrics.webhooks.inc({ event, outcome: 'ping' });
    return { status: 200, body: { ok: true, event: 'ping' } };
  }
  // Only what a column can hold: a repository id is a safe integer (bigint), text has no NUL or lone surrogate.
  const repoId = Number.isSafeInteger(payload.repository?.id) ? (payload.repository!.id as number) : null;
  const repoName = typeof payload.repository?.full_name === 'string' ? payload.repository.full_name : null;
  assertStorable({ action: payload.action, 'repository.full_name': repoName });
  const queued =
    (QUEUED_EVENTS.has(event) || (event === 'pull_request' && typeof payload.action === 'string' && CHECKED_PR_ACTIONS.has(payload.action))) && repoId !== null && payload.deleted !== true;
  // The replay key: a push is (repository, after). The signature covers the body, not the delivery id, so
  // the same signed body under a new X-GitHub-Delivery is skipped by the insert like a repeated id.
  const after = event === 'push' && repoId !== null && typeof payload.after === 'string' && SHA.test(payload.after) && !DELETED.test(payload.after) ? payload.after : null;
  const { duplicate } = await deps.ingestor.submit(
    {
      deliveryId,
      event,
      action: typeof payload.action === 'string' ? payload.action : null,
      repositoryGithubId: repoId,
      repositoryFullName: repoName,
      // The bytes as they came, sent to Postgres as they are (deliveries.ts), unless they are not UTF-8: then the
      // decoded text (invalid sequences replaced), which a text column accepts.
      payload: isUtf8(body) ? body : text,
      status: queued ? 'queued' : 'ignored',
      pushAfter: after,
    },
    queued,
  );
  deps.metrics.webhooks.inc({ event, outcome: duplicate ? 'duplicate' : queued ? 'queued' : 'stored' });
  return { status: 202, body: { accepted: true, duplicate, queued: queued && !duplicate } };
}
