import { describe, expect, it } from 'vitest';
import type { LanguageId } from '../../src/analysis/languages.ts';
import { MAX_LINE_LENGTH, styleHits } from '../../src/analysis/style-rules.ts';

const long = (head: string) => head + 'x'.repeat(MAX_LINE_LENGTH + 10 - head.length);
const lengthHits = (text: string, language: LanguageId | null) =>
  styleHits([{ line: 1, text }], { language, allowOutput: true, markdown: false }).filter((h) => h.rule === 'max-line-length').length;

describe('max-line-length', () => {
  it.each<[string, string, LanguageId | null, number]>([
    ['a long line of code', long('  const message = '), 'typescript', 1],
    // zod's 92f47984b: stacked // comments joined into single lines (86 hits before).
    ['a long // comment', long('  // `_errors` is reserved by this legacy format, so merge '), 'typescript', 0],
    ['a long block comment line', long('   * Repeated collections: the first pass frees the bulk '), 'typescript', 0],
    ['a long Python comment', long('    # the first pass frees the bulk '), 'python', 0],
    ['a line with a URL', long('  see("https://example.com/'), 'typescript', 0],
    ['a long #define is code in C', long('#define FMT_VERSION_STRING '), 'c', 1],
    ['a long #if is code in C#', long('#if NET8_0_OR_GREATER && '), 'csharp', 1],
  ])('%s', (_what, text, language, expected) => {
    expect(lengthHits(text, language)).toBe(expected);
  });
});
