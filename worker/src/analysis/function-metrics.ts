/**
 * Per-function metrics from a real syntax tree (issue #3, "Complexity"):
 * cyclomatic complexity, length in lines, maximum nesting depth, plus the facts
 * the documentation and testing groups need (doc comment, public, test cases).
 *
 * One pass over the tree per file collects the nodes that matter; scopes
 * (functions, blocks) are rebuilt from their offsets.
 */
import { neutraliseCMacros } from './c-macros.ts';
import type { Parser } from './parser.ts';
import { getParser, loadLanguage } from './parser.ts';
import { LANGUAGES, type LanguageId, type LanguageSpec } from './languages.ts';
import { baseName, followsElse, isTestCase, openFunction, specialWeight, type FunctionMetrics } from './function-facts.ts';

export type { FunctionMetrics };
import { findDangerousCalls, hasDangerousCallRules, type DangerousCall } from './dangerous-calls.ts';
import type * as JsMetricsModule from './js-metrics.ts';

/**
 * js-metrics.ts and meriyah (half the JavaScript the analyse CLI would otherwise compile at start)
 * are imported with the first JavaScript file: a process judging a commit without JavaScript does
 * not load them (worker/src/analysis/README.md, "Where the time goes").
 */
let jsMetrics: Promise<typeof JsMetricsModule> | null = null;
function loadJsMetrics(): Promise<typeof JsMetricsModule> {
  jsMetrics ??= import('./js-metrics.ts');
  return jsMetrics;
}

export interface SourceMetrics {
  language: LanguageId;
  functions: FunctionMetrics[];
  lines: number;
  /** Lines that hold (part of) a comment. */
  commentLines: number;
  /** Decision points in the whole file, inside functions or not (patch-only fallback compares these). */
  decisions: number;
  /** Test cases declared in the file (`it(`, `def test_`, `func Test`, `#[test]`, `@Test`…). */
  testCases: number;
  /** The parser had to recover from syntax errors. */
  hasErrors: boolean;
  /** Dangerous calls in the tree, when asked for (`dangerousCalls`) and the language has tree rules. */
  dangerousCalls?: DangerousCall[];
}

const JS_LIKE = new Set<LanguageId>(['javascript', 'typescript', 'tsx']);

/** Node types whose contribution depends on their children (default labels, wildcard arms). */
const SPECIAL_TYPES = new Set(['switch_label', 'case_statement', 'case_clause', 'match_arm']);
const TEST_HINT_TYPES = ['call_expression', 'call', 'marker_annotation', 'annotation', 'attribute_item', 'attribute', 'function_declaration', 'function_definition', 'method'];

/** What a node type contributes; a type may do several things (a Python `if` is a decision and nests). */
const FN = 1;
const DEC = 2;
const SPECIAL = 4;
const NEST = 8;
/** An `if` that may continue an `else if` chain (no extra nesting then). */
const IF = 16;
const COMMENT = 32;
const CONTAINER = 64;
const EXPORT = 128;
const TEST = 256;
/** TS `required_parameter`/`optional_parameter`: a decision when it has a default value. */
const PARAM = 512;
/** A `?.` token: a decision only outside an optional_chain node (then it is the TS grammar's optional call). */
const OPTIONAL_TOKEN = 1024;
const OPTIONAL_CHAIN = 2048;
/** Types whose end offset is needed (they open a scope, or span lines). */
const NEEDS_END = FN | NEST | COMMENT | CONTAINER | EXPORT;

/** Languages whose `else if` is an `if` node right after `else` (Python has elif, Ruby elsif). */
const ELSE_IF_CHAINS = new Set<LanguageId>(['javascript', 'typescript', 'tsx', 'go', 'rust', 'java', 'csharp', 'c', 'cpp']);

/**
 * The type names handed to `descendantsOfType`, which resolves them to symbol ids by calling
 * `includes` once per symbol of the grammar (web-tree-sitter 0.22: ~250–400 symbols × our ~40
 * names, string by string, on every call). Answered from a Set instead: 409 calls on a tiny tree
 * took 3.8 ms instead of 13.0 (about 1 % of the bench's pass over its corpus; worker/src/analysis/README.md).
 */
class TypeNames extends Array<string> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  readonly #set: ReadonlySet<string>;
  constructor(names: Iterable<string>) {
    super();
    for (const n of names) this.push(n);
    this.#set = new Set(this);
  }
  override includes(name: string): boolean {
    return this.#set.has(name);
  }
}

interface MetricsTable {
  /** Node type names to ask tree-sitter for (it matches names; `kinds` tells same-named symbols apart). */
  types: string[];
  /** By grammar symbol id: what a node of that symbol contributes (0 = nothing). */
  kinds: Uint16Array;
}

/**
 * One pass per file finds every node the metrics need inside WebAssembly
 * (`descendantsOfType`, a C loop over the tree), and each node is classified by
 * its numeric grammar symbol through this table. Measured on node_modules, that
 * is about a quarter cheaper than the tree-sitter query it replaced, and three
 * times cheaper than visiting all nodes from JavaScript with a TreeCursor (each
 * step a marshalled call). Built once per language (and test counting) per thread.
 */
const tables = new Map<string, Promise<MetricsTable>>();

/** Languages whose `&&` token is also written in types and patterns (a reference to a reference, an rvalue reference). */
const AMPERSAND_TYPES: ReadonlySet<LanguageId> = new Set(['c', 'cpp', 'rust']);

/** Cached as a promise, so tasks arriving together on a cold thread build it once. */
function metricsTable(spec: LanguageSpec, countTests: boolean): Promise<MetricsTable> {
  const key = `${spec.id}:${countTests}`;
  let table = tables.get(key);
  if (!table) {
    table = buildMetricsTable(spec, countTests);
    tables.set(key, table);
  }
  return table;
}

async function buildMetricsTable(spec: LanguageSpec, countTests: boolean): Promise<MetricsTable> {
  const language = await loadLanguage(spec.id);
  const named = new Map<string, number>();
  const anonymous = new Map<string, number>();
  const add = (map: Map<string, number>, types: readonly string[], kind: number) => {
    for (const t of types) map.set(t, (map.get(t) ?? 0) | kind);
  };
  add(named, spec.functions, FN);
  add(named, spec.decisions.filter((t) => !SPECIAL_TYPES.has(t)), DEC);
  add(named, spec.decisions.filter((t) => SPECIAL_TYPES.has(t)), SPECIAL);
  add(named, spec.nesting, NEST);
  if (ELSE_IF_CHAINS.has(spec.id)) add(named, spec.nesting.filter((t) => t.startsWith('if')), IF);
  add(named, spec.comments, COMMENT);
  add(named, spec.containers, CONTAINER);
  add(anonymous, spec.decisionTokens, DEC);
  if (JS_LIKE.has(spec.id)) {
    // JS/TS public API is whatever sits inside an `export`; tracked as a scope, so
    // deciding it costs no walk up the tree (each `parent` step is a call into WebAssembly).
    add(named, ['export_statement'], EXPORT);
    // TS parameter defaults are `required_parameter`/`optional_parameter` with `= value`,
    // where plain JS has an AssignmentPattern; ESLint counts both.
    add(named, ['required_parameter', 'optional_parameter'], PARAM);
    // The TS grammar writes an optional call `f?.()` as a bare `?.` token; in member and
    // subscript chains the same token sits inside an optional_chain node, already counted.
    add(anonymous, ['?.'], OPTIONAL_TOKEN);
    add(named, ['optional_chain'], OPTIONAL_CHAIN);
  }
  if (countTests) add(named, TEST_HINT_TYPES, TEST);
  const kinds = new Uint16Array(language.nodeTypeCount);
  const types = new Set<string>();
  for (let id = 0; id < kinds.length; id++) {
    const name = language.nodeTypeForId(id);
    if (name === null) continue;
    const kind = (language.nodeTypeIsNamed(id) ? named : anonymous).get(name) ?? 0;
    kinds[id] = kind;
    if (kind !== 0) types.add(name);
  }
  return { types: new TypeNames(types), kinds };
}

interface Frame {
  fn: FunctionMetrics;
  depth: number;
}

export interface AnalyseSourceOptions {
  /** Count test cases (only worth the extra node look-ups in test files). */
  countTests?: boolean;
  /** Also find dangerous calls (eval, shell and SQL built from input) in the tree (JS/TS/Python; the after side of a pair). */
  dangerousCalls?: boolean;
  /** Give up parsing after this long (a pathological file must not wedge a pool thread). */
  timeoutMicros?: number;
  /**
   * `auto` (the default): JavaScript is read by meriyah (js-metrics.ts), and by tree-sitter when
   * meriyah cannot parse it; every other language by tree-sitter. `tree-sitter`: tree-sitter only
   * (what js-metrics.test.ts compares against).
   */
  parser?: 'auto' | 'tree-sitter';
}

/** Ample for any real source file: parsing runs at several MB/s. */
export const DEFAULT_PARSE_TIMEOUT_MICROS = 5_000_000;

/**
 * Parses with a time limit; a parser that timed out is reset, or it would resume that parse next time.
 * web-tree-sitter 0.22 does not always honour the limit (seen: a large input's first parse in a
 * process ran ~1 s past a 1 ms limit), so the elapsed time is checked as well: a parse over its
 * limit is discarded either way, and the caller sees the same error.
 */
function parseWithin(parser: Parser, source: string, options: AnalyseSourceOptions, oldTree?: Parser.Tree): Parser.Tree {
  const limitMicros = options.timeoutMicros ?? DEFAULT_PARSE_TIMEOUT_MICROS;
  parser.setTimeoutMicros(limitMicros);
  const started = performance.now();
  let tree: Parser.Tree | null = null;
  try {
    tree = parser.parse(source, oldTree);
  } catch {
    tree = null;
  }
  if (tree && (performance.now() - started) * 1000 > limitMicros) {
    tree.delete();
    tree = null;
  }
  if (!tree) {
    parser.reset();
    throw new Error(`parse failed or timed out (limit ${Math.round(limitMicros / 1000)} ms)`);
  }
  return tree;
}

/**
 * @example
 * const m = await analyseSource('function f(a) { return a ?? 1 }', 'javascript');
 * m.functions[0] // { name: 'f', complexity: 2, length: 1, maxNesting: 0, … }
 */
export async function analyseSource(source: string, language: LanguageId, options: AnalyseSourceOptions = {}): Promise<SourceMetrics> {
  if (language === 'c' || language === 'cpp') source = neutraliseCMacros(source, language);
  if (language === 'javascript' && options.parser !== 'tree-sitter') {
    const metrics = await fromEstree(source, options);
    if (metrics) return metrics;
  }
  const spec = LANGUAGES[language];
  const countTests = options.countTests === true;
  const [parser, table] = await Promise.all([getParser(language), metricsTable(spec, countTests)]);
  const tree = parseWithin(parser, source, options);
  try {
    return withDangerousCalls(collect(tree, table, spec, source), tree, source, options);
  } finally {
    tree.delete();
  }
}

export interface SourcePair {
  before: SourceMetrics | null;
  after: SourceMetrics | null;
}

/**
 * Both sides of a changed file. The after side is parsed incrementally from the
 * before tree (tree-sitter reuses every subtree outside the edited span), which
 * makes the second parse of a typical modified file much cheaper than the first.
 */
export async function analyseSourcePair(before: string | null, after: string | null, language: LanguageId, options: AnalyseSourceOptions = {}): Promise<SourcePair> {
  if (before === null || after === null) {
    // analyseSource neutralises C/C++ macros itself.
    return {
      before: before === null ? null : await analyseSource(before, language, { ...options, dangerousCalls: false }),
      after: after === null ? null : await analyseSource(after, language, options),
    };
  }
  if (language === 'javascript' && options.parser !== 'tree-sitter') {
    // No incremental parse to gain from: each side is read on its own, by tree-sitter only when meriyah cannot.
    const beforeMetrics = await fromEstree(before, { ...options, dangerousCalls: false });
    const afterMetrics = await fromEstree(after, options);
    if (beforeMetrics || afterMetrics) {
      const treeSitter: AnalyseSourceOptions = { ...options, parser: 'tree-sitter' };
      return {
        before: beforeMetrics ?? (await analyseSource(before, language, { ...treeSitter, dangerousCalls: false })),
        after: afterMetrics ?? (await analyseSource(after, language, treeSitter)),
      };
    }
  }
  if (language === 'c' || language === 'cpp') [before, after] = [neutraliseCMacros(before, language), neutraliseCMacros(after, language)];
  const spec = LANGUAGES[language];
  const countTests = options.countTests === true;
  const [parser, table] = await Promise.all([getParser(language), metricsTable(spec, countTests)]);
  const oldTree = parseWithin(parser, before, options);
  let newTree: Parser.Tree | null = null;
  try {
    const beforeMetrics = collect(oldTree, table, spec, before);
    newTree = parseAfter(parser, oldTree, before, after, options);
    return { before: beforeMetrics, after: withDangerousCalls(collect(newTree, table, spec, after), newTree, after, options) };
  } finally {
    oldTree.delete();
    newTree?.delete();
  }
}

/**
 * The after side's tree, parsed from the before tree edited by `editsBetween` (one edit per changed
 * run of lines, so tree-sitter reuses the unchanged code between two far-apart hunks too). Where a
 * side has syntax errors, error recovery may take another path from an old tree than from scratch,
 * so the after side is then parsed afresh: the tree is always the one a fresh parse gives
 * (incremental-parse.test.ts compares them node by node on real commits).
 */
function parseAfter(parser: Parser, oldTree: Parser.Tree, before: string, after: string, options: AnalyseSourceOptions): Parser.Tree {
  if (oldTree.rootNode.hasError) return parseWithin(parser, after, options);
  for (const edit of editsBetween(before, after)) oldTree.edit(edit);
  const tree = parseWithin(parser, after, options, oldTree);
  if (!tree.rootNode.hasError) return tree;
  tree.delete();
  return parseWithin(parser, after, options);
}

/**
 * A Python module that lists its API in `__all__` exports only those names: a function or class
 * not listed is internal, however it is named. Read from the source: every quoted name in the
 * module-level `__all__ = [...]` / `(...)` and later `__all__ += [...]` / `.extend([...])` /
 * `.append(...)`. An `__all__` built otherwise (no quoted name found) changes nothing.
 */
function limitToDunderAll(functions: FunctionMetrics[], source: string): void {
  const listed = new Set<string>();
  for (let at = source.indexOf('__all__'); at !== -1; at = source.indexOf('__all__', at + 7)) {
    // Module level only: at the start of a line.
    if (at > 0 && source[at - 1] !== '\n') continue;
    // `__all__ = [`, `__all__: list[str] = [`, `__all__ += (`, `__all__.extend([`, `__all__.append(`.
    const window = source.slice(at + 7, at + 200);
    const op = window.search(/[=(]/);
    if (op < 0) continue;
    const open = window[op] === '(' ? op : window.slice(op).search(/[[(]/) + op;
    if (open < op) continue;
    const from = at + 7 + open;
    const close = source.slice(from).search(/[\])]/);
    const body = close < 0 ? '' : source.slice(from + 1, from + close);
    for (const m of body.matchAll(/["']([A-Za-z_]\w*)["']/g)) listed.add(m[1]!);
  }
  if (listed.size === 0) return;
  for (const fn of functions) {
    const top = /^[^./#]+/.exec(fn.name)?.[0] ?? fn.name;
    if (fn.public && !listed.has(top)) fn.public = false;
  }
}

/** Bases searched per method for an inherited docstring: real hierarchies are a few levels deep. */
const MAX_BASES_SEARCHED = 32;

/**
 * A Python method that overrides a documented method of a base class defined in the same module is
 * documented by it, as Sphinx's autodoc shows it (`autodoc_inherit_docstrings`, on by default):
 * jinja's loaders.py documents BaseLoader.get_source once, and each loader's get_source overrides it.
 * Module-level classes only; a base from another module is out of sight.
 */
function inheritDocstrings(functions: FunctionMetrics[], root: Parser.SyntaxNode): void {
  const wanting = functions.filter((f) => f.public && !f.documented && f.name.split('.').length === 2);
  if (wanting.length === 0) return;
  const bases = new Map<string, string[]>();
  for (let c of root.namedChildren) {
    if (c.type === 'decorated_definition') c = c.childForFieldName('definition') ?? c;
    if (c.type !== 'class_definition') continue;
    const name = c.childForFieldName('name')?.text;
    const supers = c.childForFieldName('superclasses')?.namedChildren.filter((a) => a.type === 'identifier').map((a) => a.text) ?? [];
    if (name && supers.length > 0) bases.set(name, supers);
  }
  if (bases.size === 0) return;
  // Names without the `#N` that tells repeated ones apart (a property's getter and setter).
  const documented = new Set(functions.filter((f) => f.documented).map((f) => baseName(f.name)));
  for (const fn of wanting) {
    const [cls, method] = baseName(fn.name).split('.') as [string, string];
    const seen = new Set<string>();
    const queue = [...(bases.get(cls) ?? [])];
    // Bounded: a generated module with thousands of classes in one chain must not make this quadratic.
    while (queue.length > 0 && !fn.documented && seen.size < MAX_BASES_SEARCHED) {
      const base = queue.shift()!;
      if (seen.has(base)) continue;
      seen.add(base);
      if (documented.has(`${base}.${method}`)) fn.documented = true;
      queue.push(...(bases.get(base) ?? []));
    }
  }
}

/**
 * A container's name as one line: a C++ specialisation's template arguments may span lines and
 * hold comments (fmt's `formatter<std::reference_wrapper<T>, Char, // Guard against …`), which a
 * report must not print, and which a reformatting must not rename.
 */
function tidyName(name: string | null): string | null {
  if (name === null || !/[\n\r\t/]|\s\s/.test(name)) return name;
  return name
    .split('\n')
    .map((line) => {
      const comment = line.indexOf('//');
      return comment < 0 ? line : line.slice(0, comment);
    })
    .join(' ')
    .split('/*')
    .map((part, i) => {
      const end = part.indexOf('*/');
      return i === 0 ? part : end < 0 ? '' : part.slice(end + 2);
    })
    .join(' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ')
    .replace(/([<(]) /g, '$1')
    .replace(/ ([>),])/g, '$1');
}

/**
 * JavaScript through meriyah (js-metrics.ts); null when it cannot parse the file. Held to the
 * same time limit as a tree-sitter parse: a result over the limit is an error, as there.
 */
async function fromEstree(source: string, options: AnalyseSourceOptions): Promise<SourceMetrics | null> {
  const { javascriptMetrics } = await loadJsMetrics();
  const limitMicros = options.timeoutMicros ?? DEFAULT_PARSE_TIMEOUT_MICROS;
  const started = performance.now();
  const m = javascriptMetrics(source, { countTests: options.countTests === true, dangerousCalls: options.dangerousCalls === true });
  if (!m) return null;
  if ((performance.now() - started) * 1000 > limitMicros) throw new Error(`parse failed or timed out (limit ${Math.round(limitMicros / 1000)} ms)`);
  const metrics: SourceMetrics = { language: 'javascript', functions: m.functions, lines: countLines(source), commentLines: m.commentLines, decisions: m.decisions, testCases: m.testCases, hasErrors: false };
  if (m.dangerousCalls) metrics.dangerousCalls = m.dangerousCalls;
  return metrics;
}

function countLines(source: string): number {
  let lines = source.length === 0 ? 0 : 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < source.length - 1; i = source.indexOf('\n', i + 1)) lines++;
  return lines;
}

function withDangerousCalls(metrics: SourceMetrics, tree: Parser.Tree, source: string, options: AnalyseSourceOptions): SourceMetrics {
  if (options.dangerousCalls === true && hasDangerousCallRules(metrics.language)) metrics.dangerousCalls = findDangerousCalls(tree, metrics.language, source);
  return metrics;
}

/** One edit from the first to the last differing character; indexes in UTF-16 code units, as web-tree-sitter counts them. */
export function spanningEdit(before: string, after: string): Parser.Edit {
  const min = Math.min(before.length, after.length);
  let start = 0;
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  };
}

/** Beyond this many differences (lines removed + added) the diff stops and one spanning edit is used. */
const MAX_DIFF_LINES = 1000;
/** Beyond this many separate edits one spanning edit is used (each `tree.edit` walks the tree). */
const MAX_EDITS = 200;

/**
 * The edits that turn `before` into `after`: one per run of changed lines of a line diff (Myers),
 * in the order to apply them, last first — so each edit's start and old end are offsets in
 * `before` (the text ahead of it is still before's) and its new end is the start plus the inserted
 * text. Indexes and columns in UTF-16 code units, rows counted by `\n` only, as web-tree-sitter
 * and tree-sitter count them. One spanning edit (`spanningEdit`) when the sides share no lines
 * worth diffing or differ in too many places; none when they are equal.
 */
export function editsBetween(before: string, after: string): Parser.Edit[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  // Common lines at both ends are not diffed.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tailA = a.length;
  let tailB = b.length;
  while (tailA > head && tailB > head && a[tailA - 1] === b[tailB - 1]) {
    tailA--;
    tailB--;
  }
  const hunks = diffLines(a, b, head, tailA, head, tailB);
  if (!hunks || hunks.length > MAX_EDITS) return [spanningEdit(before, after)];
  // Offsets of each line's start in either text.
  const startsA = lineStarts(a);
  const startsB = lineStarts(b);
  const edits: Parser.Edit[] = [];
  for (let h = hunks.length - 1; h >= 0; h--) {
    const [i0, i1, j0, j1] = hunks[h]!;
    const startIndex = startsA[i0]!;
    const startPosition = { row: i0, column: 0 };
    edits.push({
      startIndex,
      oldEndIndex: startsA[i1]!,
      newEndIndex: startIndex + (startsB[j1]! - startsB[j0]!),
      startPosition,
      oldEndPosition: endOfLines(a, i0, i1, startPosition),
      newEndPosition: endOfLines(b, j0, j1, startPosition),
    });
  }
  return edits;
}

/** Lines with their `\n` (the last one without it when the text does not end in one). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let from = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', from)) {
    lines.push(text.slice(from, i + 1));
    from = i + 1;
  }
  if (from < text.length) lines.push(text.slice(from));
  return lines;
}

/** `starts[i]`: the offset where line i starts; `starts[lines.length]`: the text's length. */
function lineStarts(lines: readonly string[]): number[] {
  const starts = new Array<number>(lines.length + 1);
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = at;
    at += lines[i]!.length;
  }
  starts[lines.length] = at;
  return starts;
}

/** Where `lines[from..to)` end when they start at `start` (a line's start). */
function endOfLines(lines: readonly string[], from: number, to: number, start: Parser.Point): Parser.Point {
  if (to === from) return start;
  const last = lines[to - 1]!;
  // Only a text's last line can lack its `\n`.
  return last.endsWith('\n') ? { row: start.row + (to - from), column: 0 } : { row: start.row + (to - from) - 1, column: last.length };
}

/**
 * Myers' O(ND) diff of `a[a0..a1)` against `b[b0..b1)`: the changed runs as
 * `[fromA, toA, fromB, toB]` line ranges in order, or null past `MAX_DIFF_LINES` differences.
 */
function diffLines(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number): [number, number, number, number][] | null {
  // Lines are compared as strings: with few differences each line is compared about once, so
  // interning them as numbers first (hashing every line of both sides) cost more than it saved.
  const n = a1 - a0;
  const m = b1 - b0;
  const max = Math.min(n + m, MAX_DIFF_LINES);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let i = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let j = i - k;
      while (i < n && j < m && a[a0 + i] === b[b0 + j]) {
        i++;
        j++;
      }
      v[offset + k] = i;
      if (i >= n && j >= m) {
        found = d;
        break;
      }
    }
    trace.push(v.slice(offset - d - 1, offset + d + 2));
  }
  if (found < 0) return null;
  // Walk back from (n, m): each step of d is one line removed or added; equal lines in between.
  const hunks: [number, number, number, number][] = [];
  let i = n;
  let j = m;
  let open: [number, number, number, number] | null = null;
  const mark = (fromA: number, toA: number, fromB: number, toB: number) => {
    if (open && open[0] === toA && open[2] === toB) {
      open[0] = fromA;
      open[2] = fromB;
    } else {
      open = [fromA, toA, fromB, toB];
      hunks.push(open);
    }
  };
  for (let d = found; d > 0; d--) {
    const row = trace[d - 1]!; // v after step d-1, indexed from k = -(d-1)-1
    const at = (k: number) => row[k + d]!;
    const k = i - j;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevI = at(prevK);
    const prevJ = prevI - prevK;
    // The snake (equal lines) from the step's end to (i, j).
    const stepI = prevK === k + 1 ? prevI : prevI + 1;
    const stepJ = stepI - k;
    i = stepI;
    j = stepJ;
    if (prevK === k + 1) mark(a0 + i, a0 + i, b0 + prevJ, b0 + j); // a line of b added
    else mark(a0 + prevI, a0 + i, b0 + j, b0 + j); // a line of a removed
    i = prevI;
    j = prevJ;
  }
  hunks.reverse();
  return hunks;
}

function pointAt(text: string, index: number): Parser.Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

/** Can a JS/TS call starting at `start` be a test case? Its callee must begin with one of JS_TEST_CALLEE's names. */
export function mayCallTest(source: string, start: number): boolean {
  const first = source.charCodeAt(start);
  if (first === 0x69 /* i */) return source.charCodeAt(start + 1) === 0x74 /* t */;
  if (first === 0x74 /* t */) return source.startsWith('test', start);
  return first === 0x73 /* s */ && source.startsWith('specify', start);
}

function collect(tree: Parser.Tree, table: MetricsTable, spec: LanguageSpec, source: string): SourceMetrics {
  const functions: FunctionMetrics[] = [];
  const frames: Frame[] = [];
  const containers: string[] = [];
  const seenNames = new Map<string, number>();
  let commentLines = 0;
  let lastCommentRow = -1;
  let testCases = 0;
  let decisions = 0;
  let exports = 0;
  let optionalChainAt = -1;

  // Open scopes (functions, nesting blocks, containers, exports) as a stack of end offsets:
  // a scope closes when a node starts at or after its end. Nodes come in document order,
  // an ancestor before its descendants.
  const openEnds: number[] = [];
  const openKinds: number[] = [];
  const openFrames: (Frame | undefined)[] = [];
  const { kinds } = table;
  // A JS/TS test case is a call whose callee reads `it`, `test` or `specify`… (JS_TEST_CALLEE); in a
  // tree without syntax errors the callee starts where the call does, so the text there settles
  // most calls (`t.is(…)`, `expect(…)`) without reading the callee from WebAssembly.
  const callsNeedNamePrefix = JS_LIKE.has(spec.id) && !tree.rootNode.hasError;

  for (const node of tree.rootNode.descendantsOfType(table.types)) {
    const kind = kinds[node.typeId] ?? 0;
    if (kind === 0) continue; // a same-named symbol of the other kind (the `function` keyword, not the node)
    const start = node.startIndex;
    while (openEnds.length > 0 && (openEnds[openEnds.length - 1] ?? 0) <= start) {
      openEnds.pop();
      const opened = openKinds.pop();
      const frame = openFrames.pop();
      if (opened === FN) frames.pop();
      else if (opened === NEST && frame) frame.depth--;
      else if (opened === CONTAINER) containers.pop();
      else if (opened === EXPORT) exports--;
    }
    const end = kind & NEEDS_END ? node.endIndex : start;
    let frame = frames[frames.length - 1];

    if (kind & OPTIONAL_CHAIN) optionalChainAt = start;
    if (kind & (DEC | SPECIAL | PARAM | OPTIONAL_TOKEN)) {
      let weight = 1;
      if (kind & SPECIAL) weight = specialWeight(node);
      else if (kind & PARAM) weight = node.childForFieldName('value') ? 1 : 0;
      else if (kind & OPTIONAL_TOKEN) weight = start === optionalChainAt ? 0 : 1;
      // C++'s `T&&` (an rvalue or forwarding reference) and Rust's `&&str` are types, not a logical and.
      else if (AMPERSAND_TYPES.has(spec.id) && !node.isNamed && (node.type === '&&' || node.type === 'and')) weight = node.parent?.type === 'binary_expression' ? 1 : 0;
      decisions += weight;
      if (frame) frame.fn.complexity += weight;
    }
    if (kind & NEST && frame && !(kind & IF && followsElse(source, start))) {
      frame.depth++;
      if (frame.depth > frame.fn.maxNesting) frame.fn.maxNesting = frame.depth;
      openEnds.push(end);
      openKinds.push(NEST);
      openFrames.push(frame);
    }
    if (kind & COMMENT) {
      const first = node.startPosition.row;
      let last = first; // endPosition.row, without its call into WebAssembly
      for (let i = source.indexOf('\n', start); i !== -1 && i < end; i = source.indexOf('\n', i + 1)) last++;
      if (last >= lastCommentRow + 1) commentLines += last - Math.max(first, lastCommentRow + 1) + 1;
      lastCommentRow = Math.max(lastCommentRow, last);
    }
    if (kind & CONTAINER) {
      // Rust `impl Type` has no name, only the type it implements.
      const name = tidyName((node.childForFieldName('name') ?? node.childForFieldName('type'))?.text ?? null);
      if (name) {
        containers.push(name);
        openEnds.push(end);
        openKinds.push(CONTAINER);
        openFrames.push(undefined);
      }
    }
    if (kind & EXPORT) {
      exports++;
      openEnds.push(end);
      openKinds.push(EXPORT);
      openFrames.push(undefined);
    }
    if (kind & FN) {
      const fn = openFunction(node, spec, containers, frame?.fn.name ?? null, exports > 0, source);
      if (fn) {
        const seen = seenNames.get(fn.name) ?? 0;
        seenNames.set(fn.name, seen + 1);
        // Overloads and repeated callbacks share a name; keep them apart for before/after matching.
        if (seen > 0) fn.name = `${fn.name}#${seen + 1}`;
        functions.push(fn);
        frame = { fn, depth: 0 };
        frames.push(frame);
        openEnds.push(end);
        openKinds.push(FN);
        openFrames.push(frame);
      }
    }
    if (kind & TEST && (!callsNeedNamePrefix || mayCallTest(source, start)) && isTestCase(node, spec.id)) {
      testCases++;
      // Every function around a test case is a suite (compare-functions.ts); a test function (Go's
      // `func TestX`, Python's `def test_x`; Java's and C#'s annotated methods, whose annotation sits
      // inside them) is not a suite of itself.
      const own = kind & FN || spec.id === 'java' || spec.id === 'csharp' ? frames[frames.length - 1] : undefined;
      // Innermost first; once one is marked, so are all around it (they were marked with it): stop there.
      for (let i = frames.length - 1; i >= 0 && frames[i]!.fn.holdsTests !== true; i--) if (frames[i] !== own) frames[i]!.fn.holdsTests = true;
    }
  }

  if (spec.id === 'python') {
    limitToDunderAll(functions, source);
    inheritDocstrings(functions, tree.rootNode);
  }
  return { language: spec.id, functions, lines: countLines(source), commentLines, decisions, testCases, hasErrors: tree.rootNode.hasError };
}
