/**
 * Issue #3: for JavaScript and TypeScript the analyser's cyclomatic complexity
 * must agree with ESLint's `complexity` rule (classic) on real code. Both run
 * over real files from well-known packages in node_modules; functions are paired
 * by the place ESLint reports them (its function "head"), so a function we fail
 * to find counts as a disagreement too.
 */
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../../src/analysis/function-metrics.ts';
import { loadCorpus, loadTsCorpus, type CorpusFile } from './corpus.ts';
import { eslintAgreement as agreement, eslintComplexities, eslintComplexitiesTs } from './eslint-reference.ts';

/** One construct per row, so a disagreement names the construct (classic rule semantics). */
const CONSTRUCTS: [string, string][] = [
  ['if / else if / else', 'function f(a) { if (a) {} else if (!a) {} else {} }'],
  ['ternary', 'const f = (a) => (a ? 1 : 2);'],
  ['&& || ??', 'function f(a, b) { return (a && b) || (a ?? b); }'],
  ['logical assignment', 'function f(o) { o.a ||= 1; o.b &&= 2; o.c ??= 3; }'],
  ['optional chains and calls', 'function f(o) { return o?.a?.[0]?.(); }'],
  ['default parameters', 'function f(a = 1, { b = 2 } = {}, [c = 3] = []) { return a + b + c; }'],
  ['destructuring defaults in the body', 'function f(o) { const { a = 1, b: { c = 2 } = {} } = o; return a + c; }'],
  ['loops', 'function f(xs) { for (;;) break; for (const k in xs) {} for (const x of xs) {} while (xs) break; do {} while (0); }'],
  ['catch, finally', 'function f() { try { g(); } catch (e) { h(e); } finally { i(); } }'],
  ['switch: case counts, default does not', 'function f(a) { switch (a) { case 1: case 2: return 1; default: return 0; } }'],
  ['class members', 'class A { x = 1; y = this.x || 2; static { if (A) {} } get z() { return this.x ? 1 : 0; } set z(v) {} *gen() { yield 1; } async m(a = 1) {} #p() {} }'],
  ['object methods and properties', 'const o = { a() { return 1; }, b: function () {}, c: () => 1, get d() { return 2; }, [k]: (x) => x && 1 };'],
  ['nested functions stay separate', 'function outer(a) { function inner(b) { return b && a; } return a ? inner(a) : (() => a || 1)(); }'],
  ['async / await / generators', 'async function* g(xs) { for await (const x of xs) { if (x) yield x; } }'],
  ['labels and continue', 'function f(xs) { outer: for (const x of xs) { for (const y of x) { if (y) continue outer; } } }'],
  ['IIFE and callbacks', '(function () { [1, 2].map((n) => n > 1 && n).filter(Boolean); })();'],
];

describe('agreement with ESLint complexity (classic), construct by construct', () => {
  it.each(CONSTRUCTS)('%s', async (_title, source) => {
    const reference = eslintComplexities(source);
    expect(reference).not.toBeNull();
    const ours = (await analyseSource(source, 'javascript')).functions;
    const key = (line: number, column: number) => `${line}:${column}`;
    const actual = new Map(ours.map((f) => [key(f.headLine, f.headColumn), f.complexity]));
    const expected = new Map((reference ?? []).map((r) => [key(r.line, r.column), r.complexity]));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });
});

describe('agreement with ESLint complexity (classic) on real files', () => {
  // A quarter of each corpus keeps the test to a few seconds on two shared cores.
  it('JavaScript: at least 98% of several hundred functions agree', async () => {
    const files = loadCorpus(0.25);
    const r = await agreement(files, (f) => eslintComplexities(f.source), () => 'javascript');
    console.log(`ESLint agreement (JavaScript): ${r.agreed}/${r.compared} functions (${(100 * r.ratio).toFixed(2)}%) over ${files.length} files`);
    expect(r.compared).toBeGreaterThan(300);
    expect(r.ratio, r.disagreements.slice(0, 20).join('\n')).toBeGreaterThanOrEqual(0.98);
  });

  it('TypeScript (typescript-eslint parser): at least 98% of several hundred functions agree', async () => {
    const files = loadTsCorpus(0.25);
    const tsx = (f: CorpusFile) => f.path.endsWith('.tsx');
    const r = await agreement(files, (f) => eslintComplexitiesTs(f.source, tsx(f)), (f) => (tsx(f) ? 'tsx' : 'typescript'));
    console.log(`ESLint agreement (TypeScript): ${r.agreed}/${r.compared} functions (${(100 * r.ratio).toFixed(2)}%) over ${files.length} files`);
    expect(r.compared).toBeGreaterThan(300);
    expect(r.ratio, r.disagreements.slice(0, 20).join('\n')).toBeGreaterThanOrEqual(0.98);
  });
});
