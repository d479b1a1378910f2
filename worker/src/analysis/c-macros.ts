/**
 * C and C++ read without a preprocessor. tree-sitter parses the source as
 * written, so the macros almost every C/C++ library puts around its
 * declarations — `FMT_BEGIN_NAMESPACE` on a line of its own, `FMT_API` or
 * `Q_DECL_EXPORT` before a return type — look like types and names to it, and
 * its error recovery turns `FMT_BEGIN_NAMESPACE namespace detail { … }` into a
 * 200-line "function" called `namespace`. fmt's last 100 commits were reported
 * with such functions (undocumented, far too long) that do not exist.
 *
 * Before parsing, those macros are replaced by spaces of the same length, so
 * every line and column stays where it was:
 * - a line that is only a macro name with an underscore (`FMT_END_NAMESPACE`,
 *   `Q_OBJECT`) or a macro call with no semicolon and no body after it
 *   (`FMT_PRAGMA_CLANG(diagnostic push)`; not `TEST_F(Suite, Name)` with its
 *   `{` on the next line: that one is a test function);
 * - names with an underscore in capitals at the start of a declaration line,
 *   before a type and a name (`FMT_NORETURN FMT_API void report_error(…)`;
 *   not the return type in `UINT_PTR f(int x)`; in C++ also before a
 *   constructor's name: `FMT_CONSTEXPR text_style(emphasis em)`);
 * - a macro between `if` and its condition (`if FMT_CONSTEXPR20 (…)`);
 * - this file's own macros for declaration prefixes, any case (`#define
 *   ffc_internal static`): replaced by `static` when they mean it, else blanked;
 * - in C++, `typename` right after a `(` (`push_back(typename T::value_type(v))`);
 * - in C++, an access specifier spelled as a macro (`JSON_PRIVATE_UNLESS_TESTED:`,
 *   nlohmann/json): replaced by the access its name says (`private:`).
 * - a short conditional around a piece of a declaration (`#if …` / `constexpr` /
 *   `#endif`): its first branch is kept, the directives and other branches blanked.
 * Other preprocessor lines are left as they are (tree-sitter reads them).
 */

/** A macro-like name: capitals and digits with at least one underscore inside (`FMT_API`, `Q_OBJECT`). */
function isMacroName(word: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(word) && word.includes('_') && !word.endsWith('_') && word.length >= 3;
}

const blank = (s: string) => s.replace(/[^\s]/g, ' ');

/** The name of a macro call that makes up the whole trimmed line (`NAME(args)`, a comment after it allowed), else null. */
function wholeLineCall(line: string): string | null {
  // A comment after the call (`JSON_HEDLEY_DEPRECATED_FOR(3.11.0, x) // NOLINT(…)`) is no part of it.
  const comment = line.indexOf('//');
  const t = comment < 0 ? line : line.slice(0, comment).trimEnd();
  const open = t.indexOf('(');
  if (open < 0 || !t.endsWith(')')) return null;
  const name = t.slice(0, open).trimEnd();
  const args = t.slice(open + 1, -1);
  return isMacroName(name) && balanced(args) ? name : null;
}

/** Whether every `(` in a macro's arguments closes inside them (`JSON_HEDLEY_DEPRECATED_FOR(3.1.0, items())`). */
function balanced(args: string): boolean {
  let depth = 0;
  for (const c of args) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** `if FMT_CONSTEXPR20 (cond)`: a macro between `if` and its condition (`if constexpr` spelled for old compilers). */
const IF_MACRO = /\bif\s+([A-Z][A-Z0-9_]*)\s*\(/g;

/** What a declaration-prefix macro may stand for: storage classes, inline, attributes. */
const PREFIX_WORD = /^(static|inline|__inline|__inline__|__forceinline|extern|_Noreturn|__attribute__\(\(.*\)\)|__declspec\(.*\))$/;

/**
 * This file's own object-like macros that stand for declaration prefixes (`#define ffc_internal
 * static`, `#define ffc_inline inline`): name → what to write in its place (`static` when any of
 * its definitions is static, else nothing). hiredis's vendored ffc.h marks 73 private helpers so.
 */
function prefixMacros(lines: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of lines) {
    const m = /^\s*#\s*define\s+([A-Za-z_]\w*)[ \t]+(\S.*)$/.exec(line);
    if (!m) continue;
    const words = m[2]!.trim().split(/\s+(?![^(]*\))/);
    if (!words.every((w) => PREFIX_WORD.test(w))) continue;
    const name = m[1]!;
    const keep = words.includes('static') && 'static'.length <= name.length ? 'static' : '';
    if (found.get(name) !== 'static') found.set(name, keep);
  }
  return found;
}

export function neutraliseCMacros(source: string, language: 'c' | 'cpp' = 'cpp'): string {
  const lines = source.split('\n');
  const prefixes = source.includes('define') ? prefixMacros(lines) : new Map<string, string>();
  let continued = false;
  let changed = source.includes('#if') && keepFirstBranchOfFragments(lines);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.trim();
    const directive: boolean = continued || t.startsWith('#');
    continued = directive && line.trimEnd().endsWith('\\');
    if (directive || t === '') continue;
    const access = language === 'cpp' ? accessMacro(t) : null;
    if (access !== null) {
      // `JSON_PRIVATE_UNLESS_TESTED:` (nlohmann/json): an access specifier spelled as a macro.
      const indent = line.length - line.trimStart().length;
      lines[i] = line.slice(0, indent) + `${access}:`.padEnd(t.length) + line.slice(indent + t.length);
      changed = true;
      continue;
    }
    if (isMacroName(t) || (wholeLineCall(t) !== null && !nextStartsBody(lines, i))) {
      lines[i] = blank(line);
      changed = true;
      continue;
    }
    // Leading macro names before more of a declaration: blank them one by one.
    let at = line.length - line.trimStart().length;
    let out = line;
    for (;;) {
      const word = /^[A-Za-z_]\w*/.exec(line.slice(at))?.[0];
      const own = word === undefined ? undefined : prefixes.get(word);
      if (word !== undefined && own !== undefined) {
        // One of this file's prefix macros: what it stands for, padded to its length.
        out = out.slice(0, at) + own.padEnd(word.length) + out.slice(at + word.length);
        const after = line.slice(at + word.length);
        at += word.length + (after.length - after.trimStart().length);
        changed = true;
        continue;
      }
      const m = /^[A-Z][A-Z0-9_]*/.exec(line.slice(at));
      if (!m || !isMacroName(m[0])) break;
      const after = line.slice(at + m[0].length);
      const rest = after.trimStart();
      // Only before a type and a name (`FMT_API void f()`, `FMT_NORETURN FMT_API void`): not `UINT_PTR f(int x)`,
      // where it is the return type, nor `FOO_BAR(x)`, `FOO_BAR = 1`, `FOO_BAR::x`.
      // In C++ also before `Name(`: `FMT_CONSTEXPR text_style(emphasis em)` is a constructor.
      const declaration = /^[A-Za-z_][\w:]*(?:<[^<>]*>)?[\s*&]+[A-Za-z_~*&(]/.test(rest) || (language === 'cpp' && /^~?[A-Za-z_]\w*\(/.test(rest));
      if (rest === after || !declaration) break;
      out = out.slice(0, at) + blank(m[0]) + out.slice(at + m[0].length);
      at += m[0].length + (after.length - rest.length);
      changed = true;
    }
    for (const m of out.matchAll(IF_MACRO)) {
      if (!isMacroName(m[1]!) && !/^[A-Z][A-Z0-9]+$/.test(m[1]!)) continue;
      const at2 = m.index! + m[0].indexOf(m[1]!);
      out = out.slice(0, at2) + blank(m[1]!) + out.slice(at2 + m[1]!.length);
      changed = true;
    }
    if (language === 'cpp' && out.includes('typename')) {
      const read = typenameInCall(out);
      if (read !== out) [out, changed] = [read, true];
    }
    lines[i] = out;
  }
  return changed ? lines.join('\n') : source;
}

/**
 * The access a line such as `JSON_PRIVATE_UNLESS_TESTED:` stands for: a macro name alone before a
 * colon (not `::`) that says PRIVATE, PROTECTED or PUBLIC; null for anything else (a `LABEL:`).
 */
function accessMacro(t: string): 'private' | 'protected' | 'public' | null {
  if (!t.endsWith(':') || t.endsWith('::')) return null;
  const name = t.slice(0, -1).trimEnd();
  if (!isMacroName(name)) return null;
  const parts = name.split('_');
  if (parts.includes('PRIVATE')) return 'private';
  if (parts.includes('PROTECTED')) return 'protected';
  return parts.includes('PUBLIC') ? 'public' : null;
}

/** At most this many lines in a conditional read as part of a declaration. */
const FRAGMENT_LINES = 6;

/**
 * A short `#if … #endif` around a piece of a declaration, no statement in it (nlohmann/json's
 * `#if defined(JSON_HAS_CPP_14)` / `constexpr` / `#endif` between a template and its function):
 * tree-sitter cannot close a conditional that holds half a declaration, and its recovery ran the
 * `#if` on to the end of the class, so every method after it lost its `private:`. Read as a
 * compiler would with the condition true: the directives and every branch but the first become
 * spaces. A conditional with `;`, `{` or `}` in it, a nested one, or a continued directive is
 * left to tree-sitter. Returns whether anything changed.
 */
function keepFirstBranchOfFragments(lines: string[]): boolean {
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    // `#if 0` holds what the compiler never reads: left to tree-sitter, as before.
    if (!/^\s*#\s*if/.test(lines[i]!) || /^\s*#\s*if\s+0\b/.test(lines[i]!)) continue;
    const found = readConditional(lines, i);
    if (found.nested >= 0) i = found.nested; // an inner conditional is not a fragment of its own
    if (!found.fragment) continue;
    const { directives, end } = found.fragment;
    for (let j = directives[1] ?? end; j <= end; j++) lines[j] = blank(lines[j]!);
    lines[i] = blank(lines[i]!);
    changed = true;
    i = end;
  }
  return changed;
}

/**
 * The conditional opened on line `i`, read up to FRAGMENT_LINES ahead: its `#else`/`#elif` lines
 * and `#endif` when it is a fragment (no `;`, `{`, `}`, no continued directive), and the line of a
 * conditional nested in it, if one stopped the reading (-1 otherwise).
 */
function readConditional(lines: readonly string[], i: number): { fragment: { directives: number[]; end: number } | null; nested: number } {
  const directives = [i];
  for (let j = i + 1; j < lines.length && j <= i + FRAGMENT_LINES + 2; j++) {
    const t = lines[j]!.trim();
    if (!t.startsWith('#')) {
      if (/[;{}]/.test(t)) break;
      continue;
    }
    const word = /^#\s*(\w+)/.exec(t)?.[1] ?? '';
    if (word === 'else' || word === 'elif') directives.push(j);
    else if (word !== 'endif') return { fragment: null, nested: word.startsWith('if') ? j : -1 };
    else {
      const continued = directives.some((d) => lines[d]!.trimEnd().endsWith('\\'));
      return { fragment: continued ? null : { directives, end: j }, nested: -1 };
    }
  }
  return { fragment: null, nested: -1 };
}

/**
 * `push_back(typename object_t::value_type(k, v))`: a dependent type built inside a call, which
 * this grammar cannot read — its recovery took nlohmann/json's push_back on for 480 lines, over
 * the rest of the class. The `typename` is blanked (the call reads the same without it);
 * `template <typename T>` and `= typename T::x` have no `(` before it and are left.
 */
function typenameInCall(line: string): string {
  let out = line;
  for (let at = out.indexOf('typename'); at >= 0; at = out.indexOf('typename', at + 8)) {
    let before = at - 1;
    while (before >= 0 && (out[before] === ' ' || out[before] === '\t')) before--;
    const after = out[at + 8];
    if (out[before] === '(' && (after === ' ' || after === '\t')) out = out.slice(0, at) + ' '.repeat(8) + out.slice(at + 8);
  }
  return out;
}

/** Whether the next non-blank line opens a body (`{`): then a `NAME(args)` line is a function's head (`TEST_F(Suite, Name)`). */
function nextStartsBody(lines: readonly string[], i: number): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j]!.trim();
    if (t !== '') return t.startsWith('{');
  }
  return false;
}
