/**
 * One typed message map for popup ⇄ content script ⇄ service worker.
 * Handlers are looked up in a table keyed by message type, never a `switch`
 * on strings, so the compiler checks that the worker answers every request
 * type, each with its own payload and answer types. Requests get exactly
 * one typed answer; broadcasts are fire-and-forget notifications from the
 * worker.
 */
import type { components, PetDto } from '@tamagitto/domain';
import type { LiveNudge } from './nudges.ts';

/** A PR check as GET /api/checks/{id} answers it (issue 16). */
export type CheckDto = components['schemas']['Check'];

export type LiveStatus = 'signed-out' | 'connecting' | 'live' | 'polling';

export interface RequestMap {
  /** Refetch pets now (popup open, options saved). */
  'pets/refresh': { req: Record<string, never>; res: { ok: boolean; error: string | null } };
  /** The overlay asks which pet, if any, lives in a repo. */
  'pet/by-repo': { req: { owner: string; name: string }; res: { pet: PetDto | null } };
  /** The overlay badge was clicked: show that pet. */
  'pet/open': { req: { petId: string }; res: { ok: true } };
  /** The PR-page overlay: the newest check of that PR (null: none yet; petId null: no pet in that repo). */
  'check/for-pr': { req: { owner: string; name: string; number: number }; res: { petId: string | null; check: CheckDto | null } };
  /** The overlay's "Check this PR": POST /api/checks for that PR's URL. */
  'check/request': { req: { owner: string; name: string; number: number }; res: { id: string; status: CheckDto['status'] } };
  /** The overlay's prediction was clicked: open that check's report in the popup. */
  'check/open': { req: { petId: string; checkId: string }; res: { ok: true } };
  /** The overlay's "Sign in again": the options page at its sign-in form (a content script cannot open it itself). */
  'options/open': { req: { signIn: boolean }; res: { ok: true } };
  /** Options page signed in/out or changed the API origin: reconnect. */
  'session/changed': { req: Record<string, never>; res: { ok: true } };
}

export interface BroadcastMap {
  'pet/updated': { pet: PetDto; delta: number };
  'pet/deleted': { petId: string };
  'live/status': { status: LiveStatus };
  /** A coach nudge arrived over the WebSocket (sent to extension pages only, not to github.com tabs). */
  'coach/nudge': { nudge: LiveNudge };
  /** A PR check changed state (the socket's `check.updated`); GET /api/checks/{id} has the rest. */
  'check/updated': { checkId: string; petId: string; prNumber: number; status: CheckDto['status']; verdict: CheckDto['verdict'] };
}

export type RequestType = keyof RequestMap;
export type Req<K extends RequestType> = RequestMap[K]['req'];
export type Res<K extends RequestType> = RequestMap[K]['res'];

export interface RequestEnvelope<K extends RequestType = RequestType> {
  kind: 'request';
  type: K;
  payload: Req<K>;
}
export interface BroadcastEnvelope<K extends keyof BroadcastMap = keyof BroadcastMap> {
  kind: 'broadcast';
  type: K;
  payload: BroadcastMap[K];
}

/** A failure keeps the error's code and status (an ApiRequestError's), so a page can pick its own words for it. */
type Reply<K extends RequestType> = { ok: true; value: Res<K> } | { ok: false; error: string; code?: string; status?: number };

/** A request the worker failed: its message, and the API error's code and status when it had them. */
export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'RequestFailed';
  }
}

const failureOf = (err: unknown) => {
  const { code, status } = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; status?: unknown };
  return { ok: false as const, error: err instanceof Error ? err.message : String(err), code: typeof code === 'string' ? code : undefined, status: typeof status === 'number' ? status : undefined };
};

export type Handlers = { [K in RequestType]: (payload: Req<K>, sender: chrome.runtime.MessageSender) => Promise<Res<K>> };
export type BroadcastHandlers = { [K in keyof BroadcastMap]?: (payload: BroadcastMap[K]) => void };

function isEnvelope(msg: unknown, kind: 'request' | 'broadcast'): msg is { kind: string; type: string; payload: unknown } {
  return typeof msg === 'object' && msg !== null && (msg as { kind?: unknown }).kind === kind && typeof (msg as { type?: unknown }).type === 'string';
}

/**
 * Builds the worker's `chrome.runtime.onMessage` listener from a handler
 * table. Unknown types are ignored (returns false) so other listeners may answer.
 *
 * @example chrome.runtime.onMessage.addListener(createRequestListener({ 'pet/by-repo': ..., ... }))
 */
export function createRequestListener(handlers: Handlers) {
  return (msg: unknown, sender: chrome.runtime.MessageSender, sendResponse: (r: Reply<RequestType>) => void): boolean => {
    if (!isEnvelope(msg, 'request') || !Object.hasOwn(handlers, msg.type)) return false;
    const handler = handlers[msg.type as RequestType] as (p: unknown, s: chrome.runtime.MessageSender) => Promise<unknown>;
    handler(msg.payload, sender).then(
      (value) => sendResponse({ ok: true, value } as Reply<RequestType>),
      (err: unknown) => sendResponse(failureOf(err)),
    );
    return true; // answer asynchronously
  };
}

/** The listener for broadcasts, dispatching by table lookup. */
export function createBroadcastListener(handlers: BroadcastHandlers) {
  return (msg: unknown): void => {
    if (!isEnvelope(msg, 'broadcast') || !Object.hasOwn(handlers, msg.type)) return;
    const handler = handlers[msg.type as keyof BroadcastMap] as ((p: unknown) => void) | undefined;
    handler?.(msg.payload);
  };
}

export type SendFn = (msg: RequestEnvelope) => Promise<unknown>;

/**
 * Sends a typed request to the service worker.
 *
 * @example const { pet } = await request('pet/by-repo', { owner: 'octo', name: 'cat' });
 */
export async function request<K extends RequestType>(
  type: K,
  payload: Req<K>,
  send: SendFn = (m) => chrome.runtime.sendMessage(m),
): Promise<Res<K>> {
  const reply = (await send({ kind: 'request', type, payload } as RequestEnvelope)) as Reply<K> | undefined;
  if (!reply) throw new Error(`No answer to ${type}`);
  if (!reply.ok) throw new RequestFailed(reply.error, reply.code, reply.status);
  return reply.value;
}

export function broadcastEnvelope<K extends keyof BroadcastMap>(type: K, payload: BroadcastMap[K]): BroadcastEnvelope<K> {
  return { kind: 'broadcast', type, payload };
}
