#!/usr/bin/env -S npx tsx
/**
 * `npm run analyse -- --repo <path> --commit <sha>`: the vet report of one
 * commit of a local git repository, as JSON (both sides read with git).
 * `npm run analyse -- --functions <file>...`: every function's metrics, as JSON.
 * `npm run analyse -- --repo <path> --range <base>..<head>`: the PR check report of a local branch
 * (worker/src/checks/report.ts: the same shape a check stores, with no CI and PR number 0), before
 * it is even pushed.
 *
 * The same engine the worker runs on pushed commits (issue #3); this is how
 * users try it on their own repos and how the engine is checked from outside.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import Parser from 'web-tree-sitter';
import type { CommitFacts } from '../checks/report.ts';
import { analyseCommitWith, analyseSource, createParsePool, detectLanguage, inThreadParser } from '../analysis/index.ts';
import { readGitCommit } from '../analysis/git-commit.ts';
import { readAnalyseCliEnv, type AnalyseCliEnv } from './env.ts';

const USAGE = `usage:
  analyse --repo <path> --commit <sha>     vet report of one commit (JSON)
  analyse --functions <file>...            per-function metrics (JSON)
  analyse --repo <path> --range <base>..<head>
                                           PR check report of a local range (JSON)`;

// A short-lived process: the parsers' WebAssembly (MBs of grammars) is compiled by V8's baseline
// compiler only. Optimising it too was most of the CPU a one-commit run spent, far more than the
// parsing it sped up (`npm run bench analyse-cli`); the long-running worker keeps V8's default.
// Set before anything compiles WebAssembly (the parsers load on first use); V8's flags are
// process-wide, so the parse pool's threads follow.
setFlagsFromString('--no-wasm-dynamic-tiering');
setFlagsFromString('--no-wasm-tier-up');

/**
 * Below this much source to parse (both sides of every file in a language we parse, in characters),
 * starting worker threads costs more than it saves: each thread loads and compiles the parsers
 * itself. On ky's commits of 9–12 files (120–450 KB) the pool cost 0.38–0.79 s of CPU against
 * 0.20–0.55 s in the calling thread, and more wall time too on a busy 2-core machine.
 */
const POOL_MIN_CHARS = 1024 * 1024;

function charsToParse(input: Awaited<ReturnType<typeof readGitCommit>>): number {
  let n = 0;
  for (const f of input.files) if (detectLanguage(f.path, f.after ?? f.before ?? '')) n += (f.before?.length ?? 0) + (f.after?.length ?? 0);
  return n;
}

async function main(argv: string[], env: AnalyseCliEnv): Promise<number> {
  const userCwd = env.USER_CWD;
  const { values, positionals } = parseArgs({
    args: argv,
    options: { repo: { type: 'string' }, commit: { type: 'string' }, range: { type: 'string' }, functions: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.functions) {
    if (positionals.length === 0) return usage('--functions needs at least one file');
    const out = [];
    for (const file of positionals) {
      const source = await readFile(resolve(userCwd, file), 'utf8');
      const language = detectLanguage(file, source);
      if (!language) {
        out.push({ file, error: 'unsupported language' });
        continue;
      }
      const m = await analyseSource(source, language);
      out.push({
        file,
        language,
        functions: m.functions.map((f) => ({ name: f.name, line: f.line, complexity: f.complexity, length: f.length, nesting: f.maxNesting })),
      });
    }
    console.log(JSON.stringify(out, null, 2));
    return 0;
  }
  if (values.repo && values.range) {
    if (values.commit) return usage('--commit and --range exclude each other');
    const m = /^([^.\s][^\s]*?)\.\.(?!\.)([^\s]+)$/.exec(values.range);
    if (!m) return usage('--range is <base>..<head>');
    return analyseRange(resolve(userCwd, values.repo), m[1]!, m[2]!);
  }
  if (!values.repo || !values.commit) return usage('--repo and --commit go together');
  if (positionals.length > 0) return usage(`unexpected argument ${positionals[0]}`);
  // The parsers' runtime compiles (off this thread) while git reads the commit; the engine's own
  // Parser.init() (worker/src/analysis/parser.ts) then gets the same promise, and any failure.
  Parser.init().catch(() => {});
  const input = await readGitCommit(resolve(userCwd, values.repo), values.commit);
  const pool = charsToParse(input) >= POOL_MIN_CHARS ? createParsePool() : inThreadParser;
  try {
    const report = await analyseCommitWith(input, { pool });
    console.log(JSON.stringify({ commit: input.sha, parent: input.parentSha ?? null, message: input.message, ...report }, null, 2));
    return 0;
  } finally {
    await pool.close();
  }
}

/** Every commit of base..head (oldest first), analysed and reported as a PR check would be. */
async function analyseRange(repo: string, base: string, head: string): Promise<number> {
  const git = async (args: string[]) => (await promisify(execFile)('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
  const baseSha = await git(['rev-parse', '--verify', `${base}^{commit}`]);
  const headSha = await git(['rev-parse', '--verify', `${head}^{commit}`]);
  const shas = (await git(['rev-list', '--reverse', '--first-parent', `${baseSha}..${headSha}`])).split('\n').filter(Boolean);
  const commits: CommitFacts[] = [];
  const pool = createParsePool();
  try {
    for (const sha of shas) {
      const input = await readGitCommit(repo, sha);
      const analysis = await analyseCommitWith(input, { pool });
      commits.push({ sha: input.sha, message: input.message, author: null, analysis, files: input.files.map((f) => f.path) });
    }
  } finally {
    await pool.close();
  }
  const pr = { owner: 'local', name: basename(repo), number: 0, headSha, baseSha, author: null, authorType: null, fork: false };
  // Loaded here, not at the top: the other modes need neither the check report nor what it imports
  // (in the compiled CLI, dist/, a chunk of its own).
  const { buildReport } = await import('../checks/report.ts');
  console.log(JSON.stringify(buildReport(pr, commits, []), null, 2));
  return 0;
}

function usage(problem: string): number {
  console.error(`${problem}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2), readAnalyseCliEnv()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
