import { afterAll, describe, expect, it } from 'vitest';
import { analyseCommitWith, createParsePool, inThreadParser } from '../../src/analysis/index.ts';
import type { ParsePool } from '../../src/analysis/index.ts';
import { SKIPPED_PARAMS, type ChangedFile } from '@tamagitto/domain';
import { coverageFormat, parseCoverage } from '../../src/analysis/coverage.ts';
import { parsePatch } from '../../src/analysis/patch.ts';

const pool = createParsePool(2);
afterAll(() => pool.close());

function commit(files: ChangedFile[]) {
  return { sha: 'c0ffee', parentSha: 'beef', message: 'test', files };
}

function added(path: string, after: string): ChangedFile {
  const lines = after.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '');
  return { path, status: 'added', additions: lines.length, deletions: 0, before: null, after, patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}` };
}

const SOURCE = `export function pick(list, strict = false) {\n  if (!list || list.length === 0) return null;\n  return strict ? list[0] : list.at(-1);\n}\n`;

describe('parse pool (worker_threads) under vitest', () => {
  it('parses in worker threads and agrees with in-thread parsing', async () => {
    const task = { source: SOURCE, language: 'javascript' as const, countTests: false };
    const [threaded, local] = await Promise.all([pool.parse(task), inThreadParser.parse(task)]);
    expect(pool.threads).toBe(2);
    expect(threaded).toEqual(local);
    expect(threaded.functions[0]).toMatchObject({ name: 'pick', complexity: 5 });
  });

  it('runs several files at once', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => pool.parse({ source: SOURCE, language: 'javascript', countTests: false })));
    expect(results.map((r) => r.functions[0]?.complexity)).toEqual([5, 5, 5, 5, 5, 5]);
  });
});

describe('analyseCommit', () => {
  it('falls back to the patch alone when contents are missing, and says so', async () => {
    const r = await analyseCommitWith(
      commit([{ path: 'src/a.ts', status: 'modified', additions: 3, deletions: 0, patch: '@@ -1,2 +1,5 @@\n function f(a) {\n+  if (a && a.b) {\n+    return 1;\n+  }\n   return 0;' }]),
      { pool },
    );
    expect(r.partial).toBe(true);
    expect(r.metrics.complexity_increase).toBe(2);
    expect(r.findings.some((f) => f.rule === 'complexity-from-patch')).toBe(true);
  });

  it('analyses an added file from its patch alone (the patch holds the whole file)', async () => {
    const file = added('src/new.js', SOURCE);
    const r = await analyseCommitWith(commit([{ ...file, before: undefined, after: undefined }]), { pool });
    expect(r.partial).toBe(false);
    expect(r.metrics.functions_added).toBe(1);
    expect(r.metrics.files_analysed).toBe(1);
  });

  it('marks a commit with 3,000 listed files (GitHub\'s cap) as partial', async () => {
    const files = Array.from({ length: 3000 }, (_, i) => ({ ...added(`docs/p${i}.md`, 'x\n') }));
    const r = await analyseCommitWith(commit(files), { pool });
    expect(r.partial).toBe(true);
    expect(r.metrics.doc_files_changed).toBe(3000);
  });

  it('keeps the event loop responsive on a huge commit', async () => {
    const line = (i: number) => `export const value${i} = compute(${i}); // padding padding padding padding`;
    const files = Array.from({ length: 800 }, (_, f) => added(`docs/page-${f}.md`, `${Array.from({ length: 250 }, (_, i) => line(i)).join('\n')}\n`));
    // Measured in this process's CPU time, not wall time: the most CPU the process spent between
    // two turns of a 1 ms timer. Wall-clock stalls also count the time another process held
    // the core (a CI run at a load of 15 saw a 339 ms stall in a 956 ms call and failed), CPU
    // time does not; and a count of ticks would depend on the machine's speed. No absolute
    // bound on one stall: process CPU includes a full GC of this test's 200,000-line heap and
    // the GC's helper threads, which a loaded CI machine stretched to 198 ms between two turns
    // (stop 23) while the engine itself yielded every 10 ms.
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const started = cpuMs();
    let last = started;
    let longestStall = 0;
    let turns = 0;
    const timer = setInterval(() => {
      const now = cpuMs();
      longestStall = Math.max(longestStall, now - last);
      last = now;
      turns += 1;
    }, 1);
    const r = await analyseCommitWith(commit(files), { pool });
    clearInterval(timer);
    const ended = cpuMs();
    longestStall = Math.max(longestStall, ended - last);
    expect(r.metrics.doc_files_changed).toBe(800);
    // 200,000 added lines scanned in one call, yet the loop got many turns meanwhile: a scan
    // that never yielded would give the timer no turn at all and spend the whole call's CPU
    // between two turns (the engine yields every 10 ms of wall time, between files).
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(ended - started).toBeGreaterThan(3 * longestStall);
  });

  it('skips binary and oversized files and lists them', async () => {
    const big = 'export const x = 1;\n'.repeat(2000);
    const r = await analyseCommitWith(commit([{ path: 'img/logo.png', status: 'added', additions: 0, deletions: 0, binary: true }, added('src/big.js', big)]), {
      pool,
      maxFileBytes: 10_000,
    });
    expect(r.skippedFiles.map((s) => s.path)).toEqual(['img/logo.png', 'src/big.js']);
    expect(r.skippedFiles[1]?.reason).toMatch(/too large/);
    expect(r.partial).toBe(true);
  });

  it('gives each skipped entry a code and the numbers of its English reason as params (SKIPPED_PARAMS), the reason unchanged', async () => {
    const big = 'export const x = 1;\n'.repeat(2000);
    const long = `export const s = '${'x'.repeat(5000)}';\n`;
    const r = await analyseCommitWith(
      commit([{ path: 'img/logo.png', status: 'added', additions: 0, deletions: 0, binary: true }, added('src/big.js', big), added('src/long.js', long), { path: 'src/huge.ts', status: 'modified', additions: 9000, deletions: 10 }]),
      { pool, maxFileBytes: 10_000 },
    );
    expect(r.skippedFiles).toEqual([
      { path: 'img/logo.png', reason: 'binary', code: 'binary', params: {} },
      { path: 'src/big.js', reason: 'too large to parse (39 KiB > 10 KiB)', code: 'too_large', params: { sizeKiB: 39, limitKiB: 10 } },
      expect.objectContaining({ path: 'src/long.js', code: 'long_lines', params: { count: 1, limit: 4096, longest: long.length - 1 } }),
      { path: 'src/huge.ts', reason: 'no patch or contents (GitHub omits them for very large diffs)', code: 'no_changes', params: {} },
    ]);
    expect(r.skippedFiles[2]!.reason).toBe(`1 line(s) longer than 4096 characters (longest ${long.length - 1}): style and dangerous-call rules read the first 4096 of each`);
    // Every code is one of the table's, with exactly its params.
    for (const s of r.skippedFiles) expect(Object.keys(s.params ?? {}), s.code).toEqual([...SKIPPED_PARAMS[s.code!]]);
  });

  it('marks files not parsed within the time budget', async () => {
    // A pool that takes longer than the budget, so the outcome does not depend on machine load.
    const later = <T>(work: () => Promise<T>) => new Promise<T>((resolve) => setTimeout(() => resolve(work()), 300));
    const slow: ParsePool = {
      threads: 1,
      parse: (t) => later(() => inThreadParser.parse(t)),
      parsePair: (t) => later(() => inThreadParser.parsePair(t)),
      close: async () => {},
    };
    const r = await analyseCommitWith(commit([added('src/a.js', SOURCE), added('README.md', '# hi\n')]), { pool: slow, timeBudgetMs: 30 });
    expect(r.partial).toBe(true);
    expect(r.skippedFiles).toEqual([{ path: 'src/a.js', reason: 'time budget (30 ms) exhausted', code: 'time_budget', params: { budgetMs: 30 } }]);
    expect(r.metrics.doc_files_changed).toBe(1);
  });

  it('excludes vendored, built, minified, lock and generated files from code metrics, but still scans them for secrets', async () => {
    const complex = 'function f(a){if(a&&a.b||a.c){for(;;){if(a)return 1}}return a?1:2}\n';
    const r = await analyseCommitWith(
      commit([
        added('node_modules/x/index.js', complex),
        added('vendor/lib.js', complex),
        added('dist/app.js', complex),
        added('public/app.min.js', complex),
        added('src/gen.ts', `// Code generated by protoc-gen-ts. DO NOT EDIT.\n${complex}`),
        added('dist/config.js', `const k = "AKIA${'Q4ZL7NVC2WJ3RT5K'}";\n`),
      ]),
      { pool },
    );
    expect(r.metrics.files_analysed).toBe(0);
    expect(r.metrics.complexity_increase).toBe(0);
    expect(r.metrics.secrets_found).toBe(1);
  });

  it('detects a script by its shebang', async () => {
    const r = await analyseCommitWith(commit([added('bin/release', `#!/usr/bin/env node\nfunction main(a) { return a || 1; }\n`)]), { pool });
    expect(r.metrics.files_analysed).toBe(1);
    expect(r.metrics.languages).toEqual(['javascript']);
  });

  it('never echoes a secret in the result', async () => {
    const token = 'ghp_' + 'R8xk2LpQ9vTz4Wm7Yb1Nc5Hd3Jf6Gs0Ae8Ku';
    const r = await analyseCommitWith(commit([added('src/gh.ts', `export const token = '${token}';\n`)]), { pool });
    expect(r.metrics.secrets_found).toBe(1);
    expect(JSON.stringify(r)).not.toContain(token.slice(4, 12));
    expect(r.findings[0]).toMatchObject({ group: 'security', severity: 'error', rule: 'secret/github-token', line: 1 });
  });

  it('a committed keystore warns though it is binary (never read); a public key file does not', async () => {
    const r = await analyseCommitWith(
      commit([
        { path: 'android/release.jks', status: 'added', additions: 0, deletions: 0, binary: true },
        added('support/llvm-snapshot.gpg.key', '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFE9lCwBEADi0WUAApM/mgHJRU8lVkkw\n-----END PGP PUBLIC KEY BLOCK-----\n'),
      ]),
      { pool },
    );
    expect(r.findings.filter((f) => f.rule === 'sensitive-file').map((f) => f.file)).toEqual(['android/release.jks']);
    expect(r.metrics.linting_violations).toBeGreaterThan(0);
    expect(r.skippedFiles).toEqual([expect.objectContaining({ path: 'android/release.jks', code: 'binary' })]);
  });

  it("Python: a module named with a leading underscore is internal, so its functions want no doc comment (click's _compat.py)", async () => {
    const source = 'def should_strip_ansi(stream=None):\n    return stream is None\n';
    const r = await analyseCommitWith(commit([added('src/click/_compat.py', source), added('src/click/utils.py', source), added('src/click/__init__.py', source)]), { pool });
    expect(r.findings.filter((f) => f.rule === 'missing-doc-comment').map((f) => f.file)).toEqual(['src/click/utils.py', 'src/click/__init__.py']);
  });

  it("example programs and internal or private folders are no API: their functions want no doc comment, and C's `main` never does (nlohmann/json's docs/examples, gin's internal/, serde's private/); a doc/ package is (cobra's)", async () => {
    const program = 'int main() {\n    return run(1);\n}\nint run(int n) {\n    return n;\n}\n';
    const r = await analyseCommitWith(
      commit([added('docs/examples/at__size_type.cpp', program), added('examples/basic/demo.c', program), added('src/lib.c', program), added('Examples/tool.go', 'package main\n\nfunc Run() {}\n'), added('playground/test-utils.ts', 'export function formatSourcemap() {}\n'), added('Rakefile', 'def linkify_prs(text)\n  text\nend\n'), added('benchmarking/compare/generate-report.js', 'export function generate_report() {}\n'), added('doc/md_docs.go', 'package doc\n\nfunc GenMarkdown() {}\n'), added('internal/bytesconv/bytes.go', 'package bytesconv\n\nfunc StringToBytes() {}\n'), added('serde/src/private/de.rs', 'pub fn borrow_cow_str() {}\n')]),
      { pool },
    );
    expect(r.findings.filter((f) => f.rule === 'missing-doc-comment').map((f) => `${f.file} ${f.function}`)).toEqual(['src/lib.c run', 'doc/md_docs.go GenMarkdown']);
  });

  describe('a function the commit moves or renames is no new code', () => {
    // Complexity 8 and 90 lines: as new code it is a new complex function, too long, and untested.
    const body = (name: string) =>
      `export function ${name}(input, options) {\n` +
      '  let out = 0;\n' +
      Array.from({ length: 7 }, (_, i) => `  if (input.k${i} && options.k${i}) {\n${'    out += 1;\n'.repeat(10)}  }\n`).join('') +
      '  return out;\n}\n';
    const removedFile = (path: string, before: string): ChangedFile => {
      const lines = before.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '');
      return { path, status: 'removed', additions: 0, deletions: lines.length, before, after: null, patch: `@@ -1,${lines.length} +0,0 @@\n${lines.map((l) => `-${l}`).join('\n')}` };
    };
    const modified = (path: string, before: string, after: string): ChangedFile => ({ path, status: 'modified', additions: 1, deletions: 1, before, after });
    const judged = (r: Awaited<ReturnType<typeof analyseCommitWith>>) => ({
      rules: r.findings.filter((f) => f.group === 'complexity' || f.group === 'style').map((f) => f.rule),
      complexity: r.metrics.complexity_increase,
      codeLines: r.metrics.code_lines_added,
      added: r.metrics.functions_added,
      removed: r.metrics.functions_removed,
    });

    it('to a file of its own (serde: "Move body generator for structs to its own module"): judged as the function it was', async () => {
      const asNew = judged(await analyseCommitWith(commit([added('src/de/struct.js', body('deserializeStruct'))]), { pool }));
      expect(asNew.rules).toEqual(expect.arrayContaining(['new-complex-function', 'max-function-length']));
      expect(asNew.complexity).toBeGreaterThan(0);
      expect(asNew.codeLines).toBeGreaterThan(80);
      const moved = judged(await analyseCommitWith(commit([removedFile('src/de.js', `${body('deserializeStruct')}export const x = 1;\n`), added('src/de/struct.js', body('deserializeStruct'))]), { pool }));
      expect(moved).toEqual({ rules: [], complexity: 0, codeLines: 0, added: 0, removed: 0 });
    });

    it('renamed in its file (serde: "Rename all other generate_body -> deserialize"), a line shorter: judged as the function it was', async () => {
      const before = body('generateBody');
      const after = body('deserialize').replace('    out += 1;\n', '');
      const r = judged(await analyseCommitWith(commit([modified('src/de/tuple.js', before, after)]), { pool }));
      expect(r).toEqual({ rules: [], complexity: 0, codeLines: 0, added: 0, removed: 0 });
    });

    it('a different function of another shape is new, though the commit removed one', async () => {
      const other = body('other').replace('  let out = 0;', '  let out = 0;\n  if (input.z) out = 1;');
      const r = judged(await analyseCommitWith(commit([removedFile('src/old.js', body('gone')), added('src/new.js', other)]), { pool }));
      expect(r.rules).toContain('new-complex-function');
      expect([r.added, r.removed]).toEqual([1, 1]);
    });
  });

  describe('a secret the commit moves between its files', () => {
    const KEY = `SECRET_KEY = "${'5f352379324c22463451387a'}0aec5d2f"`;
    const removed = (path: string, before: string): ChangedFile => {
      const lines = before.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '');
      return { path, status: 'removed', additions: 0, deletions: lines.length, before, after: null, patch: `@@ -1,${lines.length} +0,0 @@\n${lines.map((l) => `-${l}`).join('\n')}` };
    };
    const security = (r: Awaited<ReturnType<typeof analyseCommitWith>>) => ({
      secrets: r.metrics.secrets_found,
      findings: r.findings.filter((f) => f.group === 'security').map((f) => ({ rule: f.rule, file: f.file, from: f.params?.from })),
    });

    it('moved to a new file (git saw no rename): secret-moved-from, not counted (counted without the commit-wide check)', async () => {
      const r = await analyseCommitWith(commit([added('config/settings.py', `DEBUG = False\n${KEY}\n`), removed('settings.py', `DEBUG = True\n${KEY}\nALLOWED = []\n`)]), { pool });
      expect(security(r)).toEqual({ secrets: 0, findings: [{ rule: 'secret-moved-from', file: 'config/settings.py', from: 'settings.py' }] });
      expect(r.findings[0]).toMatchObject({ severity: 'warning', line: 2, params: { masked: expect.stringContaining('(32 chars)') } });
      expect(JSON.stringify(r)).not.toContain('0aec5d2f');
    });

    it('the same in either order of the files', async () => {
      const r = await analyseCommitWith(commit([removed('settings.py', `${KEY}\n`), added('config/settings.py', `${KEY}\n`)]), { pool });
      expect(security(r)).toEqual({ secrets: 0, findings: [{ rule: 'secret-moved-from', file: 'config/settings.py', from: 'settings.py' }] });
    });

    it('copied from a file that keeps it: counted (one more place to clean)', async () => {
      const kept: ChangedFile = { path: 'settings.py', status: 'modified', additions: 1, deletions: 0, before: `${KEY}\n`, after: `${KEY}\nX = 1\n`, patch: '@@ -1 +1,2 @@\n ' + KEY + '\n+X = 1' };
      const r = await analyseCommitWith(commit([kept, added('config/settings.py', `${KEY}\n`)]), { pool });
      expect(security(r)).toEqual({ secrets: 1, findings: [{ rule: 'secret/generic-high-entropy', file: 'config/settings.py', from: undefined }] });
    });

    it('another value than the one removed: counted', async () => {
      const r = await analyseCommitWith(commit([removed('settings.py', `${KEY}\n`), added('config/settings.py', `${KEY.replace('5f35', '7a21')}\n`)]), { pool });
      expect(security(r).secrets).toBe(1);
    });
  });

  it('flags dangerous calls, debug leftovers and TODOs in added lines only', async () => {
    const before = 'export function run(cmd) {\n  console.log(cmd); // TODO old\n}\n';
    const after = [
      'export function run(cmd, id) {',
      '  console.log(cmd); // TODO old',
      '  exec(`git log ${cmd}`);',
      '  db.query("SELECT * FROM users WHERE id = " + id);',
      '  eval(cmd);',
      '  debugger;',
      '  // FIXME: handle errors   ',
      '}',
      '',
    ].join('\n');
    const patch = '@@ -1,3 +1,8 @@\n-export function run(cmd) {\n+export function run(cmd, id) {\n   console.log(cmd); // TODO old\n+  exec(`git log ${cmd}`);\n+  db.query("SELECT * FROM users WHERE id = " + id);\n+  eval(cmd);\n+  debugger;\n+  // FIXME: handle errors   \n }';
    const r = await analyseCommitWith(commit([{ path: 'src/run.js', status: 'modified', additions: 6, deletions: 1, before, after, patch }]), { pool });
    const rules = r.findings.map((f) => f.rule).sort();
    expect(rules).toEqual(expect.arrayContaining(['no-debug-leftover', 'no-eval', 'no-shell-injection', 'no-sql-concatenation', 'no-todo', 'no-trailing-spaces']));
    expect(r.findings.filter((f) => f.rule === 'no-todo')).toHaveLength(1);
    // 3 style hits (debugger, FIXME, trailing spaces) + 3 dangerous calls × 3
    expect(r.metrics.linting_violations).toBe(12);
  });

  it('uses the coverage report carried by the commit when both sides have one', async () => {
    const lcov = (hit: number) => `TN:\nSF:src/a.js\nLF:200\nLH:${hit}\nend_of_record\n`;
    const r = await analyseCommitWith(
      commit([{ path: 'coverage/lcov.info', status: 'modified', additions: 1, deletions: 1, before: lcov(140), after: lcov(150), patch: '@@ -4 +4 @@\n-LH:140\n+LH:150' }]),
      { pool },
    );
    expect(r.metrics.coverage_source).toBe('report');
    expect(r.metrics.coverage_before).toBe(70);
    expect(r.metrics.coverage_after).toBe(75);
    expect(r.metrics.test_coverage_delta).toBe(20);
  });
});

describe('coverage reports', () => {
  it.each([
    ['coverage/lcov.info', 'SF:a\nLF:10\nLH:5\nend_of_record\nSF:b\nLF:10\nLH:10\nend_of_record\n', 75],
    ['coverage.xml', '<?xml version="1.0" ?>\n<coverage line-rate="0.8123" branch-rate="0.5" version="7.4">', 81.23],
    ['coverage.out', 'mode: set\nexample.com/pet/pet.go:10.2,12.16 2 1\nexample.com/pet/pet.go:14.2,16.3 2 0\n', 50],
  ])('%s', (path, text, pct) => {
    const format = coverageFormat(path);
    expect(format).not.toBeNull();
    if (format) expect(parseCoverage(format, text)).toBeCloseTo(pct, 5);
  });
});

describe('parsePatch', () => {
  it('numbers added lines on the new side and removed lines on the old side', () => {
    const p = parsePatch('@@ -10,4 +10,5 @@ function x() {\n keep\n-old\n+new1\n+new2\n keep\n\\ No newline at end of file');
    expect(p.added).toEqual([
      { line: 11, text: 'new1' },
      { line: 12, text: 'new2' },
    ]);
    expect(p.removed).toEqual([{ line: 11, text: 'old' }]);
  });
});
