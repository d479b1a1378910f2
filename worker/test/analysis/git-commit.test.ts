/**
 * Reading a commit from a local repository for the CLI (issue #3): both sides of
 * every file, through one batched `git cat-file --batch-command` for all blobs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBlobs, readGitCommit } from '../../src/analysis/git-commit.ts';
import { readAnalyseCliEnv } from '../../src/bin/env.ts';

let repo = '';
const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, '-c', 'user.name=Vet', '-c', 'user.email=vet@example.test', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
const write = (path: string, text: string | Buffer) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};
const big = `${'// padding line of a generated file\n'.repeat(70_000)}`; // ≈ 2.5 MB, over the 2 MiB read limit

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'vet-git-'));
  git('init', '-q', '-b', 'main');
  write('src/keep.js', 'export const a = 1;\n');
  write('src/gone.js', 'export const gone = true;\n');
  write('src/old name.js', 'export function move() {\n  return 1;\n}\n');
  write('docs/café.md', '# Café\n');
  write('gen/big.js', big);
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  write('src/keep.js', 'export const a = 2;\n');
  git('rm', '-q', 'src/gone.js');
  git('mv', 'src/old name.js', 'src/new name.js');
  write('src/new.js', 'export const fresh = "ünïcode";\n');
  write('docs/café.md', '# Café ☕\n');
  write('gen/big.js', `${big}// one more\n`);
  write('img/dot.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
  write('src/tab\tname.js', 'export const odd = 1;\nexport const name = 2;\n');
  git('add', '.');
  git('commit', '-q', '-m', 'second');
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('readGitCommit', () => {
  it('reads both sides of every kind of change', async () => {
    const input = await readGitCommit(repo, 'HEAD');
    const byPath = new Map(input.files.map((f) => [f.path, f]));
    expect(input.message).toBe('second');
    expect(byPath.get('src/keep.js')).toMatchObject({ status: 'modified', before: 'export const a = 1;\n', after: 'export const a = 2;\n' });
    expect(byPath.get('src/gone.js')).toMatchObject({ status: 'removed', before: 'export const gone = true;\n', after: null });
    expect(byPath.get('src/new.js')).toMatchObject({ status: 'added', before: null, after: 'export const fresh = "ünïcode";\n' });
    expect(byPath.get('src/new name.js')).toMatchObject({ status: 'renamed', previousPath: 'src/old name.js', before: 'export function move() {\n  return 1;\n}\n' });
    expect(byPath.get('docs/café.md')).toMatchObject({ before: '# Café\n', after: '# Café ☕\n' });
    // Too large to read: contents left out (the engine works from the patch), not null.
    const large = byPath.get('gen/big.js');
    expect(large?.status).toBe('modified');
    expect(large && 'before' in large).toBe(false);
    expect(large && 'after' in large).toBe(false);
    expect(byPath.get('img/dot.png')).toMatchObject({ binary: true });
    // A name git quotes in its text output ("src/tab\tname.js"): read NUL-separated, its line counts are found.
    expect(byPath.get('src/tab\tname.js')).toMatchObject({ status: 'added', additions: 2, deletions: 0, after: 'export const odd = 1;\nexport const name = 2;\n' });
  });

  it('reads a root commit with every file added', async () => {
    const input = await readGitCommit(repo, 'HEAD~1');
    expect(input.parentSha).toBeNull();
    expect(input.files.find((f) => f.path === 'src/keep.js')).toMatchObject({ status: 'added', before: null, after: 'export const a = 1;\n' });
  });

  it('reads a commit named by its full id (diffed beside git log) as it reads it by any other name', async () => {
    const head = git('rev-parse', 'HEAD');
    expect(await readGitCommit(repo, head)).toEqual(await readGitCommit(repo, 'HEAD'));
    expect(await readGitCommit(repo, head.toUpperCase())).toEqual(await readGitCommit(repo, 'HEAD'));
    const root = git('rev-parse', 'HEAD~1');
    expect(await readGitCommit(repo, root)).toEqual(await readGitCommit(repo, 'HEAD~1'));
  });

  it('reads blobs in a batch: absent ones are null, large ones undefined', async () => {
    const blobs = await readBlobs(repo, ['HEAD:src/keep.js', 'HEAD:no/such/file.js', 'HEAD:gen/big.js', 'HEAD~1:src/gone.js', 'HEAD:src']);
    expect(Object.fromEntries(blobs)).toEqual({
      'HEAD:src/keep.js': 'export const a = 2;\n',
      'HEAD:no/such/file.js': null,
      'HEAD:gen/big.js': undefined,
      'HEAD~1:src/gone.js': 'export const gone = true;\n',
      'HEAD:src': null, // a tree, not a blob
    });
  });
});

describe('readAnalyseCliEnv', () => {
  it('resolves paths against where the user typed the command (INIT_CWD), else the working directory', () => {
    expect(readAnalyseCliEnv({ INIT_CWD: '/home/me/project' }, '/repo/worker').USER_CWD).toBe('/home/me/project');
    expect(readAnalyseCliEnv({}, '/repo/worker').USER_CWD).toBe('/repo/worker');
    expect(readAnalyseCliEnv({ INIT_CWD: '' }, '/repo/worker').USER_CWD).toBe('/repo/worker');
  });
});
