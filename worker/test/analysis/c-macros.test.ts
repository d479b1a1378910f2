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
    ['a macro call with calls inside and a comment after it', '    JSON_HEDLEY_DEPRECATED_FOR(3.1.0, items()) // NOLINT(x)\nint f();', `${' '.repeat(59)}\nint f();`],
    ['`typename` right after a `(` (a dependent type built in a call)', '  push_back(typename T::value_type(k), typename U::x(v));', `  push_back(${' '.repeat(8)} T::value_type(k), typename U::x(v));`],
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
    ['`typename` in a template head or after `=`', 'template <typename T> using X = typename T::x;'],
    ['a macro call whose parentheses do not close on its line', '      IS_VALID(f(y)))'],
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

  it('in C++ reads an access macro as the access its name says (nlohmann/json: JSON_PRIVATE_UNLESS_TESTED:)', () => {
    const source = ['class basic_json {', '  JSON_PRIVATE_UNLESS_TESTED:', '    int x;', '  MY_PROTECTED_API :', '  LIB_PUBLIC:', '};'].join('\n');
    const out = neutraliseCMacros(source, 'cpp');
    expect(out.split('\n').slice(1, 5).map((l) => l.trimEnd())).toEqual(['  private:', '    int x;', '  protected:', '  public:']);
    sameShape(source, out);
    // Not in C (a capitalised goto label), not a macro naming no access, not `NAME::member`.
    for (const line of ['  JSON_PRIVATE_UNLESS_TESTED:']) expect(neutraliseCMacros(line, 'c')).toBe(line);
    for (const line of ['  CLEANUP_ALL:', '  JSON_PRIVATE_UNLESS_TESTED::value', '  PRIVATE_DATA ? 1 : 0;']) expect(neutraliseCMacros(line, 'cpp')).toBe(line);
  });

  it('keeps the first branch of a short conditional around a piece of a declaration (nlohmann/json: `#if …` `constexpr` `#endif`)', () => {
    const source = ['    template <typename T>', '#if defined(JSON_HAS_CPP_14)', '    constexpr', '#elif defined(OLD)', '    inline', '#else', '#endif', '    auto get() const -> T'].join('\n');
    const out = neutraliseCMacros(source, 'cpp');
    expect(out.split('\n').map((l) => l.trim())).toEqual(['template <typename T>', '', 'constexpr', '', '', '', '', 'auto get() const -> T']);
    sameShape(source, out);
  });

  it.each([
    ['statements in it', '#ifdef _WIN32\n  int fd = 0;\n#endif\nint f();'],
    ['braces in it (a branch that opens a block)', '#ifdef _WIN32\n  if (a) {\n#else\n  if (b) {\n#endif'],
    ['`#if 0`, which the compiler never reads', '#if 0\n  constexpr\n#endif\nint f();'],
    ['a nested conditional', '#if A\n#if B\n  constexpr\n#endif\n#endif\nint f();'],
    ['a continued directive', '#if defined(A) && \\\n    defined(B)\n  constexpr\n#endif\nint f();'],
    ['a long one', `#if A\n${'  X\n'.repeat(8)}#endif`],
  ])('leaves a conditional with %s', (_what, source) => {
    expect(neutraliseCMacros(source, 'cpp')).toBe(source);
  });

  it('in C++ also blanks a macro before a constructor, not in C (where it would be the return type)', () => {
    const line = '  FMT_CONSTEXPR text_style(int em) noexcept : style_(em) {}';
    expect(neutraliseCMacros(line, 'cpp')).toBe('                text_style(int em) noexcept : style_(em) {}');
    expect(neutraliseCMacros(line, 'c')).toBe(line);
  });
});
