import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/test-artifacts/**', 'bench/results/**', '**/coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['browser-extension/**', 'site/**'],
    languageOptions: { globals: { ...globals.browser, chrome: 'readonly' } },
  },
  {
    // Migrations are frozen in time and typed Kysely<any> on purpose (kysely docs on migrations).
    files: ['db/src/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // process.env is read in exactly one place per process (env.ts): configuration is validated once, at start.
    files: ['db/src/**', 'api/src/**', 'worker/src/**'],
    ignores: ['**/env.ts', '**/*.test.ts', '**/bin/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through env.ts' }],
    },
  },
);
