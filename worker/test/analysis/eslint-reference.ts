/**
 * ESLint's own `complexity` rule (classic variant) as the reference the
 * analyser must agree with (issue #3). Threshold 0 makes it report every function.
 */
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

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
