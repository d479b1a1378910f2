#!/usr/bin/env -S npx tsx
/**
 * `npm run analyse -- --repo <path> --commit <sha>`: the vet report of one
 * commit of a local git repository, as JSON (both sides read with git).
 * `npm run analyse -- --functions <file>...`: every function's metrics, as JSON.
 *
 * The same engine the worker runs on pushed commits (issue #3); this is how
 * users try it on their own repos and how the engine is checked from outside.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyseCommitWith, analyseSource, createParsePool, detectLanguage, inThreadParser } from '../analysis/index.ts';
import { readGitCommit } from '../analysis/git-commit.ts';
import { readAnalyseCliEnv, type AnalyseCliEnv } from './env.ts';

const USAGE = `usage:
  analyse --repo <path> --commit <sha>     vet report of one commit (JSON)
  analyse --functions <file>...            per-function metrics (JSON)`;

/** Below this many files, starting worker threads costs more than it saves. */
const POOL_THRESHOLD = 8;

async function main(argv: string[], env: AnalyseCliEnv): Promise<number> {
  const userCwd = env.USER_CWD;
  const { values, positionals } = parseArgs({
    args: argv,
    options: { repo: { type: 'string' }, commit: { type: 'string' }, functions: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
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
  if (!values.repo || !values.commit) return usage('--repo and --commit go together');
  if (positionals.length > 0) return usage(`unexpected argument ${positionals[0]}`);
  const input = await readGitCommit(resolve(userCwd, values.repo), values.commit);
  const pool = input.files.length >= POOL_THRESHOLD ? createParsePool() : inThreadParser;
  try {
    const report = await analyseCommitWith(input, { pool });
    console.log(JSON.stringify({ commit: input.sha, parent: input.parentSha ?? null, message: input.message, ...report }, null, 2));
    return 0;
  } finally {
    await pool.close();
  }
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
