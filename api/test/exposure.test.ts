/**
 * What the api exposes (issue 15): metrics only with METRICS_TOKEN (404 when
 * unconfigured, 401 with a wrong token), and CORS for extensions pinned by
 * EXTENSION_IDS when it is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { readEnv } from '../src/env.ts';
import { startStack, stackTargets, type Stack } from './support/index.ts';

const [embedded] = stackTargets();
const OURS = 'abcdefghijklmnopabcdefghijklmnop';
const OTHER = 'ponmlkjihgfedcbaponmlkjihgfedcba';
const TOKEN = 'metrics-token-0123456789abcdef';

describe('exposure', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack(embedded!, { worker: false });
  });
  afterAll(async () => s?.close());

  /** The same dependencies with another configuration, served in-process. */
  const appWith = (env: Record<string, string>) => createApp({ ...s.api.deps, env: readEnv({ GITHUB_API_URL: s.github.url, ...env }) }, { checkResponses: true });

  it('GET /api/metrics is 404 while METRICS_TOKEN is not configured', async () => {
    const r = await fetch(`${s.url}/api/metrics`);
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('GET /api/metrics needs the bearer token (401 without it or with a wrong one), then serves Prometheus text', async () => {
    const app = appWith({ METRICS_TOKEN: TOKEN });
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, 'Bearer ']) {
      const r = await app.request('/api/metrics', { headers: authorization ? { authorization } : {} });
      expect(r.status, String(authorization)).toBe(401);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    const ok = await app.request('/api/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('tamagitto_http_request_duration_seconds');
  });

  it('CORS: with EXTENSION_IDS only those extensions (and CORS_ORIGINS) pass; without it any extension does', async () => {
    const allowOrigin = async (app: ReturnType<typeof appWith>, origin: string) =>
      (await app.request('/api/health/live', { headers: { origin } })).headers.get('access-control-allow-origin');
    const pinned = appWith({ EXTENSION_IDS: ` ${OURS} `, CORS_ORIGINS: 'https://tamagitto.example' });
    expect(await allowOrigin(pinned, `chrome-extension://${OURS}`)).toBe(`chrome-extension://${OURS}`);
    expect(await allowOrigin(pinned, `chrome-extension://${OTHER}`)).toBeNull();
    expect(await allowOrigin(pinned, 'https://tamagitto.example')).toBe('https://tamagitto.example');
    expect(await allowOrigin(pinned, 'https://evil.example')).toBeNull();
    // A preflight from another extension gets no allowance either.
    const preflight = await pinned.request('/api/pets', { method: 'OPTIONS', headers: { origin: `chrome-extension://${OTHER}`, 'access-control-request-method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();

    const open = appWith({});
    expect(await allowOrigin(open, `chrome-extension://${OTHER}`)).toBe(`chrome-extension://${OTHER}`);
    // What the API's own routes use passes a preflight: PATCH (rename, thresholds), an API key, an SSE resume.
    const patch = await pinned.request('/api/pets/x', {
      method: 'OPTIONS',
      headers: { origin: 'https://tamagitto.example', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'x-api-key, last-event-id, content-type' },
    });
    expect(patch.status).toBeLessThan(300);
    expect(patch.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(patch.headers.get('access-control-allow-headers')?.toLowerCase().split(',').map((h) => h.trim())).toEqual(expect.arrayContaining(['x-api-key', 'last-event-id', 'content-type']));
    expect(await allowOrigin(open, 'https://evil.example')).toBeNull();
  });

  it('warns at start-up when a production api (DATABASE_URL) lets every extension through', () => {
    const warnings: string[] = [];
    const log = Object.assign(Object.create(s.api.deps.log) as typeof s.api.deps.log, { warn: (msg: unknown) => void warnings.push(String(msg)) });
    createApp({ ...s.api.deps, log, env: readEnv({ DATABASE_URL: 'postgres://u@h/db' }) });
    expect(warnings.join('\n')).toMatch(/EXTENSION_IDS is not set/);
    warnings.length = 0;
    createApp({ ...s.api.deps, log, env: readEnv({ DATABASE_URL: 'postgres://u@h/db', EXTENSION_IDS: OURS }) });
    expect(warnings).toEqual([]);
  });
});
