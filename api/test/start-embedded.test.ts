/**
 * `npm start` as a newcomer runs it: no env, no keys. It migrates, serves,
 * keeps its data under DATA_DIR across restarts, and exits cleanly on SIGTERM.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded } from './support/embedded-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tamagitto-start-'));

async function run(fn: (url: string) => Promise<void>, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const p = await startEmbedded({ DATA_DIR: dataDir, ...env });
  await fn(p.url);
  p.kill('SIGTERM');
  const { code } = await p.exited;
  return { code, output: p.output() };
}

describe('npm start (embedded)', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with no configuration, answers ready, and shuts down cleanly; a restart keeps its secrets and data', async () => {
    const first = await run(async (url) => {
      const ready = await fetch(`${url}/api/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', checks: { db: 'ok', bus: 'ok' } });
    });
    expect(first.code).toBe(0);
    expect(first.output).toContain('migrations applied');
    expect(first.output).toContain('shutting down');
    const secrets = readFileSync(join(dataDir, 'secrets.json'), 'utf8');

    const second = await run(
      async (url) => {
        expect((await fetch(`${url}/api/health/live`)).status).toBe(200);
        // One process, one scrape: the worker's gauges sit next to the api's.
        const metrics = await fetch(`${url}/api/metrics`, { headers: { authorization: 'Bearer embedded-metrics-token' } });
        expect(metrics.status).toBe(200);
        const text = await metrics.text();
        expect(text).toMatch(/^tamagitto_worker_queue_depth\{bus="memory"\} 0$/m);
        expect(text).toMatch(/^tamagitto_worker_oldest_pending_seconds\{state="queued"\} 0$/m);
        expect(text).toContain('tamagitto_http_request_duration_seconds');
      },
      { METRICS_TOKEN: 'embedded-metrics-token' },
    );
    expect(second.code).toBe(0);
    expect(second.output).not.toContain('migrations applied'); // already up to date
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toBe(secrets);
    // No secret ever reaches the output.
    for (const v of Object.values(JSON.parse(secrets) as Record<string, string>)) expect(first.output + second.output).not.toContain(v);
  }, 180_000);
});
