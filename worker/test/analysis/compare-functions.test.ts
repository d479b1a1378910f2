/**
 * compare-functions.ts: which after-side function is which before-side one. Both sides are parsed
 * for real and the line changes come from `git diff --no-index`, as the engine gets them from a
 * commit. The case that made this file: one test added near the top of a test file renumbers every
 * unnamed callback after it (`<anonymous>#N`), and matching by name alone compared each callback
 * with its neighbour (ky's commit 2df9b7e, 9 tests added to test/hooks.ts: ~120 complexity findings
 * on functions the commit never touched).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareFunctions, pairFunctions } from '../../src/analysis/compare-functions.ts';
import { analyseSource } from '../../src/analysis/function-metrics.ts';
import type { LanguageId } from '../../src/analysis/languages.ts';
import { parsePatch, type LineChanges } from '../../src/analysis/patch.ts';

const dir = mkdtempSync(join(tmpdir(), 'tamagitto-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The line changes between two texts, from git's own diff (exit 1 means "they differ"). */
function changesBetween(before: string, after: string): LineChanges {
  writeFileSync(join(dir, 'a'), before);
  writeFileSync(join(dir, 'b'), after);
  let patch = '';
  try {
    patch = execFileSync('git', ['diff', '--no-index', '--no-color', '-U0', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
  } catch (err) {
    patch = (err as { stdout: string }).stdout;
  }
  return parsePatch(patch.slice(patch.indexOf('@@')));
}

async function compare(before: string, after: string, language: LanguageId = 'typescript', testFile = false) {
  const [b, a] = await Promise.all([analyseSource(before, language, { countTests: true }), analyseSource(after, language, { countTests: true })]);
  return compareFunctions(b, a, changesBetween(before, after), false, { testFile });
}

/** A test file of `n` tests; test `i`'s body has `branches[i]` ifs (complexity 1 + that). */
function testFile(titles: string[], branches: number[] = []): string {
  return titles
    .map((title, i) => {
      const ifs = Array.from({ length: branches[i] ?? 0 }, (_, k) => `  if (t.context.flag${k}) t.log(${k});\n`).join('');
      return `test('${title}', async (t) => {\n${ifs}  const value = await run('${title}');\n  t.is(value, '${title}');\n});\n`;
    })
    .join('\n');
}

describe('compareFunctions pairs repeated names by where their lines went', () => {
  const titles = ['one', 'two', 'three', 'four', 'five', 'six'];
  const branches = [0, 1, 2, 0, 3, 1];

  it('a test added near the top: one function added, the others unchanged — no finding for the renumbered ones', async () => {
    const before = testFile(titles, branches);
    const after = testFile(['one', 'new one', ...titles.slice(1)], [0, 6, ...branches.slice(1)]);
    const cmp = await compare(before, after);
    expect(cmp.added).toBe(1);
    expect(cmp.changed).toBe(0);
    expect(cmp.removed).toBe(0);
    expect(cmp.findings.filter((f) => f.rule === 'complexity-increase' || f.rule === 'complexity-decrease')).toEqual([]);
    // The new test's own complexity (7) counts as a new function's: 7 − the allowance for new functions (5).
    expect(cmp.findings.map((f) => f.rule)).toEqual(['new-complex-function']);
    expect(cmp.complexityIncrease).toBe(2);
    expect(cmp.testCasesAdded).toBe(1);
  });

  it('and a later test edited in the same commit: that one is the only change, with its own before and after', async () => {
    const before = testFile(titles, branches);
    const after = testFile(['one', 'new one', ...titles.slice(1)], [0, 0, 1, 2, 0, 5, 1]); // "five": 3 → 5 ifs
    const cmp = await compare(before, after);
    expect(cmp.added).toBe(1);
    expect(cmp.changed).toBe(1);
    expect(cmp.findings.filter((f) => f.rule.startsWith('complexity-'))).toEqual([
      expect.objectContaining({ rule: 'complexity-increase', function: '<anonymous>#6', params: { before: 4, after: 6, change: 2 }, line: 29 }),
    ]);
    expect(cmp.complexityIncrease).toBe(2);
  });

  it('a test removed from the middle: one removed, nothing changed', async () => {
    const before = testFile(titles, branches);
    const after = testFile([...titles.slice(0, 2), ...titles.slice(3)], [...branches.slice(0, 2), ...branches.slice(3)]);
    const cmp = await compare(before, after);
    expect({ added: cmp.added, changed: cmp.changed, removed: cmp.removed, increase: cmp.complexityIncrease }).toEqual({ added: 0, changed: 0, removed: 1, increase: 0 });
  });

  it('a renamed test (its first line edited) is still itself when as many are left on both sides', async () => {
    const before = testFile(titles, branches);
    const after = testFile(['one', 'two', 'three (renamed)', ...titles.slice(3)], [0, 1, 4, 0, 3, 1]);
    const cmp = await compare(before, after);
    expect({ added: cmp.added, changed: cmp.changed, removed: cmp.removed }).toEqual({ added: 0, changed: 1, removed: 0 });
    expect(cmp.findings.filter((f) => f.rule.startsWith('complexity-'))).toEqual([expect.objectContaining({ rule: 'complexity-increase', params: { before: 3, after: 5, change: 2 } })]);
  });

  it('two callbacks on one line, moved down by an insertion, keep their partners (by column)', async () => {
    const before = 'export const f = (xs: number[]) => xs.map((x) => (x > 1 ? x : 0)).filter((y) => y && y > 2);\n';
    const after = `// a comment\n\n${before}`;
    const cmp = await compare(before, after);
    expect({ added: cmp.added, changed: cmp.changed, removed: cmp.removed, findings: cmp.findings }).toEqual({ added: 0, changed: 0, removed: 0, findings: [] });
  });

  it('a name that occurs once on each side pairs wherever it went (a function moved to the end of the file)', async () => {
    const before = 'function a(x: number) {\n  return x ? 1 : 2;\n}\n\nfunction b() {\n  return 3;\n}\n';
    const after = 'function b() {\n  return 3;\n}\n\nfunction a(x: number) {\n  if (x > 1) return 0;\n  return x ? 1 : 2;\n}\n';
    const cmp = await compare(before, after);
    expect({ added: cmp.added, changed: cmp.changed, removed: cmp.removed }).toEqual({ added: 0, changed: 1, removed: 0 });
    expect(cmp.findings).toEqual([expect.objectContaining({ rule: 'complexity-increase', function: 'a', params: { before: 2, after: 3, change: 1 } })]);
  });

  it('overloads in JavaScript too (meriyah): a callback inserted between two route handlers', async () => {
    const handlers = (names: string[]) => names.map((n) => `app.get('/${n}', (req, res) => {\n  if (req.query.x) res.send('${n}');\n});\n`).join('');
    const cmp = await compare(handlers(['a', 'b', 'c']), handlers(['a', 'new', 'b', 'c']), 'javascript');
    expect({ added: cmp.added, changed: cmp.changed, removed: cmp.removed, increase: cmp.complexityIncrease }).toEqual({ added: 1, changed: 0, removed: 0, increase: 0 });
  });
});

describe('compareFunctions in test files', () => {
  /** A mocha suite of `n` tests (4 lines each) and a named helper of `helper` lines. */
  const suite = (n: number, helper: number) =>
    `function seedDatabase(db) {\n${'  db.add(1);\n'.repeat(helper - 2)}}\n\ndescribe('res.type', () => {\n${Array.from({ length: n }, (_, i) => `  it('sets type ${i}', () => {\n    res.type('t${i}');\n    assert(res.ok);\n  });\n`).join('')}});\n`;

  for (const language of ['javascript', 'typescript'] as const) {
    it(`a suite growing past 80 lines is not a long function; a named helper is (${language})`, async () => {
      const cmp = await compare(suite(18, 70), suite(21, 90), language, true);
      expect(cmp.testCasesAdded).toBe(3);
      expect(cmp.findings.filter((f) => f.rule === 'max-function-length')).toEqual([expect.objectContaining({ function: 'seedDatabase' })]);
      expect(cmp.styleViolations).toBe(1);
      // The same code outside a test file: both are long.
      const asCode = await compare(suite(18, 70), suite(21, 90), language, false);
      expect(asCode.findings.filter((f) => f.rule === 'max-function-length').map((f) => f.function)).toEqual(['seedDatabase', '<anonymous>']);
    });
  }
});

describe('compareFunctions: a named function that holds test cases is a suite', () => {
  /** hono's router/common.case.test.ts: one named suite every router's tests run. */
  const shared = (n: number) =>
    `export const runTest = ({ createRouter }) => {\n  describe('basic', () => {\n${Array.from({ length: n }, (_, i) => `    it('matches ${i}', () => {\n      const r = createRouter();\n      expect(r.match('/${i}')).toBe(true);\n    });\n`).join('')}  });\n};\n`;

  for (const language of ['javascript', 'typescript'] as const) {
    it(`not held to the length limit in a test file (${language}); outside one it is`, async () => {
      const inTests = await compare(shared(18), shared(22), language, true);
      expect(inTests.testCasesAdded).toBe(4);
      expect(inTests.findings.filter((f) => f.rule === 'max-function-length')).toEqual([]);
      const asCode = await compare(shared(18), shared(22), language, false);
      expect(asCode.findings.filter((f) => f.rule === 'max-function-length').map((f) => f.function)).toEqual(['runTest', 'runTest/<anonymous>']);
    });
  }

  it("a long test function is not a suite of itself (Go's func TestX, Python's def test_x, Java's @Test)", async () => {
    const goTest = (n: number) => `package x\n\nfunc TestLong(t *testing.T) {\n${'\tcheck(t)\n'.repeat(n)}}\n`;
    const go = await compare(goTest(78), goTest(82), 'go', true);
    expect(go.findings.filter((f) => f.rule === 'max-function-length').map((f) => f.function)).toEqual(['TestLong']);
    const pyTest = (n: number) => `def test_long():\n${'    check()\n'.repeat(n)}`;
    const py = await compare(pyTest(78), pyTest(82), 'python', true);
    expect(py.findings.filter((f) => f.rule === 'max-function-length').map((f) => f.function)).toEqual(['test_long']);
    const javaTest = (n: number) => `class LongTest {\n  @Test\n  void longCase() {\n${'    check();\n'.repeat(n)}  }\n}\n`;
    const java = await compare(javaTest(78), javaTest(82), 'java', true);
    expect(java.findings.filter((f) => f.rule === 'max-function-length').map((f) => f.function)).toEqual(['LongTest.longCase']);
  });
});

it("Python: typing a function with @overload stubs above it leaves it the same function (requests' Response.iter_lines)", async () => {
  const before = `class Response:\n    def iter_lines(self, size=512, decode=None):\n        for line in self.raw:\n            if decode and line:\n                yield line\n`;
  const after = `class Response:\n    @overload\n    def iter_lines(self, size: int = ..., decode: Literal[True] = ...) -> Iterator[str]: ...\n    @typing.overload\n    def iter_lines(self, size: int = ..., decode: Literal[False] = ...) -> Iterator[bytes]: ...\n    def iter_lines(self, size: int = 512, decode: bool | None = None) -> Iterator[str | bytes]:\n        for line in self.raw:\n            if decode and line:\n                yield line\n`;
  const cmp = await compare(before, after, 'python');
  expect({ added: cmp.added, changed: cmp.changed, complexity: cmp.complexityIncrease, findings: cmp.findings.map((f) => f.rule) }).toEqual({ added: 0, changed: 1, complexity: 0, findings: [] });
});

it("Java and C#: annotating a long method does not make it longer (Newtonsoft.Json's \"Annotate for trim/AOT\")", async () => {
  const cs = (attrs: string) => `public class JToken {\n${attrs}    public object ToObject(Type t)\n    {\n${'        Step();\n'.repeat(84)}    }\n}\n`;
  const annotated = await compare(cs(''), cs('    [RequiresUnreferencedCode("Reflection")]\n    [RequiresDynamicCode("Emit")]\n'), 'csharp');
  expect(annotated.findings).toEqual([]);
  // Its body growing still counts.
  const grown = await compare(cs(''), cs('').replace('        Step();\n', '        Step();\n        Step();\n'), 'csharp');
  expect(grown.findings.map((f) => [f.rule, f.line])).toEqual([['max-function-length', 2]]);
  const java = (annotations: string) => `public class Token {\n${annotations}  public Object toObject() {\n${'    step();\n'.repeat(84)}  }\n}\n`;
  expect((await compare(java(''), java('  @Nullable\n  @Deprecated\n'), 'java')).findings).toEqual([]);
});

for (const language of ['javascript', 'typescript'] as const) {
  it(`a setter is documented with its getter; a setter alone is not (got's Options, ${language})`, async () => {
    const source = `export class Options {\n\t/** Hooks allow modifications. */\n\tget hooks() {\n\t\treturn this.h;\n\t}\n\n\tset hooks(value) {\n\t\tthis.h = value;\n\t}\n\n\tset writeOnly(value) {\n\t\tthis.w = value;\n\t}\n}\n`;
    const cmp = await compare('', source, language);
    expect(cmp.undocumented.map((f) => f.function)).toEqual(['Options.writeOnly']);
    expect([cmp.publicChanged, cmp.publicDocumented]).toEqual([2, 1]);
  });
}

describe('pairFunctions', () => {
  const fn = (name: string, headLine: number, headColumn = 0) => ({ name, kind: 'arrow_function', line: headLine, endLine: headLine, headLine, headColumn, complexity: 1, length: 1, maxNesting: 0, documented: false, public: false });

  it('follows lines across several hunks (lines removed and added in between)', () => {
    // before: lines 1–10; removed 2–3, added (after side) 5–7 and 11: before 4 → after 2, before 8 → after 9.
    const before = [fn('<anonymous>', 1), fn('<anonymous>#2', 4), fn('<anonymous>#3', 8), fn('<anonymous>#4', 10)];
    const after = [fn('<anonymous>', 1), fn('<anonymous>#2', 2), fn('<anonymous>#3', 5), fn('<anonymous>#4', 9), fn('<anonymous>#5', 11), fn('<anonymous>#6', 12)];
    const pairs = pairFunctions(before, after, [5, 6, 7, 11], [2, 3]);
    expect([...pairs].map(([a, b]) => [a.headLine, b.headLine])).toEqual([
      [1, 1],
      [2, 4],
      [9, 8],
      [12, 10],
    ]);
  });

  it('leaves edited ones unpaired when their numbers differ on the two sides', () => {
    const before = [fn('<anonymous>', 1), fn('<anonymous>#2', 2)];
    const after = [fn('<anonymous>', 1), fn('<anonymous>#2', 2), fn('<anonymous>#3', 3)];
    // Line 2 replaced by lines 2–3: the second function's head was edited and there are two candidates.
    const pairs = pairFunctions(before, after, [2, 3], [2]);
    expect([...pairs].map(([a, b]) => [a.name, b.name])).toEqual([['<anonymous>', '<anonymous>']]);
  });
});
