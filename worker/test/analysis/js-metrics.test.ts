/**
 * JavaScript is read by meriyah (js-metrics.ts) and, when meriyah cannot parse a
 * file, by tree-sitter. Both paths must give the same SourceMetrics — every
 * function's name, kind, lines, head, complexity, nesting, doc comment and
 * visibility, the file's decisions, comment lines, test cases and dangerous
 * calls — so the parser that happened to read a file never changes a vet report.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyseSource, analyseSourcePair, type AnalyseSourceOptions, type SourceMetrics } from '../../src/analysis/function-metrics.ts';
import { javascriptMetrics } from '../../src/analysis/js-metrics.ts';
import { loadCorpus } from './corpus.ts';

const ALL: AnalyseSourceOptions = { countTests: true, dangerousCalls: true };

async function bothPaths(source: string, options: AnalyseSourceOptions = ALL): Promise<{ estree: SourceMetrics; treeSitter: SourceMetrics }> {
  const [estree, treeSitter] = [await analyseSource(source, 'javascript', options), await analyseSource(source, 'javascript', { ...options, parser: 'tree-sitter' })];
  return { estree, treeSitter };
}

/** What differs between the two results, function by function (empty when they are equal). */
function differences(a: SourceMetrics, b: SourceMetrics): string[] {
  const out: string[] = [];
  for (const key of Object.keys({ ...a, ...b }) as (keyof SourceMetrics)[]) {
    if (key !== 'functions' && !isDeepStrictEqual(a[key], b[key])) out.push(`${key}: ${JSON.stringify(a[key])} ≠ ${JSON.stringify(b[key])}`);
  }
  const n = Math.max(a.functions.length, b.functions.length);
  for (let i = 0; i < n; i++) {
    if (!isDeepStrictEqual(a.functions[i], b.functions[i])) out.push(`function ${i}: ${JSON.stringify(a.functions[i])} ≠ ${JSON.stringify(b.functions[i])}`);
  }
  return out;
}

/** Constructs where ESTree and tree-sitter's trees differ in shape; each must come out the same. */
const CONSTRUCTS: [string, string][] = [
  ['function kinds', 'function a() {}\nfunction* b() {}\nconst c = function () {};\nconst d = function* () {};\nconst e = async () => 1;\nconst f = function named() {};'],
  ['export default functions and classes', '/** Doc. */\nexport default function () { return 1; }\nexport function named() {}\nexport const arrow = () => {};\nexport class K { m() {} #hidden() {} }'],
  ['anonymous default class and generator', 'export default class { m(a = 1) { return a; } }\nexport const g = function* () { yield 1; };'],
  ['class members', 'class A {\n  static x = 1;\n  y;\n  z = () => this.y || 2;\n  #p = (a) => a?.b;\n  static { if (A.x) {} }\n  get v() { return 1; }\n  set v(n) {}\n  static async *gen() {}\n  [Symbol.iterator]() {}\n  [`t${1}`] = 2;\n  "quoted"() {}\n  42() {}\n  #priv() {}\n}'],
  ['class expressions and nesting', 'const B = class Inner { m() { return class { n() {} }; } };\nconst C = class { m() {} };'],
  ['object members', 'const o = { a() {}, b: function () {}, c: () => 1, get d() { return 2; }, set d(v) {}, [k]: (x) => x && 1, async *e() {}, "f": () => {}, g, ...rest };'],
  ['names from assignments', 'module.exports = function () {};\nexports.a = () => {};\nthis.b = function () {};\nx ||= function () {};\ny += function () {};\n(z) = () => 1;\nobj[key] = function () {};'],
  ['parenthesized functions', 'const a = (function () {});\n(function () { if (x) {} })();\n(() => {})();\nconst b = ((x) => x);'],
  ['nested anonymous functions', 'function outer() { return [1].map(() => () => function () {}); }\nsetTimeout(() => {});\nsetTimeout(() => {});'],
  ['doc comments', '/** a */\nfunction a() {}\n\n/** too far */\n\nfunction b() {}\n// line\nconst c = () => {};\n/* block */ export const d = function () {};\nconst e = {\n  /** m */\n  m() {},\n  /** n */\n  n: () => {},\n};\nfoo(/** arg */ () => {});\nfoo /* before paren */ (() => {});\nbar("x" /* after */, () => {});\nx /* c */ = function () {};\ny = c // c\n  ? () => 1\n  : () => 2;\nclass K {\n  /** field */\n  f = 1;\n  // method\n  static m() {}\n}'],
  ['comments that are not doc comments', '/** c */ (function () {})();\n/** c */ x => x;\nconst a = 1, /** b */ b = () => {};\n/** c */ ; function f() {}'],
  ['decisions', 'async function f(a, b = 1, { c = 2 } = {}, [d = 3] = []) {\n  if (a) {} else if (b) {} else {}\n  for (;;) break; for (const k in a) {} for (const x of a) {} for await (const y of a) {}\n  while (a) break; do {} while (0);\n  try { g(); } catch { h(); } finally { i(); }\n  switch (a) { case 1: case 2: break; default: }\n  a ||= 1; a &&= 2; a ??= 3;\n  return (a?.b?.[c]?.(d) ?? (a && b)) || (c ? d : a);\n}'],
  ['else-if chains and nesting', 'function f(a) {\n  if (a) { if (b) { while (c) { switch (d) {} } } }\n  else /* x */ if (e) {}\n  else\n    if (g) { try {} catch (e) { for (;;) {} } }\n}'],
  ['decisions outside functions', 'const a = x ? 1 : 2;\nif (a) { for (;;) {} }\nclass K { [a || b]() {} static [c ?? d] = 1; }'],
  ['test cases', "describe('x', () => {\n  it('a', () => {});\n  test.only('b', async () => {});\n  it.each([1, 2])('c %s', (n) => {});\n  it.each`a | b`('d', () => {});\n  specify.skip('e', () => {});\n  (it)('f', () => {});\n  it?.('g', () => {});\n  new it('h');\n  notATest('i', () => {});\n});"],
  ['dangerous calls', "const q = `SELECT ${a}` + exec(`rm ${b}`);\neval(x);\ndb.query(\"SELECT * FROM t WHERE a = \" + eval(x));\nx = \"SELECT a FROM b WHERE c = \" + y; new Function(exec(`rm ${z}`));\nconst s = exec(`rm ${d}`) + \"SELECT a FROM t WHERE x = \" + q;\neval(eval(x)); Function(new Function(a));\nspawn(cmd, [a], { shell: true }); spawn('x', [], { 'shell': true, a });\nrequire('child_process').exec(`kill ${pid}`);\ncp.exec(('ls ' + dir));\n(eval)(x); a?.exec(`${b}`); a['exec'](`${b}`);\nconst t = db.query(sql`SELECT * FROM u WHERE id = ${id}`);"],
  ['JSX', "export function App({ items }) {\n  return <ul className={items.length > 1 ? 'many' : 'one'}>{items.map((i) => <li key={i.id} onClick={() => i.go?.()}>{i.name ?? '—'}</li>)}{/* c */}</ul>;\n}\nconst F = () => <><b {...p} /></>;"],
  ['non-ASCII before functions (UTF-16 columns)', 'const é = "ééé"; const f = function () {}; const 𝒳 = "😀"; const g = () => 1;'],
  ['CRLF line ends and a hashbang', '#!/usr/bin/env node\r\n// comment\r\nfunction f(a) {\r\n  return a && 1;\r\n}\r\n/* multi\r\n line */\r\nconst g = () => {};\r\n'],
  ['comment lines', '// a\n/* b\n c */\nconst x = 1; // d\n/* e */ /* f */\nfunction f() { /* g\n h */ }\n'],
  ['labels, sequences, templates, spread', 'function f(xs) { outer: for (const x of xs) { for (const y of x) { if (y) continue outer; } } return `${xs.map((x) => x || 1)}`, [...xs, () => {}]; }'],
  ['CommonJS with a top-level return', "'use strict';\nif (!module.parent) return;\nmodule.exports = { run(a) { return a ? 1 : 2; } };"],
  ['sloppy-mode script', 'with (obj) { var a = b || c; }\nvar n = 010;\nfunction f(a, a) { return a ? 1 : 0; }'],
  ['empty file', ''],
];

describe('meriyah and tree-sitter give the same metrics', () => {
  it.each(CONSTRUCTS)('%s', async (_title, source) => {
    expect(javascriptMetrics(source), 'meriyah parses it (or the comparison would be tree-sitter against itself)').not.toBeNull();
    const { estree, treeSitter } = await bothPaths(source);
    expect(treeSitter.hasErrors).toBe(false);
    expect(differences(estree, treeSitter)).toEqual([]);
    expect(estree).toEqual(treeSitter);
  });

  it('on every file of the bench corpus (real JavaScript from node_modules)', async () => {
    const files = loadCorpus(1);
    expect(files.length).toBeGreaterThan(300);
    const mismatched: string[] = [];
    let functions = 0;
    let dangerous = 0;
    for (const file of files) {
      expect(javascriptMetrics(file.source), `${file.path}: meriyah parses it`).not.toBeNull();
      const { estree, treeSitter } = await bothPaths(file.source);
      functions += estree.functions.length;
      dangerous += estree.dangerousCalls?.length ?? 0;
      const diff = differences(estree, treeSitter);
      if (diff.length > 0) mismatched.push(`${file.path}\n  ${diff.slice(0, 3).join('\n  ')}`);
    }
    console.log(`meriyah vs tree-sitter: ${files.length} files, ${functions} functions, ${dangerous} dangerous calls, ${mismatched.length} files differ`);
    expect(functions).toBeGreaterThan(5000);
    expect(mismatched).toEqual([]);
  });

  it('with the options as the engine passes them (no test counting, no dangerous calls)', async () => {
    for (const file of loadCorpus(0.05)) {
      const { estree, treeSitter } = await bothPaths(file.source, {});
      expect(estree, file.path).toEqual(treeSitter);
      expect(estree.dangerousCalls).toBeUndefined();
    }
  });
});

describe('what meriyah cannot parse goes through tree-sitter', () => {
  it('a syntax error: tree-sitter recovers and reports the functions it can see', async () => {
    const source = 'function ok(a) { return a && 1 }\nfunction broken( {';
    expect(javascriptMetrics(source)).toBeNull();
    const result = await analyseSource(source, 'javascript');
    expect(result.hasErrors).toBe(true); // only tree-sitter ever reports errors
    expect(result).toEqual(await analyseSource(source, 'javascript', { parser: 'tree-sitter' }));
    expect(result.functions[0]).toMatchObject({ name: 'ok', complexity: 2 });
  });

  it("a patch's added lines (fragments of functions)", async () => {
    const fragment = '  if (a && b) {\n    return c ? 1 : 2;\n  }\n}\nfunction next(x) {';
    expect(javascriptMetrics(fragment)).toBeNull();
    const result = await analyseSource(fragment, 'javascript', { countTests: true });
    expect(result).toEqual(await analyseSource(fragment, 'javascript', { countTests: true, parser: 'tree-sitter' }));
    expect(result.decisions).toBe(3);
  });

  it('HTML-like comments (legal in scripts, unknown to the grammar)', async () => {
    expect(javascriptMetrics('<!-- hidden\nfunction f() {}\n')).toBeNull();
  });

  it('a pair with one side broken: each side by the parser that can read it', async () => {
    const before = 'function f(a) { return a ? 1 : 2; }\nfunction g( {';
    const after = 'function f(a) { return a ? 1 : 2; }\nfunction g() { return eval(x); }';
    const pair = await analyseSourcePair(before, after, 'javascript', { dangerousCalls: true });
    expect(pair.before).toEqual(await analyseSource(before, 'javascript', { parser: 'tree-sitter' }));
    expect(pair.before?.hasErrors).toBe(true);
    expect(pair.after).toEqual(await analyseSource(after, 'javascript', { dangerousCalls: true, parser: 'tree-sitter' }));
    expect(pair.after?.dangerousCalls).toEqual([expect.objectContaining({ rule: 'no-eval', line: 2 })]);
  });

  it('the time limit holds for meriyah too', async () => {
    const huge = 'function f(a) { return a && a.b || a.c; }\n'.repeat(50_000);
    await expect(analyseSource(huge, 'javascript', { timeoutMicros: 1_000 })).rejects.toThrow(/timed out/);
  });
});
