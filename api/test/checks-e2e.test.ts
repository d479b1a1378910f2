/**
 * PR checks end to end (issue 16): a check requested by URL or created by a recorded
 * `pull_request` delivery runs in the worker over the PR's whole range through the fake GitHub
 * (compare, commits, contents, check runs, statuses), reports the predicted delta, findings,
 * masked secrets, tests, CI and AI involvement with a verdict, posts `tamagitto/pet` on the head
 * SHA (or records why not), and arrives live as `check.updated`.
 */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { sha, stackTargets, startStack, until, type Stack } from './support/index.ts';

const require = createRequire(import.meta.url);
const repo = { owner: 'octocat', name: 'prcheck', id: 8282001 };
const TOKEN = 'ghp_checksE2eToken00000000000000000000001';
const AWS_KEY = 'AKIAQWERTYUIOPASDFGH';

interface CheckBody {
  id: string;
  status: string;
  progress: number;
  verdict: string | null;
  error: string | null;
  githubStatus: { posted: boolean; error: string | null };
  report: {
    predictedDelta: number;
    summary: string;
    verdict: string;
    reasons: string[];
    secrets: { file: string; message: string }[];
    tests: { codeChanged: boolean; testsChanged: boolean };
    commits: { sha: string; aiCoAuthors: string[] }[];
    files: { path: string; findings: { rule: string; function: string | null }[] }[];
    ci: { runs: { name: string; conclusion: string | null; durationS: number | null }[]; failing: number; medianDurationS: number | null };
    ai: { coAuthoredCommits: number; assistants: string[]; prAuthorIsAgent: boolean; agent: string | null };
    pr: { fork: boolean };
  } | null;
}

function pullRequestPayload(action: string, number: number, head: string, base: string): Record<string, unknown> {
  const examples = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];
  const base0 = examples.find((e) => e.name === 'pull_request')!.examples.find((x) => x.action === 'opened')!;
  const p = structuredClone(base0) as { action: string; number: number; pull_request: Record<string, unknown> & { head: Record<string, unknown>; base: Record<string, unknown> }; repository: Record<string, unknown> };
  p.action = action;
  p.number = number;
  p.pull_request.number = number;
  p.pull_request.head = { ...p.pull_request.head, sha: head };
  p.pull_request.base = { ...p.pull_request.base, sha: base };
  p.repository = { ...p.repository, id: repo.id, name: repo.name, full_name: `${repo.owner}/${repo.name}` };
  return p;
}

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`PR checks end to end on ${target.name}`, () => {
    let s: Stack | undefined;
    afterEach(async () => {
      await s?.close();
      s = undefined;
    });

    async function setUp() {
      s = await startStack(target);
      s.github.addUser({ login: 'octocat', id: 583231, token: TOKEN });
      s.github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'TypeScript' });
      const session = (await s.signIn(TOKEN)).token;
      const pet = await s.adopt(session, `${repo.owner}/${repo.name}`);
      const base = sha('pr-base');
      s.github.addCommit(repo.owner, repo.name, { sha: base, message: 'base', files: [{ filename: 'src/a.ts', after: 'export const a = 1;\n' }] });
      return { s, session, pet, base };
    }

    const check = async (s: Stack, session: string, id: string) => (await (await s.req(`/api/checks/${id}`, { token: session })).json()) as CheckBody;

    it('a leaked secret fails the PR: the report, the commit status, CI and AI facts, and the live update', async () => {
      const { s, session, pet, base } = await setUp();
      const c1 = sha('pr-1');
      const c2 = sha('pr-2');
      s.github.addCommit(repo.owner, repo.name, {
        sha: c1,
        parent: base,
        message: 'add config\n\nCo-authored-by: Claude <noreply@anthropic.com>',
        files: [{ filename: 'src/config.ts', after: `export const key = '${AWS_KEY}';\n` }],
      });
      s.github.addCommit(repo.owner, repo.name, { sha: c2, parent: c1, message: 'more', files: [{ filename: 'src/b.ts', after: 'export function b(x: number) {\n  return x + 1;\n}\n' }] });
      s.github.addPull(repo.owner, repo.name, { number: 3, head: c2, base, user: 'Copilot', userType: 'Bot' });
      s.github.addCheckRun(repo.owner, repo.name, c2, { name: 'build', conclusion: 'success', started_at: '2026-12-06T10:00:00Z', completed_at: '2026-12-06T10:02:00Z' });
      s.github.addCheckRun(repo.owner, repo.name, c2, { name: 'lint', conclusion: 'failure', started_at: '2026-12-06T10:00:00Z', completed_at: '2026-12-06T10:00:30Z' });

      const socket = await s.openSocket(session);
      const r = await s.req('/api/checks', { method: 'POST', token: session, json: { pr: `https://github.com/${repo.owner}/${repo.name}/pull/3` } });
      expect(r.status).toBe(202);
      const { id } = (await r.json()) as { id: string };
      const live = await socket.next((m) => m.type === 'check.updated' && m.status === 'done', 30_000);
      expect(live).toMatchObject({ type: 'check.updated', checkId: id, petId: pet.id, prNumber: 3, headSha: c2, verdict: 'fail' });
      socket.close();

      const body = await check(s, session, id);
      expect(body).toMatchObject({ status: 'done', progress: 100, verdict: 'fail', githubStatus: { posted: true, error: null } });
      const rep = body.report!;
      expect(rep.commits.map((c) => c.sha)).toEqual([c1, c2]);
      expect(rep.secrets).toHaveLength(1);
      expect(rep.secrets[0]!.file).toBe('src/config.ts');
      expect(JSON.stringify(body)).not.toContain(AWS_KEY);
      expect(rep.reasons.join(' ')).toMatch(/secret/);
      expect(rep.tests).toMatchObject({ codeChanged: true, testsChanged: false });
      expect(rep.ci.failing).toBe(1);
      expect(rep.ci.runs.map((x) => [x.name, x.conclusion, x.durationS])).toEqual([
        ['build', 'success', 120],
        ['lint', 'failure', 30],
      ]);
      expect(rep.ai).toEqual({ coAuthoredCommits: 1, assistants: ['Claude'], prAuthorIsAgent: true, agent: 'Copilot' });
      expect(rep.commits[0]!.aiCoAuthors).toEqual(['Claude']);

      const posted = s.github.statuses.get(`${repo.owner}/${repo.name}@${c2}`)!;
      expect(posted).toHaveLength(1);
      expect(posted[0]).toMatchObject({ state: 'failure', context: 'tamagitto/pet' });
      expect(String(posted[0]!.description)).toMatch(/^fail: merging: /);
      // Nothing was applied to the pet: it changes when the commits land.
      expect(await s.db.db.selectFrom('commit_analyses').select('sha').where('sha', 'in', [c1, c2]).execute()).toEqual([]);

      const listed = (await (await s.req(`/api/pets/${pet.id}/checks`, { token: session })).json()) as { items: { id: string; verdict: string }[] };
      expect(listed.items).toEqual([expect.objectContaining({ id, verdict: 'fail' })]);

      // The Stats tab's numbers: this week one fail, CI median (120 s, 30 s) → 75 s, one of two commits AI-co-authored.
      const stats = (await (await s.req(`/api/pets/${pet.id}/checks/stats`, { token: session })).json()) as { weeks: { pass: number; warn: number; fail: number }[]; checks: number; medianCiDurationS: number | null; aiCoAuthoredShare: number | null };
      expect(stats.weeks).toHaveLength(12);
      expect(stats.weeks.at(-1)).toMatchObject({ pass: 0, warn: 0, fail: 1 });
      expect(stats.weeks.slice(0, -1).every((w) => w.pass + w.warn + w.fail === 0)).toBe(true);
      expect(stats).toMatchObject({ checks: 1, medianCiDurationS: 75, aiCoAuthoredShare: 0.5 });
    });

    it('a pull_request webhook creates the check; a token without status permission is recorded; a new head supersedes', async () => {
      const { s, session, base } = await setUp();
      const c1 = sha('wh-1');
      s.github.addCommit(repo.owner, repo.name, {
        sha: c1,
        parent: base,
        message: 'feature with tests',
        files: [
          { filename: 'src/sum.ts', after: 'export function sum(a: number, b: number) {\n  return a + b;\n}\n' },
          { filename: 'src/sum.test.ts', after: "import { sum } from './sum';\ntest('sum', () => expect(sum(1, 2)).toBe(3));\n" },
        ],
      });
      s.github.addPull(repo.owner, repo.name, { number: 5, head: c1, base, fork: 'hubot' });
      s.github.statusDenied.add('octocat');

      // A label change is stored, not checked.
      expect((await s.deliver('pull_request', pullRequestPayload('labeled', 5, c1, base), { deliveryId: 'pr-labeled' })).status).toBe(202);
      expect((await s.deliver('pull_request', pullRequestPayload('opened', 5, c1, base), { deliveryId: 'pr-opened' })).status).toBe(202);
      const row = await until(() => s.db.db.selectFrom('checks').selectAll().where('head_sha', '=', c1).executeTakeFirst(), 20_000, 'the webhook made a check');
      const done = await until(async () => {
        const b = await check(s, session, row.id);
        return b.status === 'done' && b;
      }, 30_000, 'the check done');
      expect(done.verdict).toBe('pass');
      expect(done.report!.tests).toMatchObject({ codeChanged: true, testsChanged: true });
      expect(done.report!.pr.fork).toBe(true);
      expect(done.githubStatus.posted).toBe(false);
      expect(done.githubStatus.error).toMatch(/403/);
      const labeled = await s.db.db.selectFrom('webhook_deliveries').select('status').where('delivery_id', '=', 'pr-labeled').executeTakeFirstOrThrow();
      expect(labeled.status).toBe('ignored');
      await until(async () => (await s.db.db.selectFrom('webhook_deliveries').select('status').where('delivery_id', '=', 'pr-opened').executeTakeFirstOrThrow()).status === 'processed', 10_000, 'the delivery processed');

      // The same head again: no second check. A new head: a new check, the old one superseded if unfinished.
      expect((await s.deliver('pull_request', pullRequestPayload('reopened', 5, c1, base), { deliveryId: 'pr-reopened' })).status).toBe(202);
      const c2 = sha('wh-2');
      s.github.addCommit(repo.owner, repo.name, { sha: c2, parent: c1, message: 'docs', files: [{ filename: 'README.md', after: '# hi\n' }] });
      expect((await s.deliver('pull_request', pullRequestPayload('synchronize', 5, c2, base), { deliveryId: 'pr-sync' })).status).toBe(202);
      await until(async () => (await s.db.db.selectFrom('checks').select('status').where('head_sha', '=', c2).executeTakeFirst())?.status === 'done', 30_000, 'the new head checked');
      const rows = await s.db.db.selectFrom('checks').select(['head_sha', 'status']).where('pr_number', '=', 5).orderBy('created_at').execute();
      expect(rows).toEqual([
        { head_sha: c1, status: 'done' },
        { head_sha: c2, status: 'done' },
      ]);
    });

    it('a check superseded while it runs stops: no report, no commit status for the old head', async () => {
      const { s, session, base } = await setUp();
      const c1 = sha('sup-1');
      const c2 = sha('sup-2');
      s.github.addCommit(repo.owner, repo.name, { sha: c1, parent: base, message: 'one', files: [{ filename: 'src/one.ts', after: 'export const one = 1;\n' }] });
      s.github.addCommit(repo.owner, repo.name, { sha: c2, parent: c1, message: 'two', files: [{ filename: 'src/two.ts', after: 'export const two = 2;\n' }] });
      s.github.addPull(repo.owner, repo.name, { number: 11, head: c1, base });
      // The old head's CI is slow to list: its check is still running when the new head arrives.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      s.github.on('GET', new RegExp(`/commits/${c1}/check-runs$`), async (_req, res) => {
        await held;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ total_count: 0, check_runs: [] }));
      });
      const url = `https://github.com/${repo.owner}/${repo.name}/pull/11`;
      const { id: old } = (await (await s.req('/api/checks', { method: 'POST', token: session, json: { pr: url } })).json()) as { id: string };
      await until(async () => (await check(s, session, old)).progress >= 90, 20_000, 'the old head analysed');
      s.github.addPull(repo.owner, repo.name, { number: 11, head: c2, base });
      const { id: fresh } = (await (await s.req('/api/checks', { method: 'POST', token: session, json: { pr: url } })).json()) as { id: string };
      await until(async () => (await check(s, session, fresh)).status === 'done', 30_000, 'the new head checked');
      release();
      await until(() => s.logs.some((l) => l.includes('superseded by a newer head')), 10_000, 'the old job stopped');
      const stale = await check(s, session, old);
      expect(stale).toMatchObject({ status: 'superseded', report: null, verdict: null, githubStatus: { posted: false } });
      expect(s.github.statuses.get(`${repo.owner}/${repo.name}@${c1}`)).toBeUndefined();
      expect(s.github.statuses.get(`${repo.owner}/${repo.name}@${c2}`)).toHaveLength(1);
    });

    it('a check that keeps failing is dead-lettered as failed with its cause; CI a token cannot read is left out, not fatal', async () => {
      const { s, session, base } = await setUp();
      const c1 = sha('dead-1');
      s.github.addCommit(repo.owner, repo.name, { sha: c1, parent: base, message: 'x', files: [{ filename: 'src/x.ts', after: 'export const x = 3;\n' }] });
      // The PR's base is a commit GitHub does not know (compare answers 404): not GitHub trouble, the "other" policy.
      s.github.addPull(repo.owner, repo.name, { number: 12, head: c1, base: sha('unknown-base') });
      const { id } = (await (await s.req('/api/checks', { method: 'POST', token: session, json: { pr: `https://github.com/${repo.owner}/${repo.name}/pull/12` } })).json()) as { id: string };
      await until(async () => (await s.db.db.selectFrom('checks').select('next_attempt_at').where('id', '=', id).executeTakeFirstOrThrow()).next_attempt_at !== null, 20_000, 'a retry scheduled');
      // The last attempt of the "other" budget (worker/src/retry-policy.ts: 4), due now.
      await s.db.db.updateTable('checks').set({ attempts: 3, next_attempt_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
      const failed = await until(async () => {
        const b = await check(s, session, id);
        return b.status === 'failed' && b;
      }, 20_000, 'the check dead-lettered');
      expect(failed.error).toMatch(/gave up after 4 attempts \(other\): 404/);
      expect(failed.report).toBeNull();

      // Check runs the token may not list: the report says so and still comes.
      const c2 = sha('dead-2');
      s.github.addCommit(repo.owner, repo.name, { sha: c2, parent: base, message: 'y', files: [{ filename: 'README.md', after: '# y\n' }] });
      s.github.addPull(repo.owner, repo.name, { number: 13, head: c2, base });
      s.github.failNext(new RegExp(`/commits/${c2}/check-runs$`), 403, 1);
      const { id: ok } = (await (await s.req('/api/checks', { method: 'POST', token: session, json: { pr: `https://github.com/${repo.owner}/${repo.name}/pull/13` } })).json()) as { id: string };
      const done = await until(async () => {
        const b = await check(s, session, ok);
        return b.status === 'done' && b;
      }, 20_000, 'the check done');
      expect((done.report as unknown as { ci: { unreadable: string[] } }).ci.unreadable).toEqual(['check runs not readable with this token (403)']);
    });

    it("a check whose job was lost (never enqueued) is found by the worker and run, judged by the repository's thresholds; a PR past GitHub's 3,000-file list is partial and says so", async () => {
      const { s, session, pet, base } = await setUp();
      // The repository's own thresholds (any delta below 50 warns): the report is judged by them and says so.
      expect((await s.req(`/api/pets/${pet.id}`, { method: 'PATCH', token: session, json: { checkThresholds: { warnBelowDelta: 50 } } })).status).toBe(200);
      const c1 = sha('lost-1');
      s.github.addCommit(repo.owner, repo.name, { sha: c1, parent: base, message: 'z', files: [{ filename: 'README.md', after: '# z\n' }] });
      s.github.addPull(repo.owner, repo.name, { number: 14, head: c1, base });
      // As an api killed between its insert and its enqueue leaves it: a queued row, no job.
      const row = await s.db.db
        .insertInto('checks')
        .values({ repository_id: (await s.db.db.selectFrom('entities').select('repository_id').where('id', '=', pet.id).executeTakeFirstOrThrow()).repository_id, pr_number: 14, head_sha: c1, base_sha: base, requested_by: null, updated_at: new Date(Date.now() - 10 * 60_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const done = await until(async () => {
        const b = await check(s, session, row.id);
        return b.status === 'done' && b;
      }, 30_000, 'the lost check run');
      expect(done.verdict).toBe('warn');
      const judged = done.report as unknown as { thresholds: { warnBelowDelta: number; failAtDelta: number }; thresholdsSource: string; reasons: string[] };
      expect(judged).toMatchObject({ thresholds: { warnBelowDelta: 50, failAtDelta: -10 }, thresholdsSource: 'repository' });
      expect(judged.reasons).toEqual([expect.stringMatching(/^predicted health delta -?[0-9.]+ < 50$/)]);

      // One commit of 3,100 files: GitHub pages them and stops at 3,000 without saying so; the PR's changed_files tells the truth.
      const big = sha('big-1');
      s.github.addCommit(repo.owner, repo.name, { sha: big, parent: base, message: 'vendor translations', files: Array.from({ length: 3_100 }, (_, i) => ({ filename: `assets/i18n/${i}.json`, after: `{"k": ${i}}\n` })) });
      s.github.addPull(repo.owner, repo.name, { number: 15, head: big, base });
      const compare = s.github.requests.length;
      const { id: bigId } = (await (await s.req('/api/checks', { method: 'POST', token: session, json: { pr: `https://github.com/${repo.owner}/${repo.name}/pull/15` } })).json()) as { id: string };
      const bigDone = await until(async () => {
        const b = await check(s, session, bigId);
        return b.status === 'done' && b;
      }, 60_000, 'the 3,100-file check done');
      const rep = bigDone.report as unknown as { partial: boolean; partialReasons: string[]; totals: { filesChanged: number; filesInPr: number }; summary: string };
      expect(rep.partial).toBe(true);
      expect(rep.partialReasons).toEqual([`the PR changes 3100 files; GitHub lists at most 3,000 files of a commit, so files beyond that in ${big.slice(0, 7)} were not analysed`]);
      expect(rep.totals).toMatchObject({ filesChanged: 3_000, filesInPr: 3_100 });
      expect(rep.summary).toMatch(/partial$/);
      // The worker read the commit's ten pages of 300 and asked for no eleventh (a redelivered job may read them twice).
      const pages = s.github.requests.slice(compare).filter((r) => r.path.endsWith(`/commits/${big}`)).map((r) => Number(r.query.get('page') ?? '1'));
      expect([...new Set(pages)].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }, 90_000);

    it('GitHub failing during compare is retried under the delivery policy, then succeeds', async () => {
      const { s, session, base } = await setUp();
      const c1 = sha('retry-1');
      s.github.addCommit(repo.owner, repo.name, { sha: c1, parent: base, message: 'x', files: [{ filename: 'src/x.ts', after: 'export const x = 2;\n' }] });
      s.github.addPull(repo.owner, repo.name, { number: 9, head: c1, base });
      s.github.failNext(/\/compare\//, 502, 1);
      const { id } = (await (await s.req('/api/checks', { method: 'POST', token: session, json: { pr: `https://github.com/${repo.owner}/${repo.name}/pull/9` } })).json()) as { id: string };
      const retrying = await until(async () => {
        const r = await s.db.db.selectFrom('checks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return r.status === 'queued' && r.next_attempt_at !== null && r;
      }, 20_000, 'a retry scheduled');
      expect(retrying.error).toMatch(/502/);
      // Due now: the due-check loop enqueues it.
      await s.db.db.updateTable('checks').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
      const done = await until(async () => {
        const b = await check(s, session, id);
        return b.status === 'done' && b;
      }, 30_000, 'the retried check done');
      expect(done.verdict).not.toBeNull();
    });
  });
}
