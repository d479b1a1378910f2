/**
 * ESLint's own `complexity` rule (classic variant) as the reference the
 * analyser must agree with (issue #3). Threshold 0 makes it report every function.
 */
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { analyseSource } from '../../src/analysis/function-metrics.ts';
import type { LanguageId } from '../../src/analysis/languages.ts';
import type { CorpusFile } from './corpus.ts';

export interface EslintFunction {
  line: number;
  /** 0-based, like tree-sitter columns. */
  column: number;
  complexity: number;
}

const linter = new Linter({ configType: 'flat' });
const COMPLEXITY = /complexity of (\d+)\./;

/** The source types a `.js` file may be, in the order to try them. */
export const SOURCE_TYPES = ['module', 'commonjs', 'script'] as const;

export function configFor(sourceType: (typeof SOURCE_TYPES)[number]): Linter.Config[] {
  // Inline directives off: real files carry `eslint-disable complexity` comments that would hide functions.
  return [{ languageOptions: { ecmaVersion: 'latest', sourceType }, linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' }, rules: { complexity: ['error', 0] } }];
}

/** Per-function complexity, or null when ESLint cannot parse the file in any source type. */
export function eslintComplexities(source: string): EslintFunction[] | null {
  for (const sourceType of SOURCE_TYPES) {
    const messages = linter.verify(source, configFor(sourceType));
    if (!messages.some((m) => m.fatal)) return complexities(messages);
  }
  return null;
}

/** The same rule through typescript-eslint's parser, for TypeScript and TSX files. */
export function eslintComplexitiesTs(source: string, tsx: boolean): EslintFunction[] | null {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: tsx } } },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      rules: { complexity: ['error', 0] },
    },
  ];
  const messages = linter.verify(source, config, tsx ? 'file.tsx' : 'file.ts');
  return messages.some((m) => m.fatal) ? null : complexities(messages);
}

function complexities(messages: Linter.LintMessage[]): EslintFunction[] {
  const out: EslintFunction[] = [];
  for (const m of messages) {
    const match = COMPLEXITY.exec(m.message);
    if (m.ruleId === 'complexity' && match?.[1]) out.push({ line: m.line, column: m.column - 1, complexity: Number(match[1]) });
  }
  return out;
}

/**
 * Our per-function complexity against ESLint's over `files`, paired by where ESLint reports each
 * function (its head), so a function we miss counts as a disagreement; the test
 * (eslint-agreement.test.ts) and the bench (bench/analysis) both judge by it.
 */
export async function eslintAgreement(files: readonly CorpusFile[], reference: (f: CorpusFile) => EslintFunction[] | null, language: (f: CorpusFile) => LanguageId) {
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
  return { files: files.length, compared, agreed, ratio: compared === 0 ? 0 : agreed / compared, disagreements };
}
