/**
 * completePushCommits against the worker's fake GitHub: every page of the
 * compare API, oldest first, in the push payload's commit shape; bounded by
 * maxCommits; after a force-push, the commits since the merge base.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { octokitFor } from '../../src/github/fetch-commit.ts';
import { COMPARE_PAGE_SIZE, completePushCommits, isNullSha } from '../../src/github/compare.ts';
import { WorkerFakeGithub } from '../support/fake-github.ts';

describe('completePushCommits', () => {
  let gh: WorkerFakeGithub;
  const TOKEN = 'ghp_compare0000000000000000000000000001';
  const r = { owner: 'octo', name: 'long-pushes' };
  let repo: ReturnType<WorkerFakeGithub['addRepo']>;

  beforeAll(async () => {
    gh = await new WorkerFakeGithub().start();
    gh.addUser('octo', TOKEN);
    repo = gh.addRepo(r.owner, r.name, 4242, ['octo']);
  });
  afterAll(() => gh?.close());
  const octokit = () => octokitFor(gh.url, TOKEN);
  const compares = () => gh.requests.filter((q) => q.path.includes('/compare/'));

  it(`reads every page (${COMPARE_PAGE_SIZE} a page) of a 250-commit push, oldest first`, async () => {
    const [before] = gh.push(repo, 1);
    const pushed = gh.push(repo, 250);
    const seen = compares().length;
    const range = await completePushCommits(octokit(), r, before!, pushed.at(-1)!);
    expect(range).toMatchObject({ total: 250, complete: true });
    expect(range.commits.map((c) => c.id)).toEqual(pushed);
    expect(compares().slice(seen).map((q) => [q.query.get('page'), q.query.get('per_page')])).toEqual([
      ['1', String(COMPARE_PAGE_SIZE)],
      ['2', String(COMPARE_PAGE_SIZE)],
      ['3', String(COMPARE_PAGE_SIZE)],
    ]);
    expect(range.commits[0]).toEqual({
      id: pushed[0],
      message: expect.any(String),
      timestamp: '2026-12-01T10:00:00Z',
      url: `https://github.com/octo/long-pushes/commit/${pushed[0]}`,
      distinct: true,
      author: { name: 'Monalisa Octocat', email: 'mona@example.com', username: 'octocat' },
    });
  });

  it('stops at maxCommits and says the range is not complete', async () => {
    const [before] = gh.push(repo, 1);
    const pushed = gh.push(repo, 30);
    const range = await completePushCommits(octokit(), r, before!, pushed.at(-1)!, { maxCommits: 12 });
    expect(range).toMatchObject({ total: 30, complete: false });
    expect(range.commits.map((c) => c.id)).toEqual(pushed.slice(0, 12));
  });

  it('after a force-push, the commits since the merge base only', async () => {
    const [base] = gh.push(repo, 1);
    const dropped = gh.push(repo, 3);
    gh.reset(repo, 3);
    const rewritten = gh.push(repo, 2);
    const range = await completePushCommits(octokit(), r, dropped.at(-1)!, rewritten.at(-1)!);
    expect(range.commits.map((c) => c.id)).toEqual(rewritten);
    expect(range.commits.map((c) => c.id)).not.toContain(base);
  });

  it('refuses a null before (a push that created its branch) without asking GitHub', async () => {
    const seen = gh.requests.length;
    expect(isNullSha('0'.repeat(40))).toBe(true);
    await expect(completePushCommits(octokit(), r, '0'.repeat(40), 'a'.repeat(40))).rejects.toBeInstanceOf(RangeError);
    expect(gh.requests.length).toBe(seen);
  });

  it('passes GitHub’s errors through (an unknown base is a 404)', async () => {
    await expect(completePushCommits(octokit(), r, 'f'.repeat(40), repo.branch[0]!)).rejects.toMatchObject({ status: 404 });
  });
});
