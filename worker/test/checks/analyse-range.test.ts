/**
 * `npm run analyse -- --repo <path> --range <base>..<head>` (issue 16): a local branch's PR check
 * report, from a real git repository in a temp directory and the real bin as a child process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitRepo } from '../support/git-repo.ts';

const repo = gitRepo('vet-range-');
const { git, write, analyse } = repo;

beforeAll(() => {
  repo.create();
  write('src/feed.js', 'export function feed(pet) {\n  return pet.hunger - 1;\n}\n');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  git('checkout', '-q', '-b', 'feature');
  write('src/feed.js', 'export function feed(pet, food) {\n  if (pet.hunger > 0 && food) {\n    return pet.hunger - 1;\n  }\n  return 0;\n}\n');
  git('commit', '-q', '-am', 'feed with food\n\nCo-authored-by: Claude <noreply@anthropic.com>');
  write('src/token.js', "export const token = 'AKIAQWERTYUIOPASDFGH';\n");
  git('add', '.');
  git('commit', '-q', '-m', 'token');
});

afterAll(() => repo.remove());

describe('analyse --range', () => {
  it('prints the PR check report of every commit in base..head', () => {
    const res = analyse('--repo', '.', '--range', 'main..feature');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.commits.map((c: { message: string }) => c.message)).toEqual(['feed with food', 'token']);
    expect(report.pr).toMatchObject({ number: 0, url: null, baseSha: git('rev-parse', 'main'), headSha: git('rev-parse', 'feature') });
    expect(report.secrets).toHaveLength(1);
    expect(res.stdout).not.toContain('AKIAQWERTYUIOPASDFGH');
    expect(report.verdict).toBe('fail');
    expect(report.tests).toMatchObject({ codeChanged: true, testsChanged: false });
    expect(report.ai).toMatchObject({ coAuthoredCommits: 1, assistants: ['Claude'] });
    expect(report.ci.runs).toEqual([]);
  });

  it('refuses a malformed range', () => {
    const res = analyse('--repo', '.', '--range', 'main');
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/--range is <base>..<head>/);
  });
});
