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

const DIFF_ARGS = ['diff', '--raw', '--numstat', '-z', '--no-abbrev', '-M', '--no-color', '--unified=3', '-p'];
/** A commit's full object id (SHA-1 or SHA-256). */
const FULL_ID = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;

const STATUS: Record<string, FileStatus> = { A: 'added', M: 'modified', D: 'removed', R: 'renamed', C: 'copied', T: 'changed' };

/**
 * Three git processes per commit: the commit (`git log -1`: sha, parents, message), its diff
 * against the first parent (`git diff --raw --numstat -z -p`: status, blob ids, paths, line counts
 * and every file's patch in one output) and the blobs of both sides (one
 * `git cat-file --batch-command`). It took eight before — each a process start, on the CLI's path
 * for every commit (`npm run bench analyse-cli`). The first two run side by side when the commit
 * is named by its full id.
 */
export async function readGitCommit(repo: string, rev: string): Promise<CommitInput> {
  // `--end-of-options` and the trailing `--`: a rev is never read as an option or a path.
  const log = git(repo, ['log', '-1', '--format=%H%x00%P%x00%B', '--end-of-options', `${rev}^{commit}`, '--']);
  // A commit named by its full id is immutable, so its diff against its first parent can run
  // beside `git log` instead of after it (one git process less on the CLI's critical path); a
  // root commit has no `^` and is diffed against the empty tree once `git log` has said so.
  const early = FULL_ID.test(rev) ? git(repo, [...DIFF_ARGS, '--end-of-options', `${rev}^`, rev]).catch(() => null) : null;
  const head = await log;
  const [sha = '', parentList = '', ...messageParts] = head.split('\0');
  const parent = parentList.trim().split(' ').filter(Boolean)[0] ?? null;
  const base = parent ?? EMPTY_TREE;
  const message = messageParts.join('\0').trimEnd();

  const earlyDiff = parent !== null && sha.toLowerCase() === rev.toLowerCase() ? await early : null;
  const diff = parseDiff(earlyDiff ?? (await git(repo, [...DIFF_ARGS, base, sha])));

  const entries: { file: ChangedFile; beforeSpec: string | null; afterSpec: string | null }[] = [];
  for (const raw of diff.files) {
    const { path, previousPath } = raw;
    const stat = diff.stats.get(path) ?? { additions: 0, deletions: 0, binary: false };
    const status = STATUS[raw.letter] ?? 'modified';
    const file: ChangedFile = { path, status, additions: stat.additions, deletions: stat.deletions };
    if (previousPath !== undefined) file.previousPath = previousPath;
    let beforeSpec: string | null = null;
    let afterSpec: string | null = null;
    if (stat.binary) {
      file.binary = true;
    } else {
      const patch = diff.patches.get(path);
      if (patch !== undefined) file.patch = patch;
      // The blob ids the diff names: the same objects `<parent>:<old path>` and `<sha>:<path>` are.
      if (status !== 'added' && parent !== null) beforeSpec = raw.beforeOid;
      if (status !== 'removed') afterSpec = raw.afterOid;
      if (status === 'added' || parent === null) file.before = null;
      if (status === 'removed') file.after = null;
    }
    entries.push({ file, beforeSpec, afterSpec });
  }

  // Both sides of every file in one git process, not one per blob.
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

interface RawFile {
  letter: string;
  path: string;
  previousPath?: string;
  beforeOid: string;
  afterOid: string;
}

/**
 * `git diff --raw --numstat -z -p`: NUL-terminated raw records (`:<mode> <mode> <oid> <oid> <status>`,
 * then the path, or the old and new paths of a rename or copy), numstat records (`<added>\t<deleted>\t<path>`,
 * or `<added>\t<deleted>\t` then the two paths), an empty record, then the patch as plain text.
 */
function parseDiff(out: string): { files: RawFile[]; stats: Map<string, { additions: number; deletions: number; binary: boolean }>; patches: Map<string, string> } {
  const files: RawFile[] = [];
  const stats = new Map<string, { additions: number; deletions: number; binary: boolean }>();
  let at = 0;
  const next = (): string => {
    const end = out.indexOf('\0', at);
    const token = end === -1 ? out.slice(at) : out.slice(at, end);
    at = end === -1 ? out.length : end + 1;
    return token;
  };
  while (at < out.length && out.charCodeAt(at) === 0x3a /* ':' */) {
    const fields = next().split(' ');
    const code = fields[4] ?? 'M';
    const letter = code[0] ?? 'M';
    const renamed = letter === 'R' || letter === 'C';
    const first = next();
    const file: RawFile = { letter, path: renamed ? next() : first, beforeOid: fields[2] ?? '', afterOid: fields[3] ?? '' };
    if (renamed) file.previousPath = first;
    files.push(file);
  }
  while (at < out.length) {
    const record = next();
    if (record === '') break; // the end of the numstat records; the patch follows
    const tab1 = record.indexOf('\t');
    const tab2 = record.indexOf('\t', tab1 + 1);
    if (tab1 === -1 || tab2 === -1) continue;
    const added = record.slice(0, tab1);
    const deleted = record.slice(tab1 + 1, tab2);
    let path = record.slice(tab2 + 1);
    if (path === '') {
      next(); // the old path of a rename
      path = next();
    }
    stats.set(path, { additions: Number(added) || 0, deletions: Number(deleted) || 0, binary: added === '-' });
  }
  return { files, stats, patches: splitPatches(out.slice(at)) };
}

/** `null` when absent on that side, `undefined` (left unset) when too large to read. */
function setSide(file: ChangedFile, side: 'before' | 'after', blob: string | null | undefined): void {
  if (blob !== undefined) file[side] = blob;
}

/**
 * Reads many blobs (`rev:path` or object ids) with one `git cat-file --batch-command`: `info` for
 * every one first (type and size), then `contents` for those small enough, in the same process. A
 * spec maps to `null` when git has no such blob, to `undefined` when it is larger than
 * MAX_CONTENT_BYTES (never read). A git older than 2.36 (no --batch-command) gets the two
 * processes of before: `--batch-check`, then `--batch`.
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

  const wanted: { spec: string; oid: string }[] = [];
  const sort = (checks: string[]) =>
    batchable.forEach((spec, i) => {
      const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(checks[i] ?? '');
      if (!m?.[1] || m[2] !== 'blob') out.set(spec, null);
      else if (Number(m[3]) > MAX_CONTENT_BYTES) out.set(spec, undefined);
      else wanted.push({ spec, oid: m[1] });
    });
  let data: Buffer;
  try {
    data = await batchCommand(repo, batchable, (checks) => {
      sort(checks);
      return wanted.map((w) => w.oid);
    });
  } catch (err) {
    if (!(err instanceof BatchCommandUnsupported)) throw err;
    wanted.length = 0;
    sort((await gitWithInput(repo, ['cat-file', '--batch-check'], `${batchable.join('\n')}\n`)).toString('utf8').split('\n'));
    data = wanted.length === 0 ? Buffer.alloc(0) : await gitWithInput(repo, ['cat-file', '--batch'], `${wanted.map((w) => w.oid).join('\n')}\n`);
  }
  let at = 0;
  for (const { spec } of wanted) {
    const headerEnd = data.indexOf(0x0a, at);
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(data.toString('utf8', at, headerEnd));
    if (headerEnd === -1 || !m) throw new Error(`git cat-file: unexpected output for ${spec}`);
    const size = Number(m[1]);
    out.set(spec, data.toString('utf8', headerEnd + 1, headerEnd + 1 + size));
    at = headerEnd + 1 + size + 1; // contents are followed by a newline
  }
  return out;
}

class BatchCommandUnsupported extends Error {}

/**
 * One `git cat-file --batch-command --buffer`: asks `info` for every spec, hands the answer lines to
 * `contentsFor`, asks `contents` for the object ids it returns, and resolves to what followed the
 * info lines (the contents, each as `--batch` prints it).
 */
function batchCommand(repo: string, specs: readonly string[], contentsFor: (infoLines: string[]) => string[]): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['-C', repo, 'cat-file', '--batch-command', '--buffer'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    let seen = 0; // bytes received
    let infoEnd = -1; // where the info lines end in the output
    let newlines = 0;
    const onInfo = () => {
      const head = Buffer.concat(chunks);
      const lines = head.toString('utf8', 0, infoEnd).split('\n');
      const oids = contentsFor(lines);
      child.stdin.end(oids.length === 0 ? '' : `${oids.map((o) => `contents ${o}`).join('\n')}\nflush\n`);
    };
    child.stdout.on('data', (c: Buffer) => {
      chunks.push(c);
      if (infoEnd === -1) {
        // The info answers are one line each: find the end of the specs.length-th line.
        for (let i = 0; i < c.length; i++) {
          if (c[i] !== 0x0a) continue;
          if (++newlines === specs.length) {
            infoEnd = seen + i + 1;
            onInfo();
            break;
          }
        }
      }
      seen += c.length;
    });
    child.stderr.on('data', (c: Buffer) => errors.push(c));
    child.on('error', reject);
    child.stdin.on('error', () => {}); // git exiting early: reported by 'close' with its stderr
    child.on('close', (code) => {
      const stderr = Buffer.concat(errors).toString('utf8').trim();
      if (code === 129 && infoEnd === -1) reject(new BatchCommandUnsupported(stderr));
      else if (code !== 0 || infoEnd === -1) reject(new Error(`git cat-file --batch-command exited with ${code}: ${stderr}`));
      else resolvePromise(Buffer.concat(chunks).subarray(infoEnd));
    });
    child.stdin.write(`${specs.map((s) => `info ${s}`).join('\n')}\nflush\n`);
  });
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
