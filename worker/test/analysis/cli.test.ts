/**
 * The CLI end to end (issue #3): a real git repository in a temp directory,
 * the real bin run as a child process, JSON read back from stdout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitRepo } from '../support/git-repo.ts';

const repo = gitRepo('vet-cli-');
const { git, write, analyse } = repo;

beforeAll(() => {
  repo.create();
  write('src/feed.js', 'export function feed(pet) {\n  return pet.hunger - 1;\n}\n');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  write('src/feed.js', 'export function feed(pet, food = "kibble") {\n  if (pet.hunger > 0 && food) {\n    return pet.hunger - 1;\n  }\n  return 0;\n}\n');
  write('src/feed.test.js', "import { feed } from './feed.js';\nit('feeds', () => {});\nit('skips full pets', () => {});\n");
  write('img/dot.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]).toString('latin1'));
  git('add', '.');
  git('commit', '-q', '-m', 'feed with food');
  git('mv', 'src/feed.js', 'src/eat.js');
  git('commit', '-q', '-m', 'rename');
});

afterAll(() => repo.remove());

describe('analyse CLI', () => {
  it('prints the vet report of a commit read from a local repository', () => {
    const res = analyse('--repo', '.', '--commit', 'HEAD~1');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.commit).toBe(git('rev-parse', 'HEAD~1'));
    expect(report.message).toBe('feed with food');
    expect(report.filesChanged).toBe(3);
    expect(report.skippedFiles).toEqual([{ path: 'img/dot.png', reason: 'binary', code: 'binary', params: {} }]);
    expect(report.partial).toBe(false);
    // feed: 1 → 4 (default param, if, &&)
    expect(report.metrics.complexity_increase).toBe(3);
    expect(report.metrics.test_cases_added).toBe(2);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'complexity-increase', function: 'feed', file: 'src/feed.js', line: 1 }));
    expect(typeof report.delta).toBe('number');
  });

  it('handles the root commit and renames', () => {
    const root = JSON.parse(analyse('--repo', repo.dir, '--commit', git('rev-list', '--max-parents=0', 'HEAD')).stdout);
    expect(root.parent).toBeNull();
    expect(root.metrics.functions_added).toBe(1);
    const renamed = JSON.parse(analyse('--repo', repo.dir, '--commit', 'HEAD').stdout);
    expect(renamed.metrics.complexity_increase).toBe(0);
    expect(renamed.metrics.functions_added).toBe(0);
  });

  it('prints per-function metrics for files', () => {
    write('lib/pet.py', 'def mood(health):\n    if health > 60:\n        return "happy"\n    return "sad" if health > 0 else "dead"\n');
    const res = analyse('--functions', 'lib/pet.py', 'src/eat.js');
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual([
      { file: 'lib/pet.py', language: 'python', functions: [{ name: 'mood', line: 1, complexity: 3, length: 4, nesting: 1 }] },
      { file: 'src/eat.js', language: 'javascript', functions: [{ name: 'feed', line: 1, complexity: 4, length: 6, nesting: 1 }] },
    ]);
  });

  it('fails with usage on bad arguments and with a message on a bad commit', () => {
    expect(analyse('--repo', repo.dir).status).toBe(2);
    const bad = analyse('--repo', repo.dir, '--commit', 'no-such-commit');
    expect(bad.status).toBe(1);
    expect(bad.stderr).not.toBe('');
  });
});
