/**
 * Issue #3: for JavaScript the analyser's cyclomatic complexity must agree with
 * ESLint's `complexity` rule (classic) on real code. Both run over real files
 * from well-known packages in node_modules; functions are paired by the place
 * ESLint reports them (its function "head"), so a function we fail to find
 * counts as a disagreement too.
 */
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../../src/analysis/function-metrics.ts';
import { loadCorpus } from './corpus.ts';
import { eslintComplexities } from './eslint-reference.ts';

describe('agreement with ESLint complexity (classic) on real files', () => {
  it('agrees on at least 98% of several hundred functions', async () => {
    // A third of the corpus keeps the test around a few seconds on two shared cores.
    const files = loadCorpus(0.35);
    let compared = 0;
    let agreed = 0;
    const disagreements: string[] = [];
    for (const file of files) {
      const reference = eslintComplexities(file.source);
      if (!reference) continue;
      const ours = new Map<string, number>();
      for (const fn of (await analyseSource(file.source, 'javascript')).functions) {
        ours.set(`${fn.headLine}:${fn.headColumn}`, fn.complexity);
      }
      for (const ref of reference) {
        compared++;
        const mine = ours.get(`${ref.line}:${ref.column}`);
        if (mine === ref.complexity) agreed++;
        else disagreements.push(`${file.path}:${ref.line}:${ref.column + 1} eslint=${ref.complexity} ours=${mine ?? 'missing'}`);
      }
    }
    const ratio = agreed / compared;
    console.log(`ESLint agreement: ${agreed}/${compared} functions (${(100 * ratio).toFixed(2)}%) over ${files.length} files`);
    expect(compared).toBeGreaterThan(300);
    expect(ratio, disagreements.slice(0, 20).join('\n')).toBeGreaterThanOrEqual(0.98);
  });
});
