/**
 * `npm start` as a newcomer runs it: no env, no keys. It migrates, serves,
 * keeps its data under DATA_DIR across restarts, and exits cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/bin/start-embedded.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'tamagitto-start-'));

async function run(fn: (url: string) => Promise<void>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    // A clean environment: only what a shell would have, plus where to keep data and a free port.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line within 60 s:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      const m = output.match(/Tamagitto is running at (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited early (${code}):\n${output}`)));
  });
  await fn(url);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  return { code: await exited, output };
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
