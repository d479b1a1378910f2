/**
 * The README's CI step (section "A CI step"), run as written: the `run:` script of the workflow
 * between the `ci-step` markers, with bash, curl and jq, against the test stack and a personal API
 * key. A PR leaking a secret fails the step; a clean PR with tests passes it.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sha, stackTargets, startStack, type Stack } from './support/index.ts';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const repo = { owner: 'octocat', name: 'ci-step', id: 8383001 };
const TOKEN = 'ghp_ciStepToken0000000000000000000000001';

/** The workflow's `run: |` block, dedented: exactly what GitHub Actions hands to bash. */
function ciScript(readme: string): string {
  const block = readme.match(/<!-- ci-step:start -->\n```yaml\n([\s\S]*?)```\n<!-- ci-step:end -->/)?.[1];
  if (!block) throw new Error('README.md has no ci-step block');
  const lines = block.split('\n');
  const at = lines.findIndex((l) => /^\s*run: \|\s*$/.test(l));
  if (at < 0) throw new Error('the ci-step block has no `run: |`');
  const indent = lines[at]!.match(/^\s*/)![0].length;
  const body: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (l.trim() !== '' && l.match(/^\s*/)![0].length <= indent) break;
    body.push(l);
  }
  const strip = Math.min(...body.filter((l) => l.trim()).map((l) => l.match(/^\s*/)![0].length));
  return body.map((l) => l.slice(strip)).join('\n');
}

function runScript(script: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('bash', ['-e', '-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } });
    let out = '';
    p.stdout.on('data', (d) => (out += String(d)));
    p.stderr.on('data', (d) => (out += String(d)));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`the README's CI step on ${target.name}`, () => {
    let s: Stack | undefined;
    afterEach(async () => {
      await s?.close();
      s = undefined;
    });

    it('fails the build on a failing PR and passes a clean one', async () => {
      const script = ciScript(readFileSync(README, 'utf8'));
      expect(script).toContain('X-API-Key');
      s = await startStack(target);
      s.github.addUser({ login: 'octocat', id: 583231, token: TOKEN });
      s.github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'TypeScript' });
      const session = (await s.signIn(TOKEN)).token;
      await s.adopt(session, `${repo.owner}/${repo.name}`);
      const key = ((await (await s.req('/api/keys', { method: 'POST', token: session, json: { name: 'CI', scopes: ['checks:write'] } })).json()) as { key: string }).key;

      const base = sha('ci-base');
      s.github.addCommit(repo.owner, repo.name, { sha: base, message: 'base', files: [{ filename: 'src/a.ts', after: 'export const a = 1;\n' }] });
      const bad = sha('ci-bad');
      s.github.addCommit(repo.owner, repo.name, { sha: bad, parent: base, message: 'oops', files: [{ filename: 'src/key.ts', after: "export const k = 'AKIAQWERTYUIOPASDFGH';\n" }] });
      s.github.addPull(repo.owner, repo.name, { number: 1, head: bad, base });
      const good = sha('ci-good');
      s.github.addCommit(repo.owner, repo.name, {
        sha: good,
        parent: base,
        message: 'sum with tests',
        files: [
          { filename: 'src/sum.ts', after: 'export function sum(a: number, b: number) {\n  return a + b;\n}\n' },
          { filename: 'src/sum.test.ts', after: "import { sum } from './sum';\ntest('sum', () => expect(sum(1, 2)).toBe(3));\n" },
        ],
      });
      s.github.addPull(repo.owner, repo.name, { number: 2, head: good, base });

      const env = { TAMAGITTO_URL: s.url, TAMAGITTO_API_KEY: key, TAMAGITTO_POLL_SECONDS: '0.5', TAMAGITTO_POLLS: '120' };
      const failing = await runScript(script, { ...env, PR_URL: `https://github.com/${repo.owner}/${repo.name}/pull/1` });
      expect(failing.out).toMatch(/tamagitto: fail/);
      expect(failing.code).not.toBe(0);
      const passing = await runScript(script, { ...env, PR_URL: `https://github.com/${repo.owner}/${repo.name}/pull/2` });
      expect(passing.out).toMatch(/tamagitto: pass/);
      expect(passing.code).toBe(0);
      // A revoked key: curl -f fails the step (the request itself is refused).
      const keyId = ((await (await s.req('/api/keys', { token: session })).json()) as { keys: { id: string }[] }).keys[0]!.id;
      await s.req(`/api/keys/${keyId}`, { method: 'DELETE', token: session });
      expect((await runScript(script, { ...env, PR_URL: `https://github.com/${repo.owner}/${repo.name}/pull/2` })).code).not.toBe(0);
    });
  });
}
