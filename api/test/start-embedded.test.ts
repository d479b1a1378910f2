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

async function run(fn: (url: string) => Promise<void>): Promise<{ code: number | null; output: string }> {
  const p = await startEmbedded({ DATA_DIR: dataDir });
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

    const second = await run(async (url) => {
      expect((await fetch(`${url}/api/health/live`)).status).toBe(200);
    });
    expect(second.code).toBe(0);
    expect(second.output).not.toContain('migrations applied'); // already up to date
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toBe(secrets);
    // No secret ever reaches the output.
    for (const v of Object.values(JSON.parse(secrets) as Record<string, string>)) expect(first.output + second.output).not.toContain(v);
  }, 180_000);
});
