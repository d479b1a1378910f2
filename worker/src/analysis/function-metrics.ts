/**
 * Per-function metrics from a real syntax tree (issue #3, "Complexity"):
 * cyclomatic complexity, length in lines, maximum nesting depth, plus the facts
 * the documentation and testing groups need (doc comment, public, test cases).
 *
 * One tree-sitter query per file collects the nodes that matter; scopes
 * (functions, blocks) are rebuilt from their offsets.
 */
import type { Parser } from './parser.ts';
import { getParser, loadLanguage } from './parser.ts';
import { LANGUAGES, type LanguageId, type LanguageSpec } from './languages.ts';
import { isTestCase, openFunction, specialWeight } from './function-facts.ts';
import { findDangerousCalls, hasDangerousCallRules, type DangerousCall } from './dangerous-calls.ts';

export interface FunctionMetrics {
  /** Qualified by enclosing classes (`Class.method`); `<anonymous>` when unnamed. */
  name: string;
  /** Syntax node type, e.g. `arrow_function`, `method_declaration`. */
  kind: string;
  /** 1-based line where the function starts. */
  line: number;
  endLine: number;
  /** Where ESLint reports the function (the `=>` of an arrow, the key of a method); 1-based line, 0-based column. */
  headLine: number;
  headColumn: number;
  complexity: number;
  /** Lines from the first to the last line of the function. */
  length: number;
  /** Deepest nesting of control blocks inside the function (0 = flat). */
  maxNesting: number;
  /** A doc comment / docstring sits on the function. */
  documented: boolean;
  /** Visible outside its module (exported, `pub`, `public`, capitalised in Go…). */
  public: boolean;
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

/**
 * One tree-sitter query per language finds every node the metrics need, inside
 * WebAssembly: measured on node_modules, that is about three times cheaper than
 * visiting all nodes from JavaScript with a TreeCursor (each step a marshalled call).
 * Captures: fn, dec (plain +1), special (+1 unless default/wildcard), nest,
 * elseif (an `if` continuing a chain, no extra nesting), comment, container, test.
 */
const queries = new Map<string, Promise<Parser.Query>>();

/** Cached as a promise, so tasks arriving together on a cold thread compile the query once. */
function metricsQuery(spec: LanguageSpec, countTests: boolean): Promise<Parser.Query> {
  const key = `${spec.id}:${countTests}`;
  let query = queries.get(key);
  if (!query) {
    query = buildMetricsQuery(spec, countTests);
    queries.set(key, query);
  }
  return query;
}

async function buildMetricsQuery(spec: LanguageSpec, countTests: boolean): Promise<Parser.Query> {
  const language = await loadLanguage(spec.id);
  const named = (types: readonly string[]) => types.filter((t) => language.idForNodeType(t, true)).map((t) => `(${t})`);
  const tokens = (types: readonly string[]) => types.filter((t) => language.idForNodeType(t, false)).map((t) => JSON.stringify(t));
  const alternation = (items: string[], capture: string) => (items.length > 0 ? [`[${items.join(' ')}] @${capture}`] : []);
  const plain = spec.decisions.filter((t) => !SPECIAL_TYPES.has(t));
  const special = spec.decisions.filter((t) => SPECIAL_TYPES.has(t));
  const ifs = spec.nesting.filter((t) => t.startsWith('if'));
  const candidates = [
    ...alternation(named(spec.functions), 'fn'),
    ...alternation([...named(plain), ...tokens(spec.decisionTokens)], 'dec'),
    ...alternation(named(special), 'special'),
    ...alternation(named(spec.nesting), 'nest'),
    ...alternation(named(spec.comments), 'comment'),
    ...alternation(named(spec.containers), 'container'),
    // JS/TS public API is whatever sits inside an `export`; tracked as a scope, so
    // deciding it costs no walk up the tree (each `parent` step is a call into WebAssembly).
    ...(JS_LIKE.has(spec.id) ? alternation(named(['export_statement']), 'export') : []),
    ...(countTests ? alternation(named(TEST_HINT_TYPES), 'test') : []),
    // TS parameter defaults are `required_parameter`/`optional_parameter` with `= value`,
    // where plain JS has an AssignmentPattern; ESLint counts both.
    '(required_parameter "=" @dec)',
    '(optional_parameter "=" @dec)',
    // The TS grammar writes an optional call `f?.()` as a bare `?.` token, not an optional_chain node.
    '(call_expression "?." @dec)',
    ...ifs.flatMap((t) => [`(else_clause (${t}) @elseif)`, `(${t} alternative: (${t}) @elseif)`]),
  ];
  // Keep only patterns this grammar understands (node and field names differ between grammars).
  const valid = candidates.filter((pattern) => {
    try {
      language.query(pattern).delete();
      return true;
    } catch {
      return false;
    }
  });
  return language.query(valid.join('\n'));
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
}

/** Ample for any real source file: parsing runs at several MB/s. */
export const DEFAULT_PARSE_TIMEOUT_MICROS = 5_000_000;

/** Parses with a time limit; a parser that timed out is reset, or it would resume that parse next time. */
function parseWithin(parser: Parser, source: string, options: AnalyseSourceOptions, oldTree?: Parser.Tree): Parser.Tree {
  parser.setTimeoutMicros(options.timeoutMicros ?? DEFAULT_PARSE_TIMEOUT_MICROS);
  let tree: Parser.Tree | null = null;
  try {
    tree = parser.parse(source, oldTree);
  } catch {
    tree = null;
  }
  if (!tree) {
    parser.reset();
    throw new Error(`parse failed or timed out (limit ${Math.round((options.timeoutMicros ?? DEFAULT_PARSE_TIMEOUT_MICROS) / 1000)} ms)`);
  }
  return tree;
}

/**
 * @example
 * const m = await analyseSource('function f(a) { return a ?? 1 }', 'javascript');
 * m.functions[0] // { name: 'f', complexity: 2, length: 1, maxNesting: 0, … }
 */
export async function analyseSource(source: string, language: LanguageId, options: AnalyseSourceOptions = {}): Promise<SourceMetrics> {
  const spec = LANGUAGES[language];
  const countTests = options.countTests === true;
  const [parser, query] = await Promise.all([getParser(language), metricsQuery(spec, countTests)]);
  const tree = parseWithin(parser, source, options);
  try {
    return withDangerousCalls(collect(tree, query, spec, source, countTests), tree, options);
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
    return {
      before: before === null ? null : await analyseSource(before, language, { ...options, dangerousCalls: false }),
      after: after === null ? null : await analyseSource(after, language, options),
    };
  }
  const spec = LANGUAGES[language];
  const countTests = options.countTests === true;
  const [parser, query] = await Promise.all([getParser(language), metricsQuery(spec, countTests)]);
  const oldTree = parseWithin(parser, before, options);
  let newTree: Parser.Tree | null = null;
  try {
    const beforeMetrics = collect(oldTree, query, spec, before, countTests);
    oldTree.edit(spanningEdit(before, after));
    newTree = parseWithin(parser, after, options, oldTree);
    return { before: beforeMetrics, after: withDangerousCalls(collect(newTree, query, spec, after, countTests), newTree, options) };
  } finally {
    oldTree.delete();
    newTree?.delete();
  }
}

function withDangerousCalls(metrics: SourceMetrics, tree: Parser.Tree, options: AnalyseSourceOptions): SourceMetrics {
  if (options.dangerousCalls === true && hasDangerousCallRules(metrics.language)) metrics.dangerousCalls = findDangerousCalls(tree, metrics.language);
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

function pointAt(text: string, index: number): Parser.Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

interface Item {
  name: string;
  node: Parser.SyntaxNode;
  start: number;
  end: number;
}

const OPENED_FRAME = 1;
const OPENED_NESTING = 2;
const OPENED_CONTAINER = 3;
const OPENED_EXPORT = 4;

function collect(tree: Parser.Tree, query: Parser.Query, spec: LanguageSpec, source: string, countTests: boolean): SourceMetrics {
  const functions: FunctionMetrics[] = [];
  const frames: Frame[] = [];
  const containers: string[] = [];
  const seenNames = new Map<string, number>();
  let commentLines = 0;
  let lastCommentRow = -1;
  let testCases = 0;
  let decisions = 0;
  let exports = 0;

  const elseIfs = new Set<number>();
  const items: Item[] = [];
  for (const { name, node } of query.captures(tree.rootNode)) {
    if (name === 'elseif') elseIfs.add(node.id);
    else items.push({ name, node, start: node.startIndex, end: node.endIndex });
  }
  // Outer before inner when two nodes start at the same place; sort is stable otherwise.
  items.sort((a, b) => a.start - b.start || b.end - a.end);

  // Open scopes (functions, nesting blocks, containers) as a stack of end offsets:
  // a scope closes when an item starts at or after its end.
  const openEnds: number[] = [];
  const openKinds: number[] = [];
  const openFrames: (Frame | undefined)[] = [];
  const close = (before: number) => {
    while (openEnds.length > 0 && (openEnds[openEnds.length - 1] ?? 0) <= before) {
      openEnds.pop();
      const kind = openKinds.pop();
      const frame = openFrames.pop();
      if (kind === OPENED_FRAME) frames.pop();
      else if (kind === OPENED_NESTING && frame) frame.depth--;
      else if (kind === OPENED_CONTAINER) containers.pop();
      else if (kind === OPENED_EXPORT) exports--;
    }
  };
  const open = (end: number, kind: number, frame?: Frame) => {
    openEnds.push(end);
    openKinds.push(kind);
    openFrames.push(frame);
  };

  for (const item of items) {
    close(item.start);
    const frame = frames[frames.length - 1];
    const node = item.node;
    switch (item.name) {
      case 'dec':
        decisions++;
        if (frame) frame.fn.complexity++;
        break;
      case 'special': {
        const weight = specialWeight(node);
        decisions += weight;
        if (frame) frame.fn.complexity += weight;
        break;
      }
      case 'nest':
        if (frame && !elseIfs.has(node.id)) {
          frame.depth++;
          if (frame.depth > frame.fn.maxNesting) frame.fn.maxNesting = frame.depth;
          open(item.end, OPENED_NESTING, frame);
        }
        break;
      case 'comment': {
        const start = node.startPosition.row;
        const end = node.endPosition.row;
        if (end >= lastCommentRow + 1) commentLines += end - Math.max(start, lastCommentRow + 1) + 1;
        lastCommentRow = Math.max(lastCommentRow, end);
        break;
      }
      case 'container': {
        // Rust `impl Type` has no name, only the type it implements.
        const name = (node.childForFieldName('name') ?? node.childForFieldName('type'))?.text ?? null;
        if (name) {
          containers.push(name);
          open(item.end, OPENED_CONTAINER);
        }
        break;
      }
      case 'export':
        exports++;
        open(item.end, OPENED_EXPORT);
        break;
      case 'fn': {
        const fn = openFunction(node, spec, containers, frame?.fn.name ?? null, exports > 0);
        if (fn) {
          const seen = seenNames.get(fn.name) ?? 0;
          seenNames.set(fn.name, seen + 1);
          // Overloads and repeated callbacks share a name; keep them apart for before/after matching.
          if (seen > 0) fn.name = `${fn.name}#${seen + 1}`;
          functions.push(fn);
          const opened = { fn, depth: 0 };
          frames.push(opened);
          open(item.end, OPENED_FRAME, opened);
        }
        break;
      }
      case 'test':
        if (countTests && isTestCase(node, spec.id)) testCases++;
        break;
    }
  }

  let lines = source.length === 0 ? 0 : 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < source.length - 1; i = source.indexOf('\n', i + 1)) lines++;
  return { language: spec.id, functions, lines, commentLines, decisions, testCases, hasErrors: tree.rootNode.hasError };
}
