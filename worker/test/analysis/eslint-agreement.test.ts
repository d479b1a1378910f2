/**
 * Issue #3: for JavaScript and TypeScript the analyser's cyclomatic complexity
 * must agree with ESLint's `complexity` rule (classic) on real code. Both run
 * over real files from well-known packages in node_modules; functions are paired
 * by the place ESLint reports them (its function "head"), so a function we fail
 * to find counts as a disagreement too.
 */
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../../src/analysis/function-metrics.ts';
import type { LanguageId } from '../../src/analysis/languages.ts';
import { loadCorpus, loadTsCorpus, type CorpusFile } from './corpus.ts';
import { eslintComplexities, eslintComplexitiesTs, type EslintFunction } from './eslint-reference.ts';

async function agreement(files: CorpusFile[], reference: (f: CorpusFile) => EslintFunction[] | null, language: (f: CorpusFile) => LanguageId) {
  let compared = 0;
  let agreed = 0;
  const disagreements: string[] = [];
  for (const file of files) {
    const expected = reference(file);
    if (!expected) continue;
    const ours = new Map<string, number>();
    for (const fn of (await analyseSource(file.source, language(file))).functions) ours.set(`${fn.headLine}:${fn.headColumn}`, fn.complexity);
    for (const ref of expected) {
      compared++;
      const mine = ours.get(`${ref.line}:${ref.column}`);
      if (mine === ref.complexity) agreed++;
      else disagreements.push(`${file.path}:${ref.line}:${ref.column + 1} eslint=${ref.complexity} ours=${mine ?? 'missing'}`);
    }
  }
  return { compared, agreed, ratio: agreed / compared, disagreements };
}

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
