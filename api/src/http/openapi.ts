/**
 * The API's contract, written once per route next to its handler: `route()`
 * takes the summary, the request body and query schemas, the responses and the
 * errors, and returns ONE middleware that
 *
 * - describes the operation for the OpenAPI 3.1 document (hono-openapi reads
 *   it from the middleware; see openApiDocument below),
 * - validates the JSON body and the query with the same zod schemas and hands
 *   the typed result to the handler (`c.req.valid('json')`, `c.req.valid('query')`),
 * - and, when the app is built with `checkResponses` (the test stack does),
 *   checks every response against what it documents: an undocumented status or
 *   a body that does not match its schema becomes a 500 `contract_violation`,
 *   so every route test is also a contract test.
 *
 * @example
 * .get('/pets/:id', route({ tag: 'pets', summary: 'One pet', security: 'session', responses: { 200: PetSchema }, errors: [404] }), handler)
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { describeRoute, generateSpecs, resolver } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import type { ApiKeyScope } from '@tamagitto/db';
import { AppError } from './errors.ts';
import { assertStorable, jsonBody, optionalJsonBody } from './validate.ts';

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'invalid_token',
  'token_expired',
  'forbidden',
  'access_lost',
  'confirm_mismatch',
  'not_found',
  'conflict',
  'cooldown',
  'payload_too_large',
  'unsupported_media_type',
  'bad_signature',
  'unknown_event',
  'rate_limited',
  'github_error',
  'github_unauthorized',
  'llm_error',
  'timeout',
  'not_ready',
  'db_unavailable',
  'not_configured',
  'contract_violation',
  'internal',
] as const;

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).meta({ id: 'ErrorCode', description: 'Stable, machine-readable; the message is for people.' }),
      message: z.string(),
    }),
  })
  .meta({ id: 'Error', description: 'Every failure, with a 4xx or 5xx status. Never an HTML page, never a stack trace.' });

/** One tag per feature folder under api/src: the reference groups operations the way the code does. */
export const TAGS = {
  health: 'Liveness, readiness and Prometheus metrics.',
  auth: 'Signing in with a GitHub token or OAuth; the signed-in user.',
  settings: "The user's timezone, rest days and vacation.",
  account: 'Your account as a whole: export everything stored about you, or delete it.',
  pets: 'Adopting, reading, reviving and releasing pets; their health history and vet reports.',
  ingest: 'GitHub webhook deliveries (signed by GitHub, no session).',
  live: 'Live updates: a single-use ticket, then a WebSocket at GET /api/ws?ticket=… that pushes `ServerMessage`s.',
  sessions: 'Day sessions and work blocks; ending a session writes the journal.',
  queue: 'The scored review/work queue and its top three.',
  coach: 'The coach: chat (streamed), history and proactive nudges.',
  puzzles: 'The daily puzzle and badges.',
  analytics: 'Velocity and LLM usage charts.',
  portraits: "Pets' portraits (Gemini when configured, built-in sprites otherwise).",
  docs: 'This document and its rendered reference.',
  keys: 'Personal API keys for CI: created once, sent as `X-API-Key` on the routes that accept one.',
  checks: 'PR checks: what merging a pull request would do to the pet, with a pass / warn / fail verdict.',
} as const;
export type Tag = keyof typeof TAGS;

/**
 * Who may call: `session` needs `Authorization: Bearer <session JWT>`; `webhook`
 * is GitHub's signed delivery; `public` needs nothing.
 */
export type Security = 'session' | 'webhook' | 'public';

export interface ResponseDoc {
  description: string;
  /** JSON body schema; omit for an empty body. */
  schema?: z.ZodType;
  /**
   * A non-JSON body (`text/event-stream`, `image/svg+xml`…); documented, not checked. With `schema` too, the
   * route answers either form (e.g. by the request's Accept): a JSON body is checked against `schema`.
   */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteDoc<B extends z.ZodType | undefined, Q extends z.ZodObject | undefined> {
  tag: Tag;
  summary: string;
  description?: string;
  security: Security;
  /** The JSON request body; validated before the handler runs (415 for another content type, 400 for bad JSON or a bad field). */
  body?: B;
  /** The body may be left out entirely (no Content-Type, no length) and then reads as `{}`. */
  bodyOptional?: boolean;
  /**
   * A JSON body the handler reads itself (the webhook must check the signature over the raw bytes first):
   * documented, not validated by route().
   */
  bodyDocumented?: z.ZodType;
  /** Query parameters; validated before the handler runs (400 `validation_failed`). */
  query?: Q;
  /** Request headers the route reads, by name → description. */
  requestHeaders?: Record<string, string>;
  /** Successful (and other non-error) responses: a schema for a JSON body, or a full ResponseDoc. */
  responses: Record<number, z.ZodType | ResponseDoc>;
  /** Error statuses this route answers with the error envelope, beyond the automatic ones (see automaticErrors). */
  errors?: readonly number[];
  /**
   * A `session` route that also takes a personal API key holding this scope (`X-API-Key`; the
   * route mounts http/api-key.ts's requireSessionOrKey with the same scope).
   */
  apiKeyScope?: ApiKeyScope;
}

type Input<B, Q> = (B extends z.ZodType ? { json: z.input<B> } : object) & (Q extends z.ZodObject ? { query: Record<string, string | string[]> } : object);
type Output<B, Q> = (B extends z.ZodType ? { json: z.output<B> } : object) & (Q extends z.ZodObject ? { query: z.output<Q> } : object);

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request: malformed JSON, a missing or invalid field or parameter (the message names it).',
  401: 'Not signed in, or the session is invalid or expired.',
  403: 'Signed in, but not allowed.',
  404: 'No such resource for this user (another user’s is indistinguishable from a missing one).',
  409: 'Conflicts with the current state.',
  426: 'This URL must be opened as a WebSocket (Upgrade: websocket).',
  413: 'The body is too large.',
  415: 'The body is not JSON (send Content-Type: application/json).',
  429: 'Too many requests; see Retry-After.',
  500: 'Internal error (logged with the request id).',
  501: 'Not configured on this server.',
  502: 'An upstream service (GitHub, Anthropic, Gemini) failed.',
  503: 'A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After).',
  504: 'An upstream service did not answer in time.',
};

/** Errors every route of a kind can answer, so no route has to list them (any route may meet a database outage: 503). */
function automaticErrors(doc: RouteDoc<z.ZodType | undefined, z.ZodObject | undefined>): number[] {
  const out = [500, 503];
  // Every route but the probes and metrics is rate-limited (http/rate-limit.ts).
  if (doc.tag !== 'health') out.push(429);
  if (doc.security === 'session') out.push(401);
  // A key without the route's scope.
  if (doc.apiKeyScope) out.push(403);
  if (doc.body) out.push(400, 413, 415);
  if (doc.query) out.push(400);
  return out;
}

/** A parameter's JSON Schema as it is sent (strings coerced by the schema), without the document-level `$schema` key. */
function parameterSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function isSchema(v: z.ZodType | ResponseDoc): v is z.ZodType {
  return v instanceof z.ZodType;
}

export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodObject | undefined = undefined>(
  doc: RouteDoc<B, Q>,
): MiddlewareHandler<AppEnv, string, { in: Input<B, Q>; out: Output<B, Q> }> {
  // A status the route documents itself (readiness's 503 carries its own body) is not overridden by the envelope.
  const errors = [...new Set([...automaticErrors(doc), ...(doc.errors ?? [])])].filter((s) => !(s in doc.responses)).sort();
  const documented = new Map<number, Documented>();
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(doc.responses)) {
    const d: ResponseDoc = isSchema(r) ? { description: 'OK', schema: r } : r;
    documented.set(Number(status), { schema: d.schema ?? null, otherType: d.contentType ?? null });
    const content = {
      ...(d.contentType && { [d.contentType]: { schema: { type: 'string' } } }),
      ...(d.schema && { 'application/json': { schema: resolver(d.schema) } }),
    };
    responses[status] = {
      description: d.description,
      ...(d.headers && { headers: Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k, { description: v, schema: { type: 'string' } }])) }),
      ...(Object.keys(content).length > 0 && { content }),
    };
  }
  for (const status of errors) {
    documented.set(status, { schema: ErrorSchema, otherType: null });
    responses[status] = { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/json': { schema: resolver(ErrorSchema) } } };
  }

  const parameters = [
    ...Object.entries(doc.query?.shape ?? {}).map(([name, schema]) => ({
      in: 'query',
      name,
      required: !(schema as z.ZodType).safeParse(undefined).success,
      ...((schema as z.ZodType).description && { description: (schema as z.ZodType).description }),
      schema: parameterSchema(schema as z.ZodType),
    })),
    ...Object.entries(doc.requestHeaders ?? {}).map(([name, description]) => ({ in: 'header', name, description, schema: { type: 'string' } })),
  ];

  const described = describeRoute({
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description && { description: doc.description }),
    security: doc.security === 'session' ? [{ session: [] }, ...(doc.apiKeyScope ? [{ apiKey: [doc.apiKeyScope] }] : [])] : doc.security === 'webhook' ? [{ githubSignature: [] }] : [],
    ...(parameters.length > 0 && { parameters }),
    ...((doc.body ?? doc.bodyDocumented) && {
      requestBody: { required: !doc.bodyOptional, content: { 'application/json': { schema: resolver((doc.body ?? doc.bodyDocumented)!) } } },
    }),
    responses,
  } as Parameters<typeof describeRoute>[0]);

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (doc.body) {
      const body = doc.bodyOptional ? await optionalJsonBody(c, doc.body) : await jsonBody(c, doc.body);
      c.req.addValidatedData('json', body as object);
    }
    if (doc.query) {
      const query = c.req.query();
      assertStorable(query);
      const r = doc.query.safeParse(query);
      if (!r.success) {
        const issue = r.error.issues[0];
        throw new AppError(400, 'validation_failed', `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`);
      }
      c.req.addValidatedData('query', r.data as object);
    }
    await next();
    if (c.get('checkResponses')) await checkResponse(c, documented, `${c.req.method} ${c.req.routePath}`);
  };
  return Object.assign(middleware, described) as never;
}

/** What a status may carry: a JSON body checked against `schema`, and/or a body of `otherType` (not checked). */
interface Documented {
  schema: z.ZodType | null;
  otherType: string | null;
}

async function checkResponse(c: Parameters<MiddlewareHandler<AppEnv>>[0], documented: Map<number, Documented>, op: string): Promise<void> {
  const status = c.res.status;
  let problem: string | null = null;
  const doc = documented.get(status);
  if (!doc) problem = `status ${status} is not documented`;
  else {
    const { schema, otherType } = doc;
    const type = c.res.headers.get('content-type') ?? '';
    if (otherType && type.startsWith(otherType)) return;
    if (schema && type.includes('application/json')) {
      const body: unknown = await c.res.clone().json();
      const r = schema.safeParse(body);
      if (!r.success) problem = `body of ${status} does not match its schema: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`;
    } else if (schema && status !== 304) problem = `status ${status} should be JSON, got "${type}"`;
  }
  if (!problem) return;
  c.get('log').error({ op, problem }, 'response does not match the documented contract');
  c.res = c.json({ error: { code: 'contract_violation', message: `${op}: ${problem}` } }, 500);
}

/** The OpenAPI 3.1 document of `app`: every operation described with route(), plus the live channel's message shapes. */
export function openApiDocument(app: Hono<AppEnv>, extra: { version: string; schemas?: Record<string, z.ZodType> }) {
  // One registry, so schemas shared between the extra schemas become components referenced by $ref, as the routes' do.
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(extra.schemas ?? {})) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { target: 'draft-2020-12', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }).schemas;
  // Components are not documents of their own: no $schema, no $id.
  const schemas = Object.fromEntries(Object.entries(generated).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]));
  return generateSpecs(app, {
    excludeStaticFile: false,
    documentation: {
      info: {
        title: 'Tamagitto API',
        version: extra.version,
        description:
          'The API behind the Tamagitto extension. All routes are under /api; JSON in and out; every failure is `{ "error": { "code", "message" } }`.\n\n' +
          'Sign in with `POST /api/auth/pat` (or the OAuth exchange) and send the returned session token as `Authorization: Bearer <token>`.\n\n' +
          'Live updates: `POST /api/ws/ticket` returns a single-use ticket valid for 30 s; open `GET /api/ws?ticket=<ticket>` as a WebSocket. ' +
          'The server pushes `ServerMessage` JSON frames (see components.schemas.ServerMessage); the client may send `{"type":"ping"}`.',
      },
      servers: [{ url: '/', description: 'The server that serves this document' }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The session token from POST /api/auth/pat or /api/auth/github/exchange (valid 24 h).' },
          githubSignature: { type: 'apiKey', in: 'header', name: 'X-Hub-Signature-256', description: "GitHub's HMAC-SHA256 of the raw body with the webhook secret." },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A personal API key (POST /api/keys), accepted only by operations that list it, with the scope they name.' },
        },
        schemas: schemas as never,
      },
    },
  });
}
