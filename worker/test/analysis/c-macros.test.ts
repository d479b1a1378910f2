import { describe, expect, it } from 'vitest';
import { neutraliseCMacros } from '../../src/analysis/c-macros.ts';

/** Every line keeps its length: lines and columns of the parse are those of the file. */
function sameShape(before: string, after: string): void {
  expect(after.split('\n').map((l) => l.length)).toEqual(before.split('\n').map((l) => l.length));
}

describe('neutraliseCMacros', () => {
  it.each([
    ['a macro line of its own', 'FMT_BEGIN_NAMESPACE\nnamespace detail {', '                   \nnamespace detail {'],
    ['a macro call with no body after it', '  FMT_PRAGMA_CLANG(diagnostic push)\nint x;', '                                   \nint x;'],
    ['export and attribute macros before a declaration', 'FMT_NORETURN FMT_API void report_error(const char* m);', '                     void report_error(const char* m);'],
    ['a macro between if and its condition', '  if FMT_CONSTEXPR20 (n > 0) return n;', '  if                 (n > 0) return n;'],
  ])('blanks %s', (_what, source, expected) => {
    const out = neutraliseCMacros(source);
    expect(out).toBe(expected);
    sameShape(source, out);
  });

  it.each([
    ['a test macro whose body opens on the next line', 'TEST_F(Suite, Name)\n{\n  EXPECT_EQ(1, 1);\n}'],
    ['a capitalised return type', 'UINT_PTR handle_of(int x) {'],
    ['a macro call statement', '  FMT_ASSERT(n > 0, "n");'],
    ['an expression', '  return MAX_SIZE * 2;'],
    ['preprocessor lines, continued ones too', '#define FMT_API \\\n  FMT_VISIBILITY("default")\n#if FMT_HAS_INCLUDE(<variant>)'],
    ['a name without an underscore', 'EXPORT\nint f();'],
  ])('leaves %s', (_what, source) => {
    expect(neutraliseCMacros(source, 'c')).toBe(source);
  });

  it("replaces this file's own prefix macros by what they mean (hiredis's vendored ffc.h: `#define ffc_internal static`)", () => {
    const source = [
      '#define ffc_internal static',
      '#ifdef _MSC_VER',
      '  #define ffc_inline __forceinline',
      '#else',
      '  #define ffc_inline __attribute__((always_inline)) inline',
      '#endif',
      '#define ffc_max(a, b) ((a) > (b) ? (a) : (b))',
      'ffc_internal ffc_inline',
      'uint64_t ffc_get_double_bits(double d) { return 0; }',
      'ffc_inline uint64_t ffc_public(double d) { return ffc_max(d, 1); }',
    ].join('\n');
    const out = neutraliseCMacros(source, 'c').split('\n');
    expect(out.slice(7)).toEqual([
      'static                 ',
      'uint64_t ffc_get_double_bits(double d) { return 0; }',
      '           uint64_t ffc_public(double d) { return ffc_max(d, 1); }',
    ]);
    sameShape(source, out.join('\n'));
  });

  it('in C++ also blanks a macro before a constructor, not in C (where it would be the return type)', () => {
    const line = '  FMT_CONSTEXPR text_style(int em) noexcept : style_(em) {}';
    expect(neutraliseCMacros(line, 'cpp')).toBe('                text_style(int em) noexcept : style_(em) {}');
    expect(neutraliseCMacros(line, 'c')).toBe(line);
  });
});
