/**
 * Shutdown of the real process (issue 14): `npm start` (api + worker in one
 * process, embedded) holding a job whose GitHub fetch is in flight. A second
 * SIGINT during the drain is ignored and the job finishes: exit 0, the commit
 * applied. A job that never ends is cut off at SHUTDOWN_TIMEOUT_MS: exit 0 with
 * the delivery left `queued`, and the next start picks it up and applies it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { createDb } from '@tamagitto/db';
import { seedPgliteDataDir } from '@tamagitto/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbedded, type EmbeddedProcess as Running } from './support/embedded-process.ts';
import { FakeGithub, pushPayload, sha, until } from './support/index.ts';

const TOKEN = 'ghp_shutdownToken00000000000000000000001';
const repo = { owner: 'octocat', name: 'patient', id: 9393001 };

describe('shutdown of `npm start` with a job in flight', () => {
  let dataDir: string;
  let github: FakeGithub;
  let proc: Running | undefined;
  afterEach(async () => {
    if (proc) {
      proc.kill('SIGKILL');
      await proc.exited;
    }
    proc = undefined;
    await github?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts the process, signs in, adopts, and delivers one push; resolves once the worker is fetching its commit. */
  async function pushInFlight(commitHandler: 'slow' | 'never', env: Record<string, string> = {}) {
    dataDir = mkdtempSync(join(tmpdir(), 'tamagitto-shutdown-'));
    // A migrated database to start from (initdb is most of a first start; start-embedded.test.ts covers that).
    await seedPgliteDataDir(dataDir);
    github = await new FakeGithub().start();
    github.addUser({ login: 'octocat', id: 583231, token: TOKEN });
    github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'Go' });
    const c = sha('shutdown-commit');
    github.addCommit(repo.owner, repo.name, { sha: c, message: 'shutdown', files: [{ filename: 'main.go', after: 'package main\n\n// F returns 1.\nfunc F() int {\n\treturn 1\n}\n' }] });
    const fetched: string[] = [];
    let normal = false;
    github.on('GET', /\/commits\/[0-9a-f]{40}$/, async (req, res) => {
      fetched.push(req.path);
      if (commitHandler === 'never' && !normal) return; // never answers
      if (!normal) await new Promise((r) => setTimeout(r, 2_000));
      const stored = github.commits.get(`${repo.owner}/${repo.name}@${c}`)!;
      const text = JSON.stringify(stored.response);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
    const secrets = { GITHUB_WEBHOOK_SECRET: randomBytes(20).toString('hex'), JWT_SECRET: randomBytes(32).toString('hex'), TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex') };
    const fullEnv = { DATA_DIR: dataDir, GITHUB_API_URL: github.url, ...secrets, ...env };
    proc = await startEmbedded(fullEnv);
    const auth = await fetch(`${proc.url}/api/auth/pat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKEN }) });
    expect(auth.status).toBe(200);
    const session = ((await auth.json()) as { token: string }).token;
    const adopt = await fetch(`${proc.url}/api/pets`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` }, body: JSON.stringify({ repo: `${repo.owner}/${repo.name}` }) });
    expect(adopt.status).toBe(201);
    const body = JSON.stringify(pushPayload(repo, [{ sha: c, message: 'shutdown' }]));
    const r = await fetch(`${proc.url}/api/webhook/github`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'shutdown-1', 'x-hub-signature-256': await sign(secrets.GITHUB_WEBHOOK_SECRET, body) },
      body,
    });
    expect(r.status).toBe(202);
    await until(() => fetched.length > 0, 20_000, 'the worker fetching the commit');
    return { sha: c, env: fullEnv, answerNormally: () => (normal = true) };
  }

  async function readBack(c: string) {
    const h = await createDb({ dataDir });
    try {
      const delivery = await h.db.selectFrom('webhook_deliveries').select(['status', 'processed_at']).where('delivery_id', '=', 'shutdown-1').executeTakeFirstOrThrow();
      const history = await h.db.selectFrom('health_history').select('sha').where('sha', '=', c).execute();
      return { delivery, applied: history.length };
    } finally {
      await h.close();
    }
  }

  it('a second SIGINT during the drain is ignored: the job finishes, exit 0', async () => {
    const { sha: c } = await pushInFlight('slow');
    const p = proc!;
    p.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    p.kill('SIGINT');
    const { code, signal } = await p.exited;
    proc = undefined;
    expect(signal, p.output()).toBeNull();
    expect(code, p.output()).toBe(0);
    expect(p.output()).toContain('already shutting down');
    expect(p.output()).not.toContain('deadline');
    const { delivery, applied } = await readBack(c);
    expect(delivery.status).toBe('processed');
    expect(applied).toBe(1);
  }, 120_000);

  it('a job that never ends: exit 0 at SHUTDOWN_TIMEOUT_MS, the delivery left queued, and the next start applies it once', async () => {
    const { sha: c, env, answerNormally } = await pushInFlight('never', { SHUTDOWN_TIMEOUT_MS: '2000' });
    const p = proc!;
    const started = performance.now();
    p.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    p.kill('SIGINT');
    const { code, signal } = await p.exited;
    proc = undefined;
    const ms = performance.now() - started;
    expect(signal, p.output()).toBeNull();
    expect(code, p.output()).toBe(0);
    expect(p.output()).toContain('shutdown deadline reached');
    expect(ms).toBeGreaterThanOrEqual(1_900);
    expect(ms).toBeLessThan(15_000);
    const left = await readBack(c);
    expect(left.delivery).toMatchObject({ status: 'queued', processed_at: null });
    expect(left.applied).toBe(0);

    // Pending, not lost: the next process recovers it from the database.
    answerNormally();
    proc = await startEmbedded(env);
    const again = proc;
    await until(() => again.output().includes('commit applied'), 30_000, 'the recovered delivery applied');
    again.kill('SIGTERM');
    const after = await again.exited;
    proc = undefined;
    expect(after.code, again.output()).toBe(0);
    const done = await readBack(c);
    expect(done.delivery.status, again.output()).toBe('processed');
    expect(done.applied).toBe(1);
  }, 180_000);
});
