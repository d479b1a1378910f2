/**
 * The operations of the live OpenAPI document (`GET /api/openapi.json`), as the
 * fuzz suite needs them: method, path template, parameters, the JSON body's
 * schema with every `$ref` resolved, and who may call (api/src/http/openapi.ts
 * writes the document; this only reads it).
 */

/** A JSON Schema as the document writes it (draft 2020-12, the subset zod emits). */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  [k: string]: unknown;
};

export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** e.g. `POST /api/pets/{id}/revive` */
  key: string;
  method: string;
  /** The template, e.g. `/api/pets/{id}`. */
  path: string;
  security: 'session' | 'webhook' | 'public';
  params: Parameter[];
  /** The JSON request body's schema, refs resolved; null without a body. */
  body: JsonSchema | null;
  bodyRequired: boolean;
  /** The statuses the document lists for this operation. */
  statuses: number[];
}

interface RawOperation {
  security?: Record<string, unknown>[];
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** `schema` with every `$ref` to components.schemas replaced by its target (the request schemas are not recursive). */
export function resolveRefs(schema: JsonSchema, doc: OpenApiDocument, depth = 0): JsonSchema {
  if (depth > 20) throw new Error('resolveRefs: the schema nests deeper than 20 (recursive?)');
  if (schema.$ref) {
    const id = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[id];
    if (!target) throw new Error(`resolveRefs: no component ${id}`);
    const { $ref: _r, ...rest } = schema;
    return resolveRefs({ ...target, ...rest }, doc, depth + 1);
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolveRefs(v, doc, depth + 1)]));
  if (schema.items) out.items = resolveRefs(schema.items, doc, depth + 1);
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = resolveRefs(schema.additionalProperties, doc, depth + 1);
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) if (schema[k]) out[k] = schema[k].map((s) => resolveRefs(s, doc, depth + 1));
  return out;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const sec = op.security?.flatMap((s) => Object.keys(s)) ?? [];
      const json = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        security: sec.includes('session') ? 'session' : sec.includes('githubSignature') ? 'webhook' : 'public',
        params: (op.parameters ?? [])
          .filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header')
          .map((p) => ({ in: p.in as Parameter['in'], name: p.name, required: p.required ?? false, schema: resolveRefs(p.schema ?? {}, doc) })),
        body: json ? resolveRefs(json, doc) : null,
        bodyRequired: op.requestBody?.required ?? false,
        statuses: Object.keys(op.responses).map(Number),
      });
    }
  }
  return out;
}
