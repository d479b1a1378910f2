/**
 * The workspaces depend on each other in one direction only:
 *
 *   domain ← db ← worker
 *   domain ← db ← api (→ worker only in its embedded composition root, src/bin/start-embedded.ts)
 *   domain ← browser-extension, site
 *
 * This test reads every import in every workspace (source and tests) and fails
 * on one that crosses a boundary: a package the table below does not allow, or
 * a relative path into a sibling workspace. It also asks madge for module
 * cycles. The README's "Workspaces" section explains the rules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const ROOT = dirname(fileURLToPath(import.meta.url));

type Pkg = 'domain' | 'db' | 'worker' | 'api' | 'browser-extension' | 'site';
interface Rule {
  dir: string;
  /** @tamagitto packages (with subpaths) the workspace's source may import. */
  src: readonly string[];
  /** What its tests may import in addition: the composed system they exercise. */
  test: readonly string[];
  /** Source files allowed one more import: the composition root. */
  roots?: Record<string, readonly string[]>;
}

export const RULES: Record<Pkg, Rule> = {
  domain: { dir: 'db/domain', src: [], test: [] },
  db: { dir: 'db', src: ['@tamagitto/domain'], test: [] },
  worker: { dir: 'worker', src: ['@tamagitto/domain', '@tamagitto/db'], test: ['@tamagitto/db/testing'] },
  api: {
    dir: 'api',
    src: ['@tamagitto/domain', '@tamagitto/db'],
    // The api's tests run the whole system: real server and the worker in one process.
    test: ['@tamagitto/db/testing', '@tamagitto/worker'],
    roots: { 'src/bin/start-embedded.ts': ['@tamagitto/worker'] },
  },
  'browser-extension': { dir: 'browser-extension', src: ['@tamagitto/domain'], test: ['@tamagitto/api/testing'] },
  site: { dir: 'site', src: ['@tamagitto/domain'], test: [] },
};

const SKIP_DIRS = new Set(['node_modules', 'dist', 'test-artifacts', 'coverage', '.data']);
const CODE = /\.(ts|tsx|mts|mjs|js)$/;

function filesOf(dir: string, nested: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (SKIP_DIRS.has(name) || nested.includes(path)) continue;
    if (statSync(path).isDirectory()) out.push(...filesOf(path, nested));
    else if (CODE.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every module specifier a file imports, re-exports or loads dynamically. */
export function specifiersOf(source: string): string[] {
  const out: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const re of [/\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g]) {
    for (const m of code.matchAll(re)) out.push(m[1]!);
  }
  return out;
}

const isTestFile = (rel: string) => /(^|\/)(test|tests|bench|scripts)\//.test(rel) || /\.test\.tsx?$/.test(rel) || /(^|\/)vitest\.config\.ts$/.test(rel);

export interface Violation {
  file: string;
  specifier: string;
  why: string;
}

/** Checks every file of every workspace under `root` against `rules`. */
export function boundaryViolations(root: string, rules: Record<string, Rule>): Violation[] {
  const dirs = Object.entries(rules).map(([name, r]) => ({ name, abs: resolve(root, r.dir) }));
  // The innermost workspace owns a path (db/domain sits inside db).
  const owner = (abs: string) =>
    dirs.filter((d) => abs === d.abs || abs.startsWith(d.abs + sep)).sort((a, b) => b.abs.length - a.abs.length)[0]?.name ?? null;
  const violations: Violation[] = [];
  for (const [name, rule] of Object.entries(rules)) {
    const wsDir = resolve(root, rule.dir);
    const nested = dirs.filter((d) => d.name !== name && d.abs.startsWith(wsDir + sep)).map((d) => d.abs);
    for (const file of filesOf(wsDir, nested)) {
      const rel = relative(wsDir, file).split(sep).join('/');
      const allowed = new Set([...rule.src, ...(isTestFile(rel) ? rule.test : []), ...(rule.roots?.[rel] ?? [])]);
      for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
        const where = `${rule.dir}/${rel}`;
        if (spec.startsWith('@tamagitto/')) {
          // Exact entry points only: '@tamagitto/db' does not open '@tamagitto/db/testing' to production code.
          if (!allowed.has(spec)) violations.push({ file: where, specifier: spec, why: `${name} may not import ${spec}` });
        } else if (spec.startsWith('.')) {
          const target = owner(resolve(dirname(file), spec));
          if (target !== name) violations.push({ file: where, specifier: spec, why: `relative path into ${target ?? 'outside any workspace'}: import its package instead` });
        } else if (name === 'domain' && !isTestFile(rel)) {
          violations.push({ file: where, specifier: spec, why: 'the domain package imports nothing' });
        }
      }
    }
  }
  return violations;
}

describe('workspace boundaries', () => {
  it('no workspace imports what the dependency table forbids, tests included', () => {
    expect(boundaryViolations(ROOT, RULES)).toEqual([]);
  });

  it('each package.json declares only the workspaces it may use', () => {
    for (const [name, rule] of Object.entries(RULES)) {
      const pkg = JSON.parse(readFileSync(join(ROOT, rule.dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      const runtime = Object.keys(pkg.dependencies ?? {}).filter((d) => d.startsWith('@tamagitto/'));
      const dev = Object.keys(pkg.devDependencies ?? {}).filter((d) => d.startsWith('@tamagitto/'));
      const base = (s: string) => s.split('/').slice(0, 2).join('/');
      const roots = Object.values(rule.roots ?? {}).flat();
      expect(runtime.filter((d) => ![...rule.src, ...roots].map(base).includes(d)), `${name} dependencies`).toEqual([]);
      expect(dev.filter((d) => ![...rule.src, ...rule.test, ...roots].map(base).includes(d)), `${name} devDependencies`).toEqual([]);
    }
    const domain = JSON.parse(readFileSync(join(ROOT, RULES.domain.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(domain.dependencies).toBeUndefined();
  });

  it('every dependency, in every package.json and the root overrides, is pinned to an exact version (npm ci installs what was tested)', () => {
    const EXACT = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
    const loose: string[] = [];
    for (const dir of ['.', ...Object.values(RULES).map((r) => r.dir)]) {
      const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'overrides']) {
        for (const [name, range] of Object.entries((pkg[field] ?? {}) as Record<string, unknown>)) {
          if (typeof range !== 'string' || !EXACT.test(range)) loose.push(`${dir}/package.json ${field} ${name}: ${JSON.stringify(range)}`);
        }
      }
    }
    expect(loose).toEqual([]);
    expect(['*', '^1.2.3', '~1.2.3', '>=1', '1.x', 'latest', '1.2'].filter((r) => EXACT.test(r)), 'the pattern refuses ranges').toEqual([]);
  });

  it('the checker catches a forbidden package, a relative path into a sibling and an import in the domain', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'tg-boundaries-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('db/domain/src/index.ts', "import { readFileSync } from 'node:fs';\nexport const x = 1;\n");
    write('db/src/index.ts', "import { x } from '@tamagitto/domain';\nimport { y } from '../../worker/src/y.ts';\n");
    write('worker/src/y.ts', "export const y = 2;\n");
    write('site/src/main.ts', "import { startWorker } from '@tamagitto/worker';\nimport type { PetDto } from '@tamagitto/domain';\n// import { z } from '@tamagitto/api';\n");
    write('site/test/ok.test.ts', "import { x } from '@tamagitto/domain';\n");
    const rules = { domain: RULES.domain, db: RULES.db, worker: RULES.worker, site: RULES.site };
    expect(boundaryViolations(root, rules).map((v) => `${v.file} ${v.specifier}`)).toEqual([
      'db/domain/src/index.ts node:fs',
      'db/src/index.ts ../../worker/src/y.ts',
      'site/src/main.ts @tamagitto/worker',
    ]);
  });

  it('madge finds no module cycle in any workspace', async () => {
    const result = await madge(Object.values(RULES).map((r) => join(ROOT, r.dir, 'src')), {
      fileExtensions: ['ts', 'tsx'],
      excludeRegExp: [/node_modules/, /\/dist\//],
    });
    expect(result.circular()).toEqual([]);
  }, 60_000);
});
