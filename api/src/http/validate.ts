import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * A count in the query (`?limit=`, `?days=`): an integer within 1…max, `def` when left out;
 * anything else is a 400 naming the range.
 * @example z.object({ limit: countParam(50, 200, 'How many of the latest entries (default 50).') })
 */
export function countParam(def: number, max: number, description = `How many, 1–${max} (default ${def}).`) {
  const error = `an integer 1–${max}`;
  return z.coerce.number({ error }).int({ error }).min(1, { error }).max(max, { error }).default(def).describe(description);
}

/** The largest JSON body any route but the webhook accepts (413 `payload_too_large` beyond). */
export const MAX_JSON_BYTES = 64 * 1024;

/** A NUL character or a lone surrogate: text PostgreSQL cannot store (it fails as a 500 deep in a query). */
// eslint-disable-next-line no-control-regex -- the NUL character is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** How deeply a JSON body may nest: no route's schema goes past a few levels; beyond this it is refused unread. */
export const MAX_JSON_DEPTH = 64;

/** Where a walked value sits: a linked list up to the root, so a deep walk never copies paths. */
interface Place {
  value: unknown;
  name: string | null;
  parent: Place | null;
  depth: number;
  /** Check this key's text instead of walking the value. */
  key?: string;
}

function pathOf(p: Place | null, leaf?: string): string {
  const names: string[] = leaf === undefined ? [] : [leaf];
  for (let at = p; at; at = at.parent) if (at.name !== null) names.push(at.name);
  return names.reverse().join('.') || 'body';
}

/**
 * The first thing in a parsed body or query that must be refused before a handler sees it: text PostgreSQL
 * cannot store (a NUL, a lone surrogate), or nesting deeper than MAX_JSON_DEPTH. Walked with a stack of its
 * own, not by recursion, so no input can exhaust the call stack (`[[[[…` 30,000 deep fits in 64 KB).
 */
function firstRefusal(value: unknown): { path: string; why: 'unstorable' | 'too_deep' } | null {
  const todo: Place[] = [{ value, name: null, parent: null, depth: 0 }];
  while (todo.length > 0) {
    const p = todo.pop()!;
    if (p.key !== undefined) {
      if (UNSTORABLE.test(p.key)) return { path: pathOf(p.parent, '(a key)'), why: 'unstorable' };
      continue;
    }
    const v = p.value;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return { path: pathOf(p), why: 'unstorable' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (p.depth >= MAX_JSON_DEPTH) return { path: 'body', why: 'too_deep' };
    // Pushed last-first, so entries are checked in order (a key before its value).
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i]!;
      todo.push({ value: x, name: k, parent: p, depth: p.depth + 1 });
      if (!Array.isArray(v)) todo.push({ value: undefined, name: null, parent: p, depth: p.depth + 1, key: k });
    }
  }
  return null;
}

/**
 * The path of the first string (or key) in `value` that PostgreSQL cannot store, or null.
 * @example unstorableText({ blocks: [{ label: 'a\u0000' }] }) // 'blocks.0.label'
 */
export function unstorableText(value: unknown): string | null {
  const r = firstRefusal(value);
  return r?.why === 'unstorable' ? r.path : null;
}

/** Refuses text PostgreSQL cannot store and JSON nested too deep, naming where: one check for every body and query. */
export function assertStorable(value: unknown): void {
  const r = firstRefusal(value);
  if (r?.why === 'unstorable') throw new AppError(400, 'validation_failed', `${r.path}: a NUL character or a lone surrogate cannot be stored`);
  if (r?.why === 'too_deep') throw new AppError(400, 'validation_failed', `${r.path}: nested deeper than ${MAX_JSON_DEPTH} levels`);
}

/** A uuid row id in a path or cursor: anything else is answered 404/400 without a query. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses a JSON body against a zod schema; any problem is a 400 that names the field. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().includes('application/json')) throw new AppError(415, 'unsupported_media_type', 'send JSON with Content-Type: application/json');
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError(400, 'bad_request', 'body is not valid JSON');
  }
  assertStorable(raw);
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw new AppError(400, 'validation_failed', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}

/** For routes whose body is optional: none at all (no Content-Type, no length) reads as `{}`; anything else must be valid. */
export async function optionalJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const len = c.req.header('content-length');
  if (!c.req.header('content-type') && (len === undefined || len === '0')) return schema.parse({}) as z.infer<S>;
  return jsonBody(c, schema);
}
