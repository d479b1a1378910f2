import { describe, expect, it } from 'vitest';
import type { LanguageId } from '../../src/analysis/languages.ts';
import { commentBlockLines, MAX_LINE_LENGTH, styleHits } from '../../src/analysis/style-rules.ts';

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

describe('commentBlockLines: what lies inside a block comment or a docstring', () => {
  it("JSDoc whose paragraphs run on without a leading * (ky's style) is prose; a comment after code is not", () => {
    const source = [
      'export class HTTPError extends Error {', // 1
      '\t/**', // 2
      '\tThe error has a `response` property with the `Response` object, and a `data` property.', // 3
      '\t*/', // 4
      '\tconst url = "/* not a comment */"; // nor this /*', // 5
      '\tcode(); /* trailing', // 6
      '\t   still the comment */', // 7
      '}', // 8
    ].join('\n');
    expect([...commentBlockLines(source, 'typescript')].sort((a, b) => a - b)).toEqual([2, 3, 4, 7]);
  });

  it("Python: a docstring's lines", () => {
    const source = ['def f():', '    """Do it.', '', '    A long explanation.', '    """', '    return \'"""\'', ''].join('\n');
    expect([...commentBlockLines(source, 'python')].sort((a, b) => a - b)).toEqual([2, 3, 4, 5]);
  });

  it('a long line inside such a block is no overlong line; a long code line still is', () => {
    const prose = `\tThis function takes precedence over the default retry checks ${'and more words '.repeat(6)}for retriable methods.`;
    const code = `\tconst retry = ${'options.retry ?? '.repeat(8)}defaults;`;
    const lines = [{ line: 3, text: prose }, { line: 5, text: code }];
    const hits = styleHits(lines, { language: 'typescript', allowOutput: true, markdown: false, proseLines: new Set([2, 3, 4]) }).filter((h) => h.rule === 'max-line-length');
    expect(hits.map((h) => h.line)).toEqual([5]);
  });
});
