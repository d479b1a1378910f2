/**
 * Builds a `CommitInput` from a local git repository, the same shape the queue
 * consumer builds from the GitHub API, so the CLI (`npm run analyse -- --repo
 * <path> --commit <sha>`) exercises exactly the production engine. Both sides
 * of every file are read with git itself: no network.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { ChangedFile, CommitInput, FileStatus } from '@tamagitto/domain';

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

  const entries: { file: ChangedFile; beforeSpec: string | null; afterSpec: string | null }[] = [];
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
    let beforeSpec: string | null = null;
    let afterSpec: string | null = null;
    if (stat.binary) {
      file.binary = true;
    } else {
      const patch = patches.get(path);
      if (patch !== undefined) file.patch = patch;
      if (status !== 'added' && parent !== null) beforeSpec = `${parent}:${previousPath ?? path}`;
      if (status !== 'removed') afterSpec = `${sha}:${path}`;
      if (status === 'added' || parent === null) file.before = null;
      if (status === 'removed') file.after = null;
    }
    entries.push({ file, beforeSpec, afterSpec });
  }

  // Both sides of every file in two git processes, not two per blob.
  const blobs = await readBlobs(
    repo,
    entries.flatMap((e) => [e.beforeSpec, e.afterSpec].filter((s) => s !== null)),
  );
  for (const { file, beforeSpec, afterSpec } of entries) {
    if (beforeSpec !== null) setSide(file, 'before', blobs.get(beforeSpec));
    if (afterSpec !== null) setSide(file, 'after', blobs.get(afterSpec));
  }
  return { sha, parentSha: parent, message, files: entries.map((e) => e.file) };
}

/** `null` when absent on that side, `undefined` (left unset) when too large to read. */
function setSide(file: ChangedFile, side: 'before' | 'after', blob: string | null | undefined): void {
  if (blob !== undefined) file[side] = blob;
}

/**
 * Reads many `rev:path` blobs with one `git cat-file --batch-check` (sizes) and one
 * `git cat-file --batch` (contents of those small enough). A spec maps to `null` when
 * git has no such blob, to `undefined` when it is larger than MAX_CONTENT_BYTES.
 */
export async function readBlobs(repo: string, specs: readonly string[]): Promise<Map<string, string | null | undefined>> {
  const out = new Map<string, string | null | undefined>();
  // A name with a line break cannot go through the line-based batch protocol (git 2.39 has no -z for it).
  const batchable = [...new Set(specs)].filter((s) => {
    if (!/[\r\n]/.test(s)) return true;
    out.set(s, null);
    return false;
  });
  if (batchable.length === 0) return out;

  const checks = (await gitWithInput(repo, ['cat-file', '--batch-check'], `${batchable.join('\n')}\n`)).toString('utf8').split('\n');
  const wanted: { spec: string; oid: string }[] = [];
  batchable.forEach((spec, i) => {
    const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(checks[i] ?? '');
    if (!m?.[1] || m[2] !== 'blob') out.set(spec, null);
    else if (Number(m[3]) > MAX_CONTENT_BYTES) out.set(spec, undefined);
    else wanted.push({ spec, oid: m[1] });
  });
  if (wanted.length === 0) return out;

  const data = await gitWithInput(repo, ['cat-file', '--batch'], `${wanted.map((w) => w.oid).join('\n')}\n`);
  let at = 0;
  for (const { spec } of wanted) {
    const headerEnd = data.indexOf(0x0a, at);
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(data.toString('utf8', at, headerEnd));
    if (headerEnd === -1 || !m) throw new Error(`git cat-file --batch: unexpected output for ${spec}`);
    const size = Number(m[1]);
    out.set(spec, data.toString('utf8', headerEnd + 1, headerEnd + 1 + size));
    at = headerEnd + 1 + size + 1; // contents are followed by a newline
  }
  return out;
}

function gitWithInput(repo: string, args: string[], input: string): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['-C', repo, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => errors.push(c));
    child.on('error', reject);
    child.stdin.on('error', () => {}); // git exiting early: reported by 'close' with its stderr
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(chunks));
      else reject(new Error(`git ${args.join(' ')} exited with ${code}: ${Buffer.concat(errors).toString('utf8').trim()}`));
    });
    child.stdin.end(input);
  });
}

/**
 * numstat prints renames as `dir/{old => new}.ts` or `old => new`. Read with
 * indexOf, not `^(.*)\{(.*) => (.*)\}(.*)$`, whose four `.*` backtrack polynomially.
 */
function renamedTarget(path: string): string {
  const arrow = path.indexOf(' => ');
  if (arrow === -1) return path;
  const open = path.lastIndexOf('{', arrow);
  const close = path.indexOf('}', arrow);
  if (open !== -1 && close !== -1) return `${path.slice(0, open)}${path.slice(arrow + 4, close)}${path.slice(close + 1)}`.replace('//', '/');
  return path.slice(arrow + 4);
}

/** Splits `git diff` output into each file's hunks (what GitHub calls the file's `patch`). */
function splitPatches(diff: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const section of diff.split(/^diff --git /m).slice(1)) {
    const lines = section.split('\n');
    const to = lines.find((l) => l.startsWith('+++ '));
    const from = lines.find((l) => l.startsWith('--- '));
    // `a/<old> b/<new>`: the last ` b/` separates them (what a greedy `^a\/(.*) b\/(.*)$` found, without its backtracking).
    const first = lines[0] ?? '';
    const sep = first.lastIndexOf(' b/');
    let path = first.startsWith('a/') && sep > 0 ? first.slice(sep + 3) : '';
    if (to && to !== '+++ /dev/null') path = to.slice(6);
    else if (from && from !== '--- /dev/null') path = from.slice(6);
    const start = lines.findIndex((l) => l.startsWith('@@'));
    if (start === -1) continue;
    out.set(path, lines.slice(start).join('\n').replace(/\n$/, ''));
  }
  return out;
}
