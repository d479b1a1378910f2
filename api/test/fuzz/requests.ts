/**
 * One generated request, per operation of the OpenAPI document: valid-ish
 * (from the schemas) or broken (wrong types, hostile text, missing and extra
 * fields, invalid JSON, deep nesting, an oversize body, a wrong Content-Type,
 * bad path ids, bad or someone else's credentials; for the webhook, bad
 * signatures and headers and signed bodies of the wrong shape).
 *
 * A `FuzzRequest` is plain data (printable, and what fast-check shrinks);
 * `materialize` turns it into a real request against a running World, where the
 * references (`@@ref:bob.pet@@`, an auth kind) get their values.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import type { JsonSchema, Operation, Parameter } from './operations.ts';
import { hostileJson, hostileNumber, hostileString, mutated, ref, REF, valid } from './values.ts';

/** Who the request says it is. `bob` is the fuzzing user; alice is the other user, whose ids bob tries; the rest are forged or broken. */
export const AUTH_KINDS = [
  'bob',
  'none',
  'garbage',
  'empty-bearer',
  'basic',
  'expired',
  'alg-none',
  'wrong-key',
  'hs512',
  'wrong-audience',
  'wrong-issuer',
  'tampered',
  'no-exp',
  'ticket',
  'unknown-user',
  'metrics-token',
] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string }
  /** Bytes that are not UTF-8 (hex). */
  | { kind: 'bytes'; hex: string }
  /** `open` repeated `depth` times, then the matching closers: JSON nested deeper than any parser should recurse. */
  | { kind: 'deep'; open: '[' | '{"a":'; depth: number }
  /** A JSON object with one string of `bytes` bytes: over the 64 KB limit (or the webhook's 25 MB when asked). */
  | { kind: 'big'; bytes: number };

export interface FuzzRequest {
  op: string;
  method: string;
  /** The path with its parameters in place (references still symbolic, values percent-encoded or deliberately malformed). */
  path: string;
  /** Raw query string without `?` (may be deliberately malformed). */
  query: string;
  headers: Record<string, string>;
  auth: AuthKind;
  body: Body;
  /** null: no Content-Type header at all. */
  contentType: string | null;
  /** For the webhook: how X-Hub-Signature-256 is made. */
  signature?: 'valid' | 'none' | 'wrong-key' | 'garbage' | 'other-body' | 'sha1' | 'upper';
  /**
   * `app` is Hono in-process; `socket` goes through the real http server (the webhook's raw fast path and
   * @hono/node-server); `upgrade` is a raw WebSocket upgrade (the hub checks the ticket before Hono sees it).
   */
  transport: 'app' | 'socket' | 'upgrade';
}

const UUIDISH = [
  'not-a-uuid',
  '1',
  '0',
  '-1',
  '00000000-0000-0000-0000-000000000000',
  '00000000-0000-0000-0000-00000000000g',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123e4567-e89b-12d3-a456-4266141740000',
  '{00000000-0000-0000-0000-000000000000}',
  'null',
  'undefined',
];
/** Encodings a path segment can arrive in that decode badly or to something dangerous. */
const RAW_SEGMENTS = ['%', '%ZZ', '%00', 'a%00b', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%F0%9F%90', '..', '.', '%2e%2e', '..%2F..%2Fpackage.json', '%2F', 'a%2Fb', '%20', '%FF%FE', 'a'.repeat(3_000)];

const ID_REFS = ['bob.pet', 'alice.pet', 'bob.session', 'alice.session', 'bob.analysis', 'alice.analysis', 'bob.pet.upper', 'alice.deadPet'];

function pathSegment(param: Parameter): fc.Arbitrary<string> {
  const encoded = (a: fc.Arbitrary<string>) => a.map((s) => encodeURIComponent(toWellFormed(s)));
  const hostile = fc.oneof(fc.constantFrom(...RAW_SEGMENTS), encoded(hostileString.filter((s) => s.length > 0)));
  let realistic: fc.Arbitrary<string>;
  switch (param.name) {
    case 'id':
      realistic = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ID_REFS.map(ref)) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 2, arbitrary: fc.constantFrom(...UUIDISH) });
      break;
    case 'owner':
      realistic = fc.constantFrom(ref('bob.login'), ref('alice.login'), 'OCTOCAT', 'nobody');
      break;
    case 'name':
      realistic = fc.constantFrom(ref('bob.repoName'), ref('alice.repoName'), 'private-one', 'does-not-exist');
      break;
    case 'file':
      realistic = fc.constantFrom('swagger-ui.css', 'swagger-ui-bundle.js', 'index.css', 'favicon-32x32.png', 'package.json', '.env');
      break;
    default:
      realistic = fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent);
  }
  return fc.oneof({ weight: 3, arbitrary: realistic }, { weight: 2, arbitrary: hostile });
}

/** A URL can only carry well-formed text: a lone surrogate is sent as the bytes it would be (CESU-8), which a server must survive. */
function toWellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function queryValue(param: Parameter): fc.Arbitrary<string> {
  const validOne = valid(param.schema, param.name).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? ''));
  return fc.oneof(
    { weight: 3, arbitrary: validOne },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: hostileNumber.map(String) },
    { weight: 1, arbitrary: fc.constantFrom('', 'NaN', 'Infinity', '1e999', '-0', '0x10', '1.0', ' 5', '5 ', '+5', '1_000', '２') },
  );
}

const enc = (s: string) => encodeURIComponent(toWellFormed(s));

function queryString(params: Parameter[]): fc.Arbitrary<string> {
  const query = params.filter((p) => p.in === 'query');
  const parts = query.map((p) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant<string[]>([]) },
      { weight: 4, arbitrary: queryValue(p).map((v) => [`${p.name}=${enc(v)}`]) },
      // the same parameter twice, as an array would be sent
      { weight: 1, arbitrary: fc.tuple(queryValue(p), queryValue(p)).map(([a, b]) => [`${p.name}=${enc(a)}`, `${p.name}=${enc(b)}`]) },
      // a value with a NUL or a lone surrogate percent-encoded, or malformed percent-encoding
      { weight: 1, arbitrary: fc.constantFrom('%00', 'a%00', '%ED%A0%80', '%ZZ', '%E0%A4%A', '%') .map((raw) => [`${p.name}=${raw}`]) },
    ),
  );
  const extra = fc.oneof(
    { weight: 4, arbitrary: fc.constant<string[]>([]) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('limit', 'userId', 'user_id', '__proto__', 'constructor', 'x'), hostileString).map(([k, v]) => [`${k}=${enc(v)}`]) },
    { weight: 1, arbitrary: fc.constantFrom(['&&&'], ['='], ['%ZZ=%ZZ'], ['a[b]=c'], ['a'.repeat(2_000)]) },
  );
  return fc.tuple(fc.tuple(...parts), extra).map(([ps, ex]) => [...ps.flat(), ...ex].join('&'));
}

/** A header value that fetch can send (ISO-8859-1, no CR/LF/NUL): hostile, but transportable. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e\x80-\xff]/g, '?').slice(0, 4_000);

function body(op: Operation): fc.Arbitrary<Body> {
  const schema: JsonSchema = op.body ?? {};
  const json = (a: fc.Arbitrary<unknown>): fc.Arbitrary<Body> => a.map((value) => ({ kind: 'json' as const, value }));
  const broken: fc.Arbitrary<Body> = fc.oneof(
    fc.constantFrom<Body>(
      { kind: 'raw', text: '' },
      { kind: 'raw', text: '{' },
      { kind: 'raw', text: '{"a":1' },
      { kind: 'raw', text: '[1,2' },
      { kind: 'raw', text: 'nul' },
      { kind: 'raw', text: 'undefined' },
      { kind: 'raw', text: '{"a":NaN}' },
      { kind: 'raw', text: '{"message":1e999,"label":1e999,"answer":1e999}' },
      { kind: 'raw', text: '{"a":1}garbage' },
      { kind: 'raw', text: '\ufeff{}' },
      { kind: 'raw', text: "{'a':1}" },
      { kind: 'raw', text: '{"message":"a\u0000b"}' },
      { kind: 'raw', text: '{"message":"\\u0000","label":"\\ud800","token":"\\udc00\\u0000"}' },
      { kind: 'raw', text: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}' },
      { kind: 'raw', text: '{"repo":"a/b","repo":"c/d","message":"x","message":"y"}' },
      { kind: 'raw', text: '{"message":"' + '\\u0041'.repeat(2_000) + '"}' },
      { kind: 'bytes', hex: '7b226d657373616765223a22fffe227d' },
      { kind: 'bytes', hex: '7b226c6162656c223a22eda080227d' },
      { kind: 'bytes', hex: 'fffe7b007d00' },
    ),
    fc.record({ kind: fc.constant('deep' as const), open: fc.constantFrom('[' as const, '{"a":' as const), depth: fc.constantFrom(100, 1_000, 5_000, 12_000) }),
    fc.record({ kind: fc.constant('big' as const), bytes: fc.constantFrom(64 * 1024 - 200, 64 * 1024 + 1, 200 * 1024) }),
  );
  const hasBody = op.body !== null;
  return fc.oneof(
    { weight: hasBody ? 4 : 1, arbitrary: json(valid(schema)) },
    { weight: hasBody ? 4 : 1, arbitrary: json(mutated(schema)) },
    { weight: 1, arbitrary: json(hostileJson) },
    { weight: hasBody ? 2 : 1, arbitrary: broken },
    { weight: hasBody ? 1 : 4, arbitrary: fc.constant<Body>({ kind: 'none' }) },
  );
}

const CONTENT_TYPES = [
  'text/plain',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json-patch+json',
  'application/jsonx',
  'application/json; charset=utf-16',
  ';;;',
  '',
];

function contentType(b: Body): fc.Arbitrary<string | null> {
  const usual = b.kind === 'none' ? null : 'application/json';
  return fc.oneof({ weight: 6, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) });
}

function auth(op: Operation): fc.Arbitrary<AuthKind> {
  const rest = AUTH_KINDS.filter((a) => a !== 'bob');
  return fc.oneof({ weight: op.security === 'session' ? 6 : 1, arbitrary: fc.constant<AuthKind>('bob') }, { weight: 4, arbitrary: fc.constantFrom(...rest) });
}

function extraHeaders(op: Operation): fc.Arbitrary<Record<string, string>> {
  // Authorization is the auth kind's; the webhook's headers are webhookRequestFor's.
  const documented = op.params.filter((p) => p.in === 'header' && !/^(x-github-|x-hub-signature|authorization$)/i.test(p.name));
  const entries = documented.map((p) =>
    fc.option(
      fc.oneof(
        p.name.toLowerCase() === 'x-anthropic-key' ? fc.constantFrom('sk-ant-api03-fuzz', 'sk-ant-fuzzkey-0000000000000000000000') : fc.constantFrom('W/"abc"', '*', '"x"'),
        hostileString.map(headerSafe),
      ),
      { nil: undefined },
    ).map((v) => (v === undefined ? null : ([p.name, v] as const))),
  );
  const common = fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(['accept', 'text/event-stream'] as const, ['accept', '*/*'] as const, ['accept', 'image/png'] as const) },
    { weight: 1, arbitrary: fc.constantFrom(['origin', 'chrome-extension://abcdefghijklmnop'] as const, ['origin', 'https://evil.example'] as const, ['origin', 'null'] as const) },
    { weight: 1, arbitrary: hostileString.map((v) => ['x-request-id', headerSafe(v)] as const) },
    { weight: 1, arbitrary: hostileString.map((v) => ['x-forwarded-for', headerSafe(v)] as const) },
  );
  return fc.tuple(fc.tuple(...entries), common).map(([es, c]) => Object.fromEntries([...es, c].filter((e): e is readonly [string, string] => e !== null)));
}

function fillPath(op: Operation): fc.Arbitrary<string> {
  const params = op.params.filter((p) => p.in === 'path');
  return fc.tuple(...params.map(pathSegment)).map((values) => {
    let path = op.path;
    params.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i]!)));
    return path;
  });
}

/** Sometimes another method than the documented one (404 with the envelope, or a CORS preflight). */
const otherMethod = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS');

/** A request to `op` (any but the webhook). */
export function requestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.oneof({ weight: 12, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: otherMethod }),
      path: fillPath(op),
      query: queryString(op.params),
      headers: extraHeaders(op),
      auth: auth(op),
      body: body(op),
      transport: fc.oneof({ weight: 9, arbitrary: fc.constant('app' as const) }, { weight: 1, arbitrary: fc.constant('socket' as const) }),
    })
    .chain((r) => contentType(r.body).map((ct) => ({ op: op.key, ...r, contentType: ct })));
}

/** Request targets node's parser lets through that are not URLs, or not this one. */
const ODD_TARGETS = ['//[', 'http://[', '//%', '*', '/api/ws/', '/API/WS', '/api/ws/../ws', '/api/elsewhere', '/%ZZ', '//api/ws'];

/** WebSocket upgrades to `GET /api/ws`: tickets fresh, used, forged, a session token instead, or odd targets. */
export function upgradeRequestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
  const ticket = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(ref('bob.ticket'), ref('bob.sessionToken'), 'garbage', '', 'a.b.c') },
    { weight: 1, arbitrary: hostileString.map(enc) },
  );
  return fc
    .record({
      path: fc.oneof({ weight: 5, arbitrary: fc.constant(op.path) }, { weight: 2, arbitrary: fc.constantFrom(...ODD_TARGETS) }),
      query: fc.oneof({ weight: 4, arbitrary: ticket.map((t) => `ticket=${t}`) }, { weight: 1, arbitrary: queryString(op.params) }),
      auth: fc.oneof({ weight: 4, arbitrary: fc.constant<AuthKind>('none') }, { weight: 1, arbitrary: fc.constantFrom(...AUTH_KINDS) }),
    })
    .map((r) => ({ op: op.key, method: 'GET', headers: {}, body: { kind: 'none' as const }, contentType: null, transport: 'upgrade' as const, ...r }));
}

/** Bodies for the webhook: GitHub-shaped (a push to bob's repo or to an unknown one), or signed bodies of every wrong shape. */
function webhookBody(op: Operation): fc.Arbitrary<Body> {
  const push = fc.record({
    ref: fc.constantFrom('refs/heads/main', 'refs/tags/v1', ''),
    before: fc.constant('0'.repeat(40)),
    after: fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), hostileString),
    repository: fc.oneof(
      fc.record({ id: fc.constantFrom(ref('bob.repoGithubId'), ref('alice.repoGithubId')).map((s) => s), full_name: fc.constantFrom(ref('bob.repo'), ref('alice.repo')) }),
      fc.record({ id: fc.oneof(hostileNumber, hostileString), full_name: fc.oneof(hostileString, hostileNumber) }),
    ),
    commits: fc.array(fc.record({ id: fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), hostileString), message: hostileString }), { maxLength: 3 }),
    action: fc.option(hostileString, { nil: undefined }),
    deleted: fc.option(fc.boolean(), { nil: undefined }),
  });
  return fc.oneof(
    { weight: 4, arbitrary: push.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 2, arbitrary: mutated(op.body ?? {}).map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: hostileJson.map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { kind: 'raw', text: '' },
        { kind: 'raw', text: '{"zen":' },
        { kind: 'raw', text: 'null' },
        { kind: 'raw', text: '[]' },
        { kind: 'raw', text: '{"repository":{"id":1e999,"full_name":"a/b"},"action":"\\u0000"}' },
        { kind: 'raw', text: '{"repository":{"id":12,"full_name":"a\\u0000b"}}' },
        { kind: 'raw', text: '{"repository":{"id":12,"full_name":"\\ud800"},"action":"\\udfff"}' },
        { kind: 'bytes', hex: '7b22616374696f6e223a22fffe227d' },
        { kind: 'deep', open: '[', depth: 5_000 },
        { kind: 'big', bytes: 70 * 1024 },
      ),
    },
  );
}

/** A request to the webhook: GitHub's headers and signature, each of them missing, malformed or wrong in turn. */
export function webhookRequestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
  const event = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('push', 'ping', 'pull_request', 'issues', 'installation', 'push') },
    { weight: 1, arbitrary: fc.constantFrom('', 'not_an_event', 'push.created', '__proto__', 'constructor', 'PUSH') },
    { weight: 1, arbitrary: hostileString.map(headerSafe) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const delivery = fc.oneof(
    { weight: 4, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('fuzz-repeat-1', 'fuzz-repeat-2') },
    { weight: 1, arbitrary: fc.constantFrom('', 'a b', 'x'.repeat(101), '../x', '%00', 'ok_-1') },
    { weight: 1, arbitrary: hostileString.map(headerSafe) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  return fc
    .record({
      event,
      delivery,
      signature: fc.oneof(
        { weight: 5, arbitrary: fc.constant('valid' as const) },
        { weight: 1, arbitrary: fc.constantFrom('none' as const, 'wrong-key' as const, 'garbage' as const, 'other-body' as const, 'sha1' as const, 'upper' as const) },
      ),
      body: webhookBody(op),
      contentType: fc.oneof({ weight: 8, arbitrary: fc.constant<string | null>('application/json') }, { weight: 1, arbitrary: fc.constantFrom<string | null>(null, 'application/x-www-form-urlencoded', 'text/plain', 'application/json; charset=utf-8') }),
      query: fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('x=1', '%ZZ', 'a=%00') }),
      transport: fc.constantFrom('app' as const, 'socket' as const),
      auth: fc.oneof({ weight: 6, arbitrary: fc.constant<AuthKind>('none') }, { weight: 1, arbitrary: fc.constantFrom(...AUTH_KINDS) }),
    })
    .map((r) => {
      const headers: Record<string, string> = { 'user-agent': 'GitHub-Hookshot/fuzz' };
      if (r.event !== null) headers['x-github-event'] = r.event;
      if (r.delivery !== null) headers['x-github-delivery'] = r.delivery;
      return { op: op.key, method: 'POST', path: op.path, query: r.query, headers, auth: r.auth, body: r.body, contentType: r.contentType, signature: r.signature, transport: r.transport };
    });
}

/** What materialize needs from the running world. */
export interface Resolver {
  /** The value of `@@ref:name@@`. */
  ref(name: string): string;
  /** The Authorization header for an auth kind (null: none). */
  authorization(kind: AuthKind): string | null;
  webhookSecret: string;
}

export interface Materialized {
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string | Uint8Array };
}

function bodyText(b: Body): string | Uint8Array | undefined {
  switch (b.kind) {
    case 'none':
      return undefined;
    case 'json':
      return JSON.stringify(b.value) ?? 'null';
    case 'raw':
      return b.text;
    case 'bytes':
      return Buffer.from(b.hex, 'hex');
    case 'deep':
      return b.open.repeat(b.depth) + '1' + (b.open === '[' ? ']' : '}').repeat(b.depth);
    case 'big':
      return JSON.stringify({ message: 'x'.repeat(b.bytes), label: 'x', token: 'x' });
  }
}

/** The real request: references resolved, the token and (for the webhook) the signature made. */
export function materialize(r: FuzzRequest, world: Resolver): Materialized {
  const fill = (s: string, json: boolean) => s.replace(REF, (_m, name: string) => (json ? JSON.stringify(world.ref(name)).slice(1, -1) : encodeURIComponent(world.ref(name))));
  const path = fill(r.path, false);
  let body = bodyText(r.body);
  // A reference inside a JSON string, or standing for a number (a repository's GitHub id): `"@@ref:x@@"`.
  if (typeof body === 'string') body = body.replace(/"@@ref:(\w+\.repoGithubId)@@"/g, (_m, name: string) => world.ref(name)).replace(REF, (_m, name: string) => JSON.stringify(world.ref(name)).slice(1, -1));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k] = fill(v, false);
  const authorization = world.authorization(r.auth);
  if (authorization !== null) headers.authorization = authorization;
  if (r.contentType !== null) headers['content-type'] = r.contentType;
  if (r.signature && r.signature !== 'none') {
    // GitHub signs the bytes as sent: a string body's UTF-8 encoding.
    const bytes = body === undefined ? Buffer.alloc(0) : typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    const hmac = (secret: string, b: Buffer) => `sha256=${createHmac('sha256', secret).update(b).digest('hex')}`;
    headers['x-hub-signature-256'] = {
      valid: () => hmac(world.webhookSecret, bytes),
      upper: () => hmac(world.webhookSecret, bytes).toUpperCase(),
      'wrong-key': () => hmac('not-the-webhook-secret', bytes),
      'other-body': () => hmac(world.webhookSecret, Buffer.concat([bytes, Buffer.from(' ')])),
      sha1: () => `sha1=${'0'.repeat(40)}`,
      garbage: () => `sha256=${'zz'.repeat(32)}`,
    }[r.signature]();
  }
  // In the query a reference may stand as it is or percent-encoded with its value.
  const query = fill(r.query, false).replace(/%40%40ref%3A([\w.-]+)%40%40/g, (_m, name: string) => encodeURIComponent(world.ref(name)));
  return { url: path + (query ? `?${query}` : ''), init: { method: r.method, headers, ...(body !== undefined && r.method !== 'GET' && r.method !== 'HEAD' && { body }) } };
}

/** Every operation's request arbitrary, the webhook's own. */
export function requestArbitrary(ops: Operation[]): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...ops.map((op) =>
      op.security === 'webhook'
        ? { weight: 6, arbitrary: webhookRequestFor(op) }
        : op.key === 'GET /api/ws'
          ? { weight: 2, arbitrary: fc.oneof(requestFor(op), upgradeRequestFor(op)) }
          : { weight: 1, arbitrary: requestFor(op) },
    ),
  );
}

