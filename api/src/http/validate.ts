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

/**
 * The path of the first string (or key) in `value` that PostgreSQL cannot store, or null.
 * @example unstorableText({ blocks: [{ label: 'a\u0000' }] }) // 'blocks.0.label'
 */
export function unstorableText(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path.join('.') || 'body' : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = unstorableText(v, [...path, String(i)]);
      if (bad !== null) return bad;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (UNSTORABLE.test(k)) return [...path, '(a key)'].join('.');
      const bad = unstorableText(v, [...path, k]);
      if (bad !== null) return bad;
    }
  }
  return null;
}

/** Refuses text PostgreSQL cannot store, naming where it is: one check for every body and query. */
export function assertStorable(value: unknown): void {
  const bad = unstorableText(value);
  if (bad !== null) throw new AppError(400, 'validation_failed', `${bad}: a NUL character or a lone surrogate cannot be stored`);
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
