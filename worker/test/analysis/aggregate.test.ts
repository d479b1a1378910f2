/**
 * Stage 3 (aggregate.ts): from what was read and parsed per file to the vet
 * report — findings, metrics, the formula's inputs, the delta, the partial
 * flag and the findings cap. Table-driven on hand-built scans, so every number
 * is checked against the formula without parsing anything.
 */
import { describe, expect, it } from 'vitest';
import type { ChangedFile, Finding } from '@tamagitto/domain';
import { aggregate, capFindings, countCodeLines, countCommentLines, GITHUB_FILE_CAP, listWasCut, MAX_FINDINGS, treeDangerousHits, type FileScan, type ParsedFile } from '../../src/analysis/aggregate.ts';
import type { Kind } from '../../src/analysis/classify-files.ts';
import { estimatedTestDelta } from '../../src/analysis/formula-inputs.ts';
import type { FunctionMetrics, SourceMetrics } from '../../src/analysis/function-metrics.ts';
import type { LanguageId } from '../../src/analysis/languages.ts';
import type { DiffLine } from '../../src/analysis/patch.ts';

function fn(over: Partial<FunctionMetrics>): FunctionMetrics {
  return { name: 'f', kind: 'function_declaration', line: 1, endLine: 3, headLine: 1, headColumn: 0, complexity: 1, length: 3, maxNesting: 0, documented: false, public: false, ...over };
}

function tree(over: Partial<SourceMetrics> = {}): SourceMetrics {
  return { language: 'typescript', functions: [], lines: 10, commentLines: 0, decisions: 0, testCases: 0, hasErrors: false, ...over };
}

/** Added lines 1..n with the given texts. */
function lines(texts: string[]): DiffLine[] {
  return texts.map((text, i) => ({ line: i + 1, text }));
}

const code = (n: number) => lines(Array.from({ length: n }, (_, i) => `const v${i} = ${i};`));

interface FileSpec {
  kind?: Kind;
  language?: LanguageId | null;
  excluded?: boolean;
  added?: DiffLine[];
  before?: SourceMetrics | null;
  after?: SourceMetrics | null;
  patchOnly?: boolean;
  dangerousFromTree?: boolean;
}

function parsed(path: string, spec: FileSpec = {}): ParsedFile {
  const added = spec.added ?? [];
  const file: ChangedFile = { path, status: 'modified', additions: added.length, deletions: 0 };
  const out: ParsedFile = {
    source: { file, kind: spec.kind ?? 'code', language: spec.language === undefined ? 'typescript' : spec.language, excluded: spec.excluded ?? false, changes: { added, removed: [] }, before: undefined, after: undefined },
    patchOnly: spec.patchOnly ?? false,
    dangerousFromTree: spec.dangerousFromTree ?? false,
  };
  if ('before' in spec) out.before = spec.before;
  if ('after' in spec) out.after = spec.after;
  return out;
}

function scanOf(files: ParsedFile[], over: Partial<FileScan> = {}): FileScan {
  return { lines: { findings: [], lintViolations: 0, secrets: 0 }, skippedFiles: [], partial: false, coverage: [], files, ...over };
}

function commitOf(scan: FileScan, extra: ChangedFile[] = []) {
  return { sha: 'c0ffee', message: 'm', files: [...scan.files.map((f) => f.source.file), ...extra] };
}

const IN_TIME = { timedOut: false, timeBudgetMs: 10_000 };
const rules = (findings: Finding[]) => findings.map((f) => f.rule);

describe('aggregate: metrics, formula inputs and delta', () => {
  it.each<[string, FileScan, Record<string, unknown>, { delta: number; poorQuality: boolean; rules: string[] }]>([
    [
      'empty commit: nothing measured',
      scanOf([]),
      { test_coverage_delta: 0, documentation_score: 0, complexity_increase: 0, linting_violations: 0, coverage_source: 'none', files_analysed: 0, raw_delta: 0 },
      { delta: 0, poorQuality: false, rules: ['coverage-none'] },
    ],
    [
      'new public undocumented function of complexity 8 in 30 untested lines',
      scanOf([parsed('src/a.ts', { added: code(30), before: tree(), after: tree({ functions: [fn({ name: 'go', complexity: 8, public: true })] }) })]),
      // complexity 8 − 5 allowed; docs 0/1 → −3; 30 untested lines → −1
      { test_coverage_delta: -1, documentation_score: -3, complexity_increase: 3, linting_violations: 0, coverage_source: 'estimate', functions_added: 1, max_complexity: 8, code_lines_added: 30, public_functions_changed: 1, public_functions_documented: 0, files_analysed: 1, languages: ['typescript'], raw_delta: -2.1 },
      { delta: -2.1, poorQuality: false, rules: ['coverage-estimate', 'new-complex-function', 'missing-doc-comment'] },
    ],
    [
      'the same with two test cases added and the function documented',
      scanOf([
        parsed('src/a.ts', { added: code(30), before: tree(), after: tree({ functions: [fn({ name: 'go', complexity: 8, public: true, documented: true })] }) }),
        parsed('src/a.test.ts', { kind: 'test', added: code(10), before: null, after: tree({ testCases: 2 }) }),
      ]),
      // tests: 2 cases for 30 lines → ratio 1.67 → 13.67; docs: all documented → +6
      { test_coverage_delta: 13.67, documentation_score: 6, complexity_increase: 3, test_cases_added: 2, test_files_changed: 1, files_analysed: 2, raw_delta: 4.1 },
      { delta: 4.1, poorQuality: false, rules: ['new-complex-function', 'coverage-estimate'] },
    ],
    [
      'a coverage report in the commit wins over the estimate',
      scanOf([parsed('src/a.ts', { added: code(30), before: tree(), after: tree() })], { coverage: [{ before: null, after: 80 }, { before: 70, after: 72.5 }] }),
      { test_coverage_delta: 10, coverage_source: 'report', coverage_before: 70, coverage_after: 72.5, raw_delta: 3 },
      { delta: 3, poorQuality: false, rules: ['coverage-report'] },
    ],
    [
      'a complexity jump in a changed function makes a poor commit',
      scanOf([parsed('src/a.ts', { added: lines(['if (a) {']), before: tree({ functions: [fn({ complexity: 3 })] }), after: tree({ functions: [fn({ complexity: 25 })] }) })]),
      { complexity_increase: 22, functions_changed: 1, max_complexity: 25, raw_delta: -8.8 },
      { delta: -13.8, poorQuality: true, rules: ['complexity-increase', 'coverage-estimate'] },
    ],
    [
      'a secret: at least −15 whatever else the commit does',
      scanOf([parsed('README.md', { kind: 'doc', language: null })], { lines: { findings: [{ group: 'security', severity: 'error', rule: 'secret/github-token', file: 'src/gh.ts', line: 1, message: 'GitHub token added' }], lintViolations: 0, secrets: 1 } }),
      { secrets_found: 1, documentation_score: 2, doc_files_changed: 1, raw_delta: 0.4 },
      { delta: -15, poorQuality: true, rules: ['secret/github-token', 'coverage-none', 'docs-changed'] },
    ],
    [
      'documentation files changed and comments in the code added',
      scanOf([
        parsed('docs/a.md', { kind: 'doc', language: null }),
        parsed('README.md', { kind: 'doc', language: null }),
        parsed('src/a.ts', { added: lines(['// why', 'x();', '', 'y();']), before: tree(), after: tree() }),
      ]),
      // 1 comment line of 3 non-blank lines; docs +2, comments +2
      { documentation_score: 4, doc_files_changed: 2, comment_ratio: 0.33, code_lines_added: 3, raw_delta: 0.8 },
      { delta: 0.8, poorQuality: false, rules: ['coverage-estimate', 'docs-changed'] },
    ],
    [
      'excluded code: counted as excluded, not as code',
      scanOf([parsed('dist/app.js', { excluded: true, language: 'javascript', added: code(50) })]),
      { files_excluded: 1, files_analysed: 0, code_lines_added: 0, coverage_source: 'none', languages: [] },
      { delta: 0, poorQuality: false, rules: ['coverage-none'] },
    ],
    [
      'patch only: decision points compared',
      scanOf([parsed('src/a.ts', { patchOnly: true, before: tree({ decisions: 1 }), after: tree({ decisions: 3 }) })]),
      { complexity_increase: 2, files_analysed: 1, functions_added: 0 },
      { delta: -0.8, poorQuality: false, rules: ['complexity-from-patch', 'coverage-none'] },
    ],
    [
      'a whole file grown past 1,000 lines: one style violation',
      scanOf([parsed('src/a.ts', { before: tree({ lines: 900 }), after: tree({ lines: 1200 }) })]),
      { linting_violations: 1 },
      { delta: -0.1, poorQuality: false, rules: ['max-file-lines', 'coverage-none'] },
    ],
    [
      'a file past 1,000 lines that shrank: no finding',
      scanOf([parsed('src/a.ts', { before: tree({ lines: 1300 }), after: tree({ lines: 1200 }) })]),
      { linting_violations: 0 },
      { delta: 0, poorQuality: false, rules: ['coverage-none'] },
    ],
    [
      'one past 1,000 lines that grew again: a finding each time',
      scanOf([parsed('src/a.ts', { before: tree({ lines: 1200 }), after: tree({ lines: 1210 }) })]),
      { linting_violations: 1 },
      { delta: -0.1, poorQuality: false, rules: ['max-file-lines', 'coverage-none'] },
    ],
    [
      'a test file past 1,000 lines that grew with a test: no finding (tests are added there)',
      scanOf([parsed('test/a.test.ts', { kind: 'test', before: tree({ lines: 5000, testCases: 200 }), after: tree({ lines: 5012, testCases: 201 }) })]),
      // 1 test case for no code: counted as for a small change, +17 test points → 5.1.
      { linting_violations: 0, test_cases_added: 1, test_coverage_delta: 17 },
      { delta: 5.1, poorQuality: false, rules: ['coverage-estimate'] },
    ],
    [
      'a test suite that grew past 80 lines (an unnamed function in a test file): no style violation',
      scanOf([
        parsed('test/a.test.js', {
          kind: 'test',
          language: 'javascript',
          added: lines(['  it("x", () => {});']),
          before: tree({ functions: [fn({ name: '<anonymous>', endLine: 78, length: 78 })], testCases: 3 }),
          after: tree({ functions: [fn({ name: '<anonymous>', endLine: 83, length: 83 })], testCases: 4 }),
        }),
      ]),
      // 1 test case for no code: counted as for a small change, +17 test points → 5.1, nothing taken off for style.
      { linting_violations: 0, test_cases_added: 1, test_coverage_delta: 17 },
      { delta: 5.1, poorQuality: false, rules: ['coverage-estimate'] },
    ],
    [
      'the same function in a code file is a long function',
      scanOf([parsed('src/a.js', { language: 'javascript', added: lines(['  run();']), before: tree({ functions: [fn({ name: '<anonymous>', endLine: 78, length: 78 })] }), after: tree({ functions: [fn({ name: '<anonymous>', endLine: 83, length: 83 })] }) })]),
      { linting_violations: 1 },
      { delta: -0.1, poorQuality: false, rules: ['max-function-length', 'coverage-estimate'] },
    ],
    [
      'and so is a named helper in a test file',
      scanOf([parsed('test/a.test.js', { kind: 'test', language: 'javascript', added: lines(['  seed();']), before: tree({ functions: [fn({ name: 'setUp', endLine: 78, length: 78 })] }), after: tree({ functions: [fn({ name: 'setUp', endLine: 83, length: 83 })] }) })]),
      // 1 test line for no code: +2 test points → 0.6, minus 0.1 for the long function.
      { linting_violations: 1, test_coverage_delta: 2 },
      { delta: 0.5, poorQuality: false, rules: ['max-function-length', 'coverage-estimate'] },
    ],
    [
      'line-rule violations carried from stage 1 count toward the formula',
      scanOf([], { lines: { findings: [{ group: 'style', severity: 'info', rule: 'no-todo', file: 'a.ts', line: 1, message: 'TODO added' }], lintViolations: 40, secrets: 0 } }),
      { linting_violations: 40, raw_delta: -4 },
      { delta: -4, poorQuality: false, rules: ['no-todo', 'coverage-none'] },
    ],
  ])('%s', (_title, scan, metrics, expected) => {
    const r = aggregate(commitOf(scan), scan, IN_TIME);
    expect(r.metrics).toMatchObject(metrics);
    expect({ delta: r.delta, poorQuality: r.poorQuality, rules: rules(r.findings) }).toEqual(expected);
  });

  it('sums additions and deletions over every listed file, skipped ones too', () => {
    const scan = scanOf([parsed('src/a.ts', { added: code(3), before: tree(), after: tree() })], { skippedFiles: [{ path: 'img/a.png', reason: 'binary' }] });
    const r = aggregate(commitOf(scan, [{ path: 'img/a.png', status: 'added', additions: 0, deletions: 7, binary: true }]), scan, IN_TIME);
    expect([r.filesChanged, r.additions, r.deletions]).toEqual([2, 3, 7]);
    expect(r.skippedFiles).toEqual([{ path: 'img/a.png', reason: 'binary' }]);
    expect(r.partial).toBe(false);
  });
});

describe('aggregate: partial results and skipped files', () => {
  const unparsed = parsed('src/slow.ts', { added: code(3) });
  const done = parsed('src/done.ts', { added: code(3), before: tree(), after: tree() });

  it.each<[string, FileScan, { timedOut: boolean }, { partial: boolean; skipped: string[]; analysed: number }]>([
    ['all parsed in time', scanOf([done]), { timedOut: false }, { partial: false, skipped: [], analysed: 1 }],
    ['not parsed, in time (nothing was planned): not listed', scanOf([unparsed, done]), { timedOut: false }, { partial: false, skipped: [], analysed: 1 }],
    ['out of time: the unparsed file is listed', scanOf([unparsed, done]), { timedOut: true }, { partial: true, skipped: ['src/slow.ts: time budget (30 ms) exhausted'], analysed: 1 }],
    [
      'out of time, the file already listed (too large): listed once',
      scanOf([unparsed], { skippedFiles: [{ path: 'src/slow.ts', reason: 'too large to parse (600 KiB > 512 KiB)' }], partial: true }),
      { timedOut: true },
      { partial: true, skipped: ['src/slow.ts: too large to parse (600 KiB > 512 KiB)'], analysed: 0 },
    ],
    ['out of time, a doc file: never parsed, not listed', scanOf([parsed('README.md', { kind: 'doc', language: null })]), { timedOut: true }, { partial: false, skipped: [], analysed: 0 }],
    ['stage 1 or 2 made it partial', scanOf([done], { partial: true }), { timedOut: false }, { partial: true, skipped: [], analysed: 1 }],
  ])('%s', (_title, scan, { timedOut }, expected) => {
    const r = aggregate(commitOf(scan), scan, { timedOut, timeBudgetMs: 30 });
    expect({ partial: r.partial, skipped: r.skippedFiles.map((s) => `${s.path}: ${s.reason}`), analysed: r.metrics.files_analysed }).toEqual(expected);
  });

  it.each([
    [{ truncated: true, files: 1 }, true],
    [{ truncated: false, files: GITHUB_FILE_CAP - 1 }, false],
    [{ truncated: undefined, files: GITHUB_FILE_CAP }, true],
  ])('file list cut by GitHub: %j → %s', ({ truncated, files }, cut) => {
    const list: ChangedFile[] = Array.from({ length: files }, (_, i) => ({ path: `docs/p${i}.md`, status: 'added', additions: 1, deletions: 0 }));
    expect(listWasCut({ truncated, files: list })).toBe(cut);
    expect(aggregate({ sha: 's', message: 'm', files: list, truncated }, scanOf([]), IN_TIME).partial).toBe(cut);
  });
});

describe('aggregate: dangerous calls judged by the syntax tree', () => {
  const added = lines(['const a = 1;', 'eval(input);', 'exec(`ls ${dir}`);']);
  it.each<[string, ParsedFile, string[], number]>([
    [
      'a call on an added line: reported, 3 violations',
      parsed('src/a.js', { language: 'javascript', dangerousFromTree: true, added, before: null, after: tree({ dangerousCalls: [{ rule: 'no-eval', line: 2, endLine: 2, message: 'code evaluated from a string' }] }) }),
      ['no-eval@2'],
      3,
    ],
    [
      'a call the commit did not touch: not reported',
      parsed('src/a.js', { language: 'javascript', dangerousFromTree: true, added, before: null, after: tree({ dangerousCalls: [{ rule: 'no-eval', line: 10, endLine: 12, message: 'old' }] }) }),
      [],
      0,
    ],
    [
      'the tree is missing (parse failed): the line rules judge the added lines',
      parsed('src/a.js', { language: 'javascript', dangerousFromTree: true, added }),
      ['no-eval@2', 'no-shell-injection@3'],
      6,
    ],
    ['judged by line in stage 2: nothing more here', parsed('src/a.js', { language: 'javascript', dangerousFromTree: false, added, before: null, after: tree() }), [], 0],
  ])('%s', (_title, file, expected, lint) => {
    const scan = scanOf([file]);
    const r = aggregate(commitOf(scan), scan, IN_TIME);
    expect(r.findings.filter((f) => f.group === 'security').map((f) => `${f.rule}@${f.line}`)).toEqual(expected);
    expect(r.metrics.linting_violations).toBe(lint);
  });

  it.each([
    ['a call starting on an added line', [{ line: 4, endLine: 6 }], [5, 4], [4]],
    ['a call spanning an added line: reported at that line', [{ line: 4, endLine: 6 }], [6, 9], [6]],
    ['a call before every added line', [{ line: 1, endLine: 2 }], [3], []],
    ['a call after every added line', [{ line: 7, endLine: 7 }], [3], []],
  ])('treeDangerousHits: %s', (_title, spans, addedLines, expectedLines) => {
    const calls = spans.map((s) => ({ rule: 'no-eval' as const, message: 'eval', ...s }));
    const hits = treeDangerousHits(calls, addedLines.map((line) => ({ line, text: 'x' })));
    expect(hits.map((h) => h.line)).toEqual(expectedLines);
  });
});

describe('aggregate: the findings cap', () => {
  const info = (i: number): Finding => ({ group: 'style', severity: 'info', rule: `info-${i}`, file: 'a.ts', message: 'm' });
  const warning: Finding = { group: 'complexity', severity: 'warning', rule: 'warn', file: 'a.ts', message: 'm' };
  const error: Finding = { group: 'security', severity: 'error', rule: 'err', file: 'a.ts', message: 'm' };

  it.each<[string, Finding[], number, string[]]>([
    ['under the cap: all kept, most severe first, ties in order', [info(1), warning, info(2), error], 10, ['err', 'warn', 'info-1', 'info-2']],
    ['over the cap: the least severe are dropped', [info(1), info(2), warning, error], 3, ['err', 'warn', 'info-1']],
    ['nothing', [], 3, []],
  ])('%s', (_title, findings, max, expected) => {
    expect(rules(capFindings(findings, max))).toEqual(expected);
  });

  it(`keeps at most ${MAX_FINDINGS} findings per commit, while the counts still cover all`, () => {
    const many = Array.from({ length: 400 }, (_, i) => info(i));
    const scan = scanOf([], { lines: { findings: [...many, error], lintViolations: 401, secrets: 0 } });
    const r = aggregate(commitOf(scan), scan, IN_TIME);
    expect(r.findings).toHaveLength(MAX_FINDINGS);
    expect(r.findings[0]?.rule).toBe('err');
    expect(r.findings[1]?.rule).toBe('info-0');
    expect(r.metrics.linting_violations).toBe(401);
  });
});

describe('line counts of added code', () => {
  it.each([
    [['a();', '', '   ', 'b();'], 2, 0],
    [['// note', ' * doc', '/* block */', 'x = 1 # trailing'], 4, 3],
    [['# python comment', '#include <stdio.h>', '#!/bin/sh', '"""doc"""'], 4, 2],
  ])('%j → %d code lines, %d comment lines', (texts, codeLines, commentLines) => {
    expect(countCodeLines(lines(texts))).toBe(codeLines);
    expect(countCommentLines(lines(texts))).toBe(commentLines);
  });
});

describe('estimatedTestDelta', () => {
  it("never scores a tested change lower for being smaller (no cliff at 10 lines: gin's and click's moves with tests)", () => {
    for (const cases of [1, 2, 3, 8]) {
      let previous = Infinity;
      for (let lines = 0; lines <= 400; lines++) {
        const score = estimatedTestDelta(lines, cases, 10);
        expect(score, `${cases} case(s), ${lines} line(s)`).toBeLessThanOrEqual(previous);
        previous = score;
      }
    }
    // A small change's tests count as for 10 lines, where one already saturates; 10 lines and up are as
    // before (one test for 50 lines: +2); untested small changes cost nothing.
    expect([estimatedTestDelta(3, 1, 5), estimatedTestDelta(10, 1, 5), estimatedTestDelta(50, 1, 5), estimatedTestDelta(9, 0, 0), estimatedTestDelta(300, 0, 0)]).toEqual([17, 17, 2, 0, -10]);
  });
});
