/**
 * The API's description is its contract: the document validates, covers every
 * route the app registers, documents errors with the envelope, is served with
 * a reference page that needs no CDN, and the types generated from it into
 * @tamagitto/domain are current. (That every tested response matches its
 * documented schema is checked by the test stack itself: see checkResponses
 * in api/src/http/openapi.ts.)
 */
import { readFile } from 'node:fs/promises';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { GENERATED_TYPES_PATH, generateApiTypes } from '../src/docs/generate-types.ts';
import { stackTargets, startStack, type Stack } from './support/index.ts';

type Operation = { summary?: string; tags?: string[]; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };

const [embedded] = stackTargets();

describe('the OpenAPI document', () => {
  let s: Stack;
  let doc: Document;
  let raw: string;

  beforeAll(async () => {
    s = await startStack(embedded!);
    const res = await fetch(`${s.api.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    raw = await res.text();
    doc = JSON.parse(raw) as Document;
  });
  afterAll(async () => s?.close());

  const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

  it('is valid OpenAPI 3.1 (Redocly, recommended rules: no errors)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const config = await createConfig({ extends: ['recommended'], rules: { 'info-license': 'off', 'operation-4xx-response': 'off' } });
    const problems = await lintFromString({ source: raw, absoluteRef: 'openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it('describes every route the app registers, by method and path', () => {
    const app = createApp(s.api.deps);
    const registered = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.endsWith('*'))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
    expect([...registered].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((d) => !registered.has(d))).toEqual([]);
    expect(registered.size).toBeGreaterThan(40);
  });

  it('gives every operation a summary and a tag, and every error the envelope', () => {
    for (const { path, method, op } of operations()) {
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(op.tags?.length, `${method} ${path}`).toBe(1);
      for (const [status, r] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        // Readiness answers 503 with its own report (which check failed), the one documented exception.
        if (path === '/api/health/ready' && status === '503') continue;
        expect(r.content?.['application/json']?.schema?.$ref, `${method} ${path} ${status}`).toBe('#/components/schemas/Error');
      }
    }
  });

  it('names the auth schemes and asks for a session wherever the route does', async () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'githubSignature', 'session']);
    // A personal API key only where the route names its scope (issue 16).
    expect(doc.paths['/api/checks']?.post?.security).toEqual([{ session: [] }, { apiKey: ['checks:write'] }]);
    expect(doc.paths['/api/keys']?.post?.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/pets']?.get?.security).toEqual([{ session: [] }, { apiKey: ['pets:read'] }]);
    expect(doc.paths['/api/pets/{id}']?.get?.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/health/live']?.get?.security).toEqual([]);
    expect(doc.paths['/api/webhook/github']?.post?.security).toEqual([{ githubSignature: [] }]);
    // The route really asks: without a token the documented 401 comes back.
    expect((await fetch(`${s.api.url}/api/pets`)).status).toBe(401);
  });

  it('describes the live channel: the ticket route, the socket route and the messages it pushes', () => {
    expect(doc.paths['/api/ws/ticket']?.post).toBeDefined();
    expect(doc.paths['/api/ws']?.get).toBeDefined();
    expect(doc.components.schemas.ServerMessage).toBeDefined();
  });

  it('serves a rendered reference from bundled assets, no CDN', async () => {
    const page = await fetch(`${s.api.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${s.api.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect((await fetch(`${s.api.url}/api/docs/assets/package.json`)).status).toBe(404);
  });

  it('matches the types generated into @tamagitto/domain (run `npm run openapi -w api` after changing a route)', async () => {
    const current = await readFile(GENERATED_TYPES_PATH, 'utf8');
    expect(current).toBe(await generateApiTypes(doc));
  });
});
