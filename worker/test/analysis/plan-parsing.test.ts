/**
 * Stage 2 (plan-parsing.ts): which sides of a source file go to the parse pool
 * under the byte budgets, and what is skipped and why. Table-driven: a source
 * file as stage 1 leaves it, the bytes already planned, the budget → the plan.
 */
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/analysis/classify-files.ts';
import { DEFAULT_BUDGET } from '../../src/analysis/engine.ts';
import { planParse, SIZE_BUDGET_REASON, timeBudgetReason, timeBudgetSpent, type ByteBudget, type ParsePlan } from '../../src/analysis/plan-parsing.ts';

const BUDGET: ByteBudget = { maxFileBytes: 4096, maxTotalBytes: 10_000 };

/** A modified TypeScript code file with both sides known, unless overridden. */
function source(over: Partial<SourceFile> = {}): SourceFile {
  return {
    file: { path: 'src/a.ts', status: 'modified', additions: 1, deletions: 1 },
    kind: 'code',
    language: 'typescript',
    excluded: false,
    changes: { added: [{ line: 1, text: 'let b = 2;' }], removed: [{ line: 1, text: 'let a = 1;' }] },
    before: 'let a = 1;\n',
    after: 'let b = 2;\n',
    ...over,
  };
}

const NOT_PARSED: ParsePlan = { job: null, bytes: 0, skipReason: null, partial: false, dangerousCalls: 'none' };

describe('planParse', () => {
  it.each<[string, SourceFile, number, ByteBudget, ParsePlan]>([
    ['excluded file: nothing to parse, no dangerous-call rules', source({ excluded: true }), 0, BUDGET, NOT_PARSED],
    ['no grammar (doc, other): nothing to parse', source({ kind: 'doc', language: null }), 0, BUDGET, NOT_PARSED],
    [
      'both sides known, JS/TS: a pair, dangerous calls from the tree',
      source(),
      0,
      BUDGET,
      {
        job: { type: 'pair', task: { before: 'let a = 1;\n', after: 'let b = 2;\n', language: 'typescript', countTests: false, dangerousCalls: true } },
        bytes: 11,
        skipReason: null,
        partial: false,
        dangerousCalls: 'tree',
      },
    ],
    [
      'a language without tree rules: a pair, dangerous calls by line',
      source({ language: 'go', before: 'package a\n', after: 'package a\nvar b = 2\n' }),
      0,
      BUDGET,
      {
        job: { type: 'pair', task: { before: 'package a\n', after: 'package a\nvar b = 2\n', language: 'go', countTests: false, dangerousCalls: false } },
        bytes: 20,
        skipReason: null,
        partial: false,
        dangerousCalls: 'lines',
      },
    ],
    [
      'test file: counts test cases',
      source({ kind: 'test', before: null, after: 'it("a", () => {});\n' }),
      0,
      BUDGET,
      {
        job: { type: 'pair', task: { before: null, after: 'it("a", () => {});\n', language: 'typescript', countTests: true, dangerousCalls: true } },
        bytes: 19,
        skipReason: null,
        partial: false,
        dangerousCalls: 'tree',
      },
    ],
    [
      'Rust code file: counts its in-file tests too',
      source({ language: 'rust', before: null, after: 'fn a() {}\n' }),
      0,
      BUDGET,
      { job: { type: 'pair', task: { before: null, after: 'fn a() {}\n', language: 'rust', countTests: true, dangerousCalls: false } }, bytes: 10, skipReason: null, partial: false, dangerousCalls: 'lines' },
    ],
    [
      'removed file: a pair with no after side, so dangerous calls by line',
      source({ file: { path: 'src/a.js', status: 'removed', additions: 0, deletions: 1 }, language: 'javascript', before: 'eval(x);\n', after: null }),
      0,
      BUDGET,
      { job: { type: 'pair', task: { before: 'eval(x);\n', after: null, language: 'javascript', countTests: false, dangerousCalls: false } }, bytes: 9, skipReason: null, partial: false, dangerousCalls: 'lines' },
    ],
    [
      'contents not fetched: the patch fragments, partial, their size counted',
      source({ before: undefined, after: undefined }),
      0,
      BUDGET,
      {
        job: { type: 'fragments', before: { source: 'let a = 1;', language: 'typescript', countTests: false }, after: { source: 'let b = 2;', language: 'typescript', countTests: false } },
        bytes: 10,
        skipReason: null,
        partial: true,
        dangerousCalls: 'lines',
      },
    ],
    [
      'one side fetched: still fragments, its size counted',
      source({ before: undefined, after: 'x'.repeat(100) }),
      0,
      BUDGET,
      {
        job: { type: 'fragments', before: { source: 'let a = 1;', language: 'typescript', countTests: false }, after: { source: 'let b = 2;', language: 'typescript', countTests: false } },
        bytes: 100,
        skipReason: null,
        partial: true,
        dangerousCalls: 'lines',
      },
    ],
    [
      'a side over maxFileBytes: skipped, dangerous calls by line',
      source({ before: 'x'.repeat(10), after: 'x'.repeat(5000) }),
      0,
      BUDGET,
      { job: null, bytes: 0, skipReason: 'too large to parse (5 KiB > 4 KiB)', skipCode: { code: 'too_large', params: { sizeKiB: 5, limitKiB: 4 } }, partial: true, dangerousCalls: 'lines' },
    ],
    [
      'exactly maxFileBytes: parsed',
      source({ language: 'go', before: null, after: 'x'.repeat(4096) }),
      0,
      BUDGET,
      { job: { type: 'pair', task: { before: null, after: 'x'.repeat(4096), language: 'go', countTests: false, dangerousCalls: false } }, bytes: 4096, skipReason: null, partial: false, dangerousCalls: 'lines' },
    ],
    [
      'the commit would pass maxTotalBytes: skipped',
      source({ before: null, after: 'x'.repeat(200) }),
      9900,
      BUDGET,
      { job: null, bytes: 0, skipReason: SIZE_BUDGET_REASON, skipCode: { code: 'size_budget', params: {} }, partial: true, dangerousCalls: 'lines' },
    ],
    [
      'the commit reaches maxTotalBytes exactly: parsed',
      source({ language: 'go', before: null, after: 'x'.repeat(100) }),
      9900,
      BUDGET,
      { job: { type: 'pair', task: { before: null, after: 'x'.repeat(100), language: 'go', countTests: false, dangerousCalls: false } }, bytes: 100, skipReason: null, partial: false, dangerousCalls: 'lines' },
    ],
    [
      'too large wins over the commit budget',
      source({ before: null, after: 'x'.repeat(5000) }),
      9900,
      BUDGET,
      { job: null, bytes: 0, skipReason: 'too large to parse (5 KiB > 4 KiB)', skipCode: { code: 'too_large', params: { sizeKiB: 5, limitKiB: 4 } }, partial: true, dangerousCalls: 'lines' },
    ],
    ['excluded files cost no budget even when huge', source({ excluded: true, after: 'x'.repeat(50_000) }), 9900, BUDGET, NOT_PARSED],
  ])('%s', (_title, file, parsedBytes, budget, expected) => {
    expect(planParse(file, parsedBytes, budget)).toEqual(expected);
  });

  it('planned in order, a commit stops parsing once its total budget is spent', () => {
    const sizes = [4000, 4000, 4000, 1000, 3000];
    let parsedBytes = 0;
    const outcome = sizes.map((n) => {
      const plan = planParse(source({ before: null, after: 'x'.repeat(n) }), parsedBytes, BUDGET);
      parsedBytes += plan.bytes;
      return plan.skipReason ?? plan.job?.type;
    });
    expect(outcome).toEqual(['pair', 'pair', SIZE_BUDGET_REASON, 'pair', SIZE_BUDGET_REASON]);
    expect(parsedBytes).toBe(9000);
  });

  it('the default budget: 512 KiB a side', () => {
    expect(planParse(source({ before: null, after: 'x'.repeat(512 * 1024 + 1) }), 0, DEFAULT_BUDGET).skipReason).toBe('too large to parse (512 KiB > 512 KiB)');
    expect(planParse(source({ before: null, after: 'x'.repeat(512 * 1024) }), 0, DEFAULT_BUDGET).job?.type).toBe('pair');
  });
});

describe('time budget', () => {
  it.each([
    [0, 30, false],
    [30, 30, false],
    [30.01, 30, true],
    [12_000, 10_000, true],
  ])('%d ms elapsed of %d → spent: %s', (elapsed, budget, spent) => {
    expect(timeBudgetSpent(elapsed, budget)).toBe(spent);
  });

  it('names the budget in the reason', () => {
    expect(timeBudgetReason(30)).toBe('time budget (30 ms) exhausted');
  });
});
