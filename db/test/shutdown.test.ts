/**
 * Shutdown (issue 14), on a real child process: the first SIGINT starts the
 * drain, later signals are ignored (a second Ctrl+C or a repeated SIGTERM used
 * to kill the process mid-drain), and a drain that does not end is cut off at
 * the deadline — exit 0 either way; unfinished work is left pending.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./fixtures/shutdown-child.ts', import.meta.url));

async function run(mode: 'drain' | 'hang', timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string; ms: number }> {
  const p = spawn(process.execPath, ['--import', 'tsx', child, mode, String(timeoutMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  p.stdout.on('data', (d) => (output += String(d)));
  p.stderr.on('data', (d) => (output += String(d)));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) => p.once('exit', (code, signal) => r([code, signal])));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child not ready:\n${output}`)), 30_000);
    p.stdout.on('data', () => {
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const started = performance.now();
  p.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 300));
  p.kill('SIGINT'); // the impatient second Ctrl+C
  await new Promise((r) => setTimeout(r, 100));
  p.kill('SIGTERM'); // and an orchestrator's stop
  const [code, signal] = await exited;
  return { code, signal, output, ms: performance.now() - started };
}

describe('onShutdown', () => {
  it('a second SIGINT and a SIGTERM during the drain are ignored: the in-flight work finishes, exit 0', async () => {
    const r = await run('drain', 20_000);
    expect(r.signal, r.output).toBeNull();
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('in-flight work finished');
    expect(r.output.match(/already shutting down/g)).toHaveLength(2);
    expect(r.output).not.toContain('deadline');
    expect(r.ms).toBeGreaterThanOrEqual(1_400);
  }, 60_000);

  it('work that never ends is cut off at the deadline: exit 0, after the deadline and not much later', async () => {
    const r = await run('hang', 1_500);
    expect(r.signal, r.output).toBeNull();
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('shutdown deadline reached');
    expect(r.ms).toBeGreaterThanOrEqual(1_400);
    expect(r.ms).toBeLessThan(10_000);
  }, 60_000);
});
