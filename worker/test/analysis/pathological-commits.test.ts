/**
 * Issue 15: commits built to stall the analysis. Each must finish within the
 * time budget (plus a margin for the last file and the report), with a partial
 * report that lists what was not read or not parsed, and why. All generated in
 * memory. The budget is small (1.5 s) so a regression shows as a failure, not as
 * a slow suite.
 */
import type { ChangedFile, CommitInput } from '@tamagitto/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseCommitWith, createParsePool } from '../../src/analysis/index.ts';
import { RULE_LINE_CHARS } from '../../src/analysis/line-budget.ts';

const BUDGET_MS = 1500;
/**
 * The last file read and the report built after the deadline; generous for a loaded 2-core
 * machine (3.3 s were seen for the 50,000 files at a load of 10). A stall these inputs were
 * built for (a quadratic regex over 100,000 spaces, a parse of a 1 MB line) takes tens of seconds.
 */
const MARGIN_MS = 3500;

const pool = createParsePool(2);
afterAll(() => pool.close());

function commit(files: ChangedFile[]): CommitInput {
  return { sha: 'bad', parentSha: 'beef', message: 'pathological', files };
}

/** An added file whose patch and contents hold `lines`. */
function added(path: string, lines: string[]): ChangedFile {
  const after = `${lines.join('\n')}\n`;
  return { path, status: 'added', additions: lines.length, deletions: 0, before: null, after, patch: `@@ -0,0 +1,${lines.length} @@\n+${lines.join('\n+')}` };
}

// An AWS key id assembled from parts, so this file does not trip a scanner itself.
const KEY_ID = 'AKIA' + 'Q4ZL7NVC2WJ3RT5K';

async function timed(files: ChangedFile[], timeBudgetMs = BUDGET_MS) {
  const t0 = performance.now();
  const result = await analyseCommitWith(commit(files), { pool, timeBudgetMs });
  return { result, ms: performance.now() - t0 };
}

function reasonsFor(result: { skippedFiles: { path: string; reason: string }[] }, path: string): string[] {
  return result.skippedFiles.filter((s) => s.path === path).map((s) => s.reason);
}

describe('pathological commits finish within the time budget with a partial report', () => {
  it('100,000 spaces on a line (quadratic for /[ \\t]+$/)', async () => {
    const { result, ms } = await timed([added('src/spaces.ts', [`export const x = 1;${' '.repeat(100_000)}`, ' '.repeat(100_000), 'export const y = 2;'])]);
    expect(ms).toBeLessThan(BUDGET_MS + MARGIN_MS);
    expect(result.partial).toBe(true);
    expect(reasonsFor(result, 'src/spaces.ts')).toEqual([expect.stringMatching(new RegExp(`2 line\\(s\\) longer than ${RULE_LINE_CHARS} characters`))]);
    expect(result.findings.some((f) => f.rule === 'no-trailing-spaces' && f.line === 1)).toBe(true);
  });

  it('a 1 MB minified line: not parsed, still scanned for secrets in full', async () => {
    const chunk = 'var a=b&&c||d?e:f;function g(h){return h+1}';
    const half = chunk.repeat(Math.ceil(500_000 / chunk.length));
    const { result, ms } = await timed([added('src/bundle.js', [`${half}const k="${KEY_ID}";${half}`])]);
    expect(ms).toBeLessThan(BUDGET_MS + MARGIN_MS);
    expect(result.partial).toBe(true);
    expect(reasonsFor(result, 'src/bundle.js')).toEqual([expect.stringMatching(/1 line\(s\) longer than/), expect.stringMatching(/too large to parse/)]);
    // The key sits half a megabyte into the line: the secret scanner reads long lines in windows.
    expect(result.metrics.secrets_found).toBe(1);
  });

  it('2,000-deep nesting', async () => {
    const depth = 2000;
    const lines = ['export function deep(a) {', ...Array.from({ length: depth }, () => 'if (a) {'), 'return a;', ...Array.from({ length: depth }, () => '}'), '}'];
    const parens = `export const p = ${'('.repeat(depth)}1${')'.repeat(depth)};`;
    const { result, ms } = await timed([added('src/deep.js', [...lines, parens])]);
    expect(ms).toBeLessThan(BUDGET_MS + MARGIN_MS);
    // Parsed, or listed with the reason it was not: never silently dropped.
    const reasons = reasonsFor(result, 'src/deep.js');
    if (result.metrics.files_analysed === 1) expect(result.metrics.max_complexity).toBeGreaterThanOrEqual(depth);
    else expect(reasons.length).toBeGreaterThan(0);
    expect(result.partial).toBe(reasons.length > 0);
  });

  it('a Python module of 14,000 classes in one inheritance chain: read whole, in time (docstrings are inherited a bounded way)', async () => {
    const lines = ['class C0:', ' def m(s):', '  """Documented once."""'];
    for (let i = 1; i < 14_000; i++) lines.push(`class C${i}(C${i - 1}):`, ' def m(s): pass');
    // Parsing 450 KB of Python takes a second or two on a loaded machine: a budget that leaves room for
    // it, where an unbounded walk up the chain (14,000²/2 steps, ~20 s) still runs out.
    const budget = 6000;
    const { result, ms } = await timed([added('src/chain.py', lines)], budget);
    expect(ms).toBeLessThan(budget + MARGIN_MS);
    expect(result.partial).toBe(false);
    expect(result.metrics.files_analysed).toBe(1);
    // The first 32 classes below C0 inherit its docstring; the rest are too far down the chain to look.
    expect(result.metrics.public_functions_documented).toBeGreaterThan(30);
  });

  it('50,000 files: the files not reached are counted, and the report stays small', async () => {
    const files = Array.from({ length: 50_000 }, (_, i) => added(`src/m/${i}.ts`, [`export const v${i} = ${i};`, `export function f${i}(a: number) { return a > ${i} ? a : ${i}; }`]));
    const { result, ms } = await timed(files);
    expect(ms).toBeLessThan(BUDGET_MS + MARGIN_MS);
    expect(result.partial).toBe(true);
    expect(result.filesChanged).toBe(50_000);
    const timeReason = `time budget (${BUDGET_MS} ms) exhausted`;
    expect(result.skippedFiles.length).toBeLessThanOrEqual(110);
    const counted = result.skippedFiles.map((s) => (/^\((\d[\d,]*) more files\)$/.exec(s.path) ? Number(s.path.replace(/\D/g, '')) : 1)).reduce((a, b) => a + b, 0);
    // Every file not analysed is accounted for, one by one or in the "more files" lines.
    expect(counted).toBeGreaterThanOrEqual(50_000 - result.metrics.files_analysed);
    expect(result.skippedFiles.at(-1)).toMatchObject({ path: expect.stringMatching(/more files/), reason: timeReason, code: 'time_budget', params: { budgetMs: BUDGET_MS } });
    expect(result.skippedFiles.at(-1)!.path).toBe(`(${result.skippedFiles.at(-1)!.more!.toLocaleString('en-US')} more files)`);
    expect(JSON.stringify(result).length).toBeLessThan(200_000);
  });

  it('a 100 MB blob: the line rules read its first MiB, the rest is listed', async () => {
    const line = 'const value = compute(1, 2, 3); // padding padding padding!!';
    const lines = Math.ceil(100e6 / (line.length + 1));
    const content = `${line}\n`.repeat(lines);
    const patch = `@@ -0,0 +1,${lines} @@\n${`+${line}\n`.repeat(lines)}`;
    const blob: ChangedFile = { path: 'data/huge.js', status: 'added', additions: lines, deletions: 0, before: null, after: content, patch };
    // What this shows is the 1 MiB cap, not the budget: a budget that a loaded machine could
    // spend on the 100 MB before the first line would be the reason instead.
    const { result, ms } = await timed([blob], 4 * BUDGET_MS);
    expect(ms).toBeLessThan(4 * BUDGET_MS + MARGIN_MS);
    expect(result.partial).toBe(true);
    expect(reasonsFor(result, 'data/huge.js')).toEqual([expect.stringMatching(/changes larger than the 1 MiB the line rules read per file: lines after \d+ not checked/), expect.stringMatching(/too large to parse/)]);
  });

  it('a file too big for the budget stops inside the file, where the time ran out', async () => {
    // 1 MiB of lines the line rules read, with a budget far too small for them.
    const lines = Array.from({ length: 20_000 }, (_, i) => `  const v${i} = process(input${i}, "${'x'.repeat(20)}"); // TODO check ${i}  `);
    const t0 = performance.now();
    const result = await analyseCommitWith(commit([added('src/long.ts', lines)]), { pool, timeBudgetMs: 5 });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(result.partial).toBe(true);
    const stopped = reasonsFor(result, 'src/long.ts').find((r) => r.startsWith('time budget (5 ms) exhausted at line'));
    expect(stopped).toMatch(/the line rules did not read the rest of the file/);
    expect(Number(/at line (\d+)/.exec(stopped ?? '')?.[1])).toBeLessThan(20_000);
    // The same numbers as a code and params, for a client that words it in its own language.
    const coded = result.skippedFiles.find((s) => s.path === 'src/long.ts' && s.reason === stopped);
    expect(coded).toMatchObject({ code: 'line_time_budget', params: { budgetMs: 5, line: Number(/at line (\d+)/.exec(stopped ?? '')?.[1]) } });
  });
});
