/**
 * Builds a `CommitInput` from a local git repository, the same shape the queue
 * consumer builds from the GitHub API, so the CLI (`npm run analyse -- --repo
 * <path> --commit <sha>`) exercises exactly the production engine. Both sides
 * of every file are read with git itself: no network.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ChangedFile, CommitInput, FileStatus } from './types.ts';

const run = promisify(execFile);
/** git's well-known empty tree: the "parent" of a root commit. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
/** Contents larger than this are left unread; the engine then works from the patch. */
const MAX_CONTENT_BYTES = 2 * 1024 * 1024;

async function git(repo: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', repo, '-c', 'core.quotePath=false', ...args], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

const STATUS: Record<string, FileStatus> = { A: 'added', M: 'modified', D: 'removed', R: 'renamed', C: 'copied', T: 'changed' };

export async function readGitCommit(repo: string, rev: string): Promise<CommitInput> {
  const sha = (await git(repo, ['rev-parse', '--verify', `${rev}^{commit}`])).trim();
  const parents = (await git(repo, ['rev-list', '--parents', '-n', '1', sha])).trim().split(' ').slice(1);
  const parent = parents[0] ?? null;
  const base = parent ?? EMPTY_TREE;
  const message = (await git(repo, ['log', '-1', '--format=%B', sha])).trimEnd();

  // -z keeps odd file names intact; --raw and --numstat come out interleaved per file.
  const names = (await git(repo, ['diff', '--name-status', '-M', '-z', base, sha])).split('\0');
  const stats = new Map<string, { additions: number; deletions: number; binary: boolean }>();
  for (const line of (await git(repo, ['diff', '--numstat', '-M', base, sha])).split('\n')) {
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/.exec(line);
    if (!m?.[3]) continue;
    const path = renamedTarget(m[3]);
    stats.set(path, { additions: Number(m[1]) || 0, deletions: Number(m[2]) || 0, binary: m[1] === '-' });
  }
  const patches = splitPatches(await git(repo, ['diff', '-M', '--no-color', '--unified=3', base, sha]));

  const files: ChangedFile[] = [];
  for (let i = 0; i < names.length - 1; ) {
    const code = names[i] ?? '';
    const letter = code[0] ?? 'M';
    const renamed = letter === 'R' || letter === 'C';
    const previousPath = renamed ? names[i + 1] : undefined;
    const path = (renamed ? names[i + 2] : names[i + 1]) ?? '';
    i += renamed ? 3 : 2;
    const stat = stats.get(path) ?? { additions: 0, deletions: 0, binary: false };
    const status = STATUS[letter] ?? 'modified';
    const file: ChangedFile = { path, status, additions: stat.additions, deletions: stat.deletions };
    if (previousPath) file.previousPath = previousPath;
    if (stat.binary) {
      file.binary = true;
    } else {
      const patch = patches.get(path);
      if (patch !== undefined) file.patch = patch;
      const [before, after] = await Promise.all([
        status === 'added' ? null : readBlob(repo, parent, previousPath ?? path),
        status === 'removed' ? null : readBlob(repo, sha, path),
      ]);
      if (before !== undefined) file.before = before;
      if (after !== undefined) file.after = after;
    }
    files.push(file);
  }
  return { sha, parentSha: parent, message, files };
}

/** `null` when absent on that side, `undefined` when too large to read. */
async function readBlob(repo: string, rev: string | null, path: string): Promise<string | null | undefined> {
  if (rev === null) return null;
  const spec = `${rev}:${path}`;
  try {
    const size = Number((await git(repo, ['cat-file', '-s', spec])).trim());
    if (size > MAX_CONTENT_BYTES) return undefined;
    return await git(repo, ['cat-file', 'blob', spec]);
  } catch {
    return null;
  }
}

/** numstat prints renames as `dir/{old => new}.ts` or `old => new`. */
function renamedTarget(path: string): string {
  const braced = /^(.*)\{(.*) => (.*)\}(.*)$/.exec(path);
  if (braced) return `${braced[1]}${braced[3]}${braced[4]}`.replace('//', '/');
  const plain = /^(.*) => (.*)$/.exec(path);
  return plain?.[2] ?? path;
}

/** Splits `git diff` output into each file's hunks (what GitHub calls the file's `patch`). */
function splitPatches(diff: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const section of diff.split(/^diff --git /m).slice(1)) {
    const lines = section.split('\n');
    const to = lines.find((l) => l.startsWith('+++ '));
    const from = lines.find((l) => l.startsWith('--- '));
    const header = /^a\/(.*) b\/(.*)$/.exec(lines[0] ?? '');
    let path = header?.[2] ?? '';
    if (to && to !== '+++ /dev/null') path = to.slice(6);
    else if (from && from !== '--- /dev/null') path = from.slice(6);
    const start = lines.findIndex((l) => l.startsWith('@@'));
    if (start === -1) continue;
    out.set(path, lines.slice(start).join('\n').replace(/\n$/, ''));
  }
  return out;
}
