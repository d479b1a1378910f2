/**
 * Real JavaScript from well-known packages in node_modules: the reference corpus
 * for the ESLint agreement test and the bench (issue #3). Deterministic order so
 * numbers are comparable between runs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** [directory under node_modules, how many of its .js files to take]. */
const SOURCES: [string, number][] = [
  ['eslint/lib/rules', 300],
  ['ws/lib', 20],
  ['pg/lib', 20],
  ['semver/classes', 10],
  ['semver/functions', 30],
  ['semver/ranges', 20],
  ['ioredis/built', 20],
  ['pino/lib', 20],
  ['ajv/lib/compile', 20],
  ['debug/src', 10],
  ['acorn/dist', 1],
  ['yargs/build/lib', 20],
  ['esquery/dist', 1],
];

/** TypeScript sources that packages ship (not declarations): the TS side of the agreement test. */
const TS_SOURCES: [string, number][] = [
  ['rxjs/src/internal', 40],
  ['rxjs/src/internal/operators', 60],
  ['zod/src/v3', 20],
  ['zod/src/v4/core', 20],
  ['puppeteer-core/src/cdp', 30],
  ['pg-protocol/src', 10],
];

export interface CorpusFile {
  path: string;
  source: string;
}

/** @param scale fraction of each source's file budget (tests use a slice, the bench all of it). */
export function loadCorpus(scale = 1): CorpusFile[] {
  return load(SOURCES, scale, (n) => n.endsWith('.js') && !n.endsWith('.min.js'));
}

export function loadTsCorpus(scale = 1): CorpusFile[] {
  return load(TS_SOURCES, scale, (n) => /\.tsx?$/.test(n) && !n.endsWith('.d.ts') && !/\.(test|spec)\.ts$/.test(n));
}

function load(sources: [string, number][], scale: number, wanted: (name: string) => boolean): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const [dir, count] of sources) {
    const abs = join(REPO_ROOT, 'node_modules', dir);
    if (!existsSync(abs)) continue;
    const names = readdirSync(abs)
      .filter(wanted)
      .sort()
      .slice(0, Math.max(1, Math.round(count * scale)));
    for (const name of names) {
      const path = join(abs, name);
      if (!statSync(path).isFile()) continue;
      files.push({ path: path.slice(REPO_ROOT.length + 1), source: readFileSync(path, 'utf8') });
    }
  }
  return files;
}
