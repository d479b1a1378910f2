/**
 * JavaScript's per-function metrics from meriyah's ESTree instead of tree-sitter
 * (issue 18, "analysis": the WebAssembly parse was 78 % of the engine's time; see
 * worker/src/analysis/README.md, "Where the time goes").
 *
 * Every fact is the one function-metrics.ts reads from tree-sitter's nodes, named
 * as there (`kind` is the tree-sitter node type: `function_expression`,
 * `method_definition`, `field_definition`…), so a file's `SourceMetrics` are the
 * same whichever parser read it; js-metrics.test.ts holds both to that over the
 * corpus. A file meriyah cannot parse (a syntax error, a fragment of a patch,
 * syntax newer than both grammars) returns null and goes to tree-sitter, whose
 * error recovery still reports the functions it can see.
 *
 * One recursive pass over the tree: scopes (functions, nesting blocks, classes,
 * exports) are the recursion itself.
 */
import { parseModule, parseScript, type ESTree } from 'meriyah';
import type { DangerousCall } from './dangerous-calls.ts';
import { followsElse, JS_TEST_CALLEE, MAX_OPTIONS_DEPTH, type FunctionMetrics } from './function-facts.ts';
import { judgeJsCandidates, wantsJsDangerousCalls, type EsNode, type JsCandidate } from './js-dangerous-calls.ts';
import { lowerBound } from './lower-bound.ts';

export interface JsMetrics {
  functions: FunctionMetrics[];
  commentLines: number;
  decisions: number;
  testCases: number;
  dangerousCalls?: DangerousCall[];
}

export interface JsMetricsOptions {
  countTests?: boolean;
  dangerousCalls?: boolean;
}

/** With `ranges`, meriyah's comments carry their offsets. */
type EsComment = ESTree.Comment & { start: number; end: number };

const PARSE_OPTIONS = {
  ranges: { start: true, end: true },
  // Kept, as tree-sitter keeps parenthesized_expression: `(function () {})` has no name from its parent.
  preserveParens: true,
  jsx: true,
  // tree-sitter does not check regex bodies either; legacy octal and the like are accepted as it accepts them.
  validateRegex: false,
  webcompat: true,
} as const;

/**
 * ESTree child keys in source order, per node type. A type missing here is not
 * one this file knows how to read the way tree-sitter does: the file goes to tree-sitter.
 */
const CHILD_KEYS: Record<string, readonly string[]> = {
  Program: ['body'],
  ExpressionStatement: ['expression'],
  BlockStatement: ['body'],
  StaticBlock: ['body'],
  EmptyStatement: [],
  DebuggerStatement: [],
  WithStatement: ['object', 'body'],
  ReturnStatement: ['argument'],
  LabeledStatement: ['label', 'body'],
  BreakStatement: [],
  ContinueStatement: [],
  IfStatement: ['test', 'consequent', 'alternate'],
  SwitchStatement: ['discriminant', 'cases'],
  SwitchCase: ['test', 'consequent'],
  ThrowStatement: ['argument'],
  TryStatement: ['block', 'handler', 'finalizer'],
  CatchClause: ['param', 'body'],
  WhileStatement: ['test', 'body'],
  DoWhileStatement: ['body', 'test'],
  ForStatement: ['init', 'test', 'update', 'body'],
  ForInStatement: ['left', 'right', 'body'],
  ForOfStatement: ['left', 'right', 'body'],
  FunctionDeclaration: ['id', 'params', 'body'],
  FunctionExpression: ['id', 'params', 'body'],
  ArrowFunctionExpression: ['params', 'body'],
  VariableDeclaration: ['declarations'],
  VariableDeclarator: ['id', 'init'],
  ThisExpression: [],
  Super: [],
  Identifier: [],
  PrivateIdentifier: [],
  Literal: [],
  ArrayExpression: ['elements'],
  ObjectExpression: ['properties'],
  Property: ['key', 'value'],
  UnaryExpression: ['argument'],
  UpdateExpression: ['argument'],
  BinaryExpression: ['left', 'right'],
  AssignmentExpression: ['left', 'right'],
  LogicalExpression: ['left', 'right'],
  MemberExpression: ['object', 'property'],
  ChainExpression: ['expression'],
  ConditionalExpression: ['test', 'consequent', 'alternate'],
  CallExpression: ['callee', 'arguments'],
  NewExpression: ['callee', 'arguments'],
  SequenceExpression: ['expressions'],
  YieldExpression: ['argument'],
  AwaitExpression: ['argument'],
  // Quasis hold no nodes.
  TemplateLiteral: ['expressions'],
  TaggedTemplateExpression: ['tag', 'quasi'],
  ParenthesizedExpression: ['expression'],
  SpreadElement: ['argument'],
  ObjectPattern: ['properties'],
  ArrayPattern: ['elements'],
  RestElement: ['argument'],
  AssignmentPattern: ['left', 'right'],
  ClassDeclaration: ['id', 'superClass', 'body'],
  ClassExpression: ['id', 'superClass', 'body'],
  ClassBody: ['body'],
  MethodDefinition: ['key', 'value'],
  PropertyDefinition: ['key', 'value'],
  MetaProperty: [],
  ImportExpression: ['source'],
  ImportDeclaration: [],
  ExportNamedDeclaration: ['declaration'],
  ExportDefaultDeclaration: ['declaration'],
  ExportAllDeclaration: [],
  JSXElement: ['openingElement', 'children', 'closingElement'],
  JSXFragment: ['children'],
  JSXOpeningElement: ['attributes'],
  JSXClosingElement: [],
  JSXAttribute: ['value'],
  JSXSpreadAttribute: ['argument'],
  JSXExpressionContainer: ['expression'],
  JSXSpreadChild: ['expression'],
  JSXEmptyExpression: [],
  JSXText: [],
};

/** Thrown from inside the walk when the tree holds something read differently from tree-sitter. */
class Unsupported extends Error {}

/** The nodes tree-sitter climbs through from a function to the statement its doc comment precedes. */
const STATEMENT_WRAPPERS = new Set(['ExportNamedDeclaration', 'ExportDefaultDeclaration', 'VariableDeclarator', 'VariableDeclaration']);
const LOGICAL_ASSIGNMENTS = new Set(['&&=', '||=', '??=']);

/**
 * Parses as a module, else as a CommonJS script; null when neither parses (or
 * the file has HTML-like comments, which tree-sitter's grammar does not know).
 */
function parse(source: string): { program: EsNode; comments: EsComment[] } | null {
  for (const parser of [parseModule, parseScript]) {
    const comments: ESTree.Comment[] = [];
    try {
      const options = parser === parseScript ? { ...PARSE_OPTIONS, globalReturn: true, onComment: comments } : { ...PARSE_OPTIONS, onComment: comments };
      const program = parser(source, options) as unknown as EsNode;
      if (comments.some((c) => c.type === 'HTMLOpen' || c.type === 'HTMLClose')) return null;
      return { program, comments: (comments as EsComment[]).filter((c) => c.type !== 'HashbangComment') };
    } catch {
      // next source type, then tree-sitter
    }
  }
  return null;
}

/** Offsets of the line feeds: rows and columns as tree-sitter counts them (UTF-16 columns). */
class Lines {
  readonly #feeds: number[] = [];
  constructor(source: string) {
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.#feeds.push(i);
  }

  /** 0-based row of an offset: the line feeds before it. */
  row(offset: number): number {
    return lowerBound(this.#feeds, offset);
  }

  column(offset: number, row: number): number {
    return row === 0 ? offset : offset - (this.#feeds[row - 1] ?? 0) - 1;
  }
}

interface Frame {
  fn: FunctionMetrics;
  depth: number;
  /** The function around this one, if any. */
  outer: Frame | null;
}

class Walk {
  readonly functions: FunctionMetrics[] = [];
  decisions = 0;
  testCases = 0;
  readonly candidates: JsCandidate[] | null;
  readonly #source: string;
  readonly #lines: Lines;
  readonly #comments: EsComment[];
  readonly #countTests: boolean;
  readonly #ancestors: EsNode[] = [];
  readonly #containers: string[] = [];
  readonly #seenNames = new Map<string, number>();
  #frame: Frame | null = null;
  #exports = 0;

  constructor(source: string, lines: Lines, comments: EsComment[], options: JsMetricsOptions) {
    this.#source = source;
    this.#lines = lines;
    this.#comments = comments;
    this.#countTests = options.countTests === true;
    this.candidates = options.dangerousCalls === true && wantsJsDangerousCalls(source) ? [] : null;
  }

  visit(node: EsNode): void {
    const type = node.type;
    const keys = CHILD_KEYS[type];
    if (keys === undefined) throw new Unsupported(type);
    const outerFrame = this.#frame;
    let nested = false;
    let container = false;
    let exported = false;
    let decision = false;
    switch (type) {
      case 'IfStatement':
        decision = true;
        nested = !followsElse(this.#source, node.start);
        break;
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        decision = true;
        nested = true;
        break;
      case 'SwitchStatement':
      case 'TryStatement':
        nested = true;
        break;
      case 'ConditionalExpression':
      case 'CatchClause':
      case 'AssignmentPattern':
      case 'LogicalExpression':
        decision = true;
        break;
      case 'SwitchCase':
        decision = node.test !== null;
        break;
      case 'AssignmentExpression':
        decision = LOGICAL_ASSIGNMENTS.has(node.operator as string);
        if (this.candidates && node.operator === '=') this.candidates.push({ kind: 'built', node: node.right as EsNode });
        break;
      case 'MemberExpression':
        decision = node.optional === true;
        break;
      case 'CallExpression':
        decision = node.optional === true;
        if (this.#countTests && this.#isTestCall(node.callee as EsNode)) this.#testCaseHere();
        if (this.candidates) this.candidates.push({ kind: 'call', node });
        break;
      case 'TaggedTemplateExpression':
        // tree-sitter's call_expression with a template for arguments.
        if (this.#countTests && this.#isTestCall(node.tag as EsNode)) this.#testCaseHere();
        break;
      case 'NewExpression':
        if (this.candidates) this.candidates.push({ kind: 'new', node });
        break;
      case 'VariableDeclarator':
        if (this.candidates && node.init) this.candidates.push({ kind: 'built', node: node.init as EsNode });
        break;
      case 'ClassDeclaration':
      case 'ClassExpression': {
        const id = node.id as EsNode | null;
        if (id) {
          this.#containers.push(this.#text(id));
          container = true;
        }
        break;
      }
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration':
        this.#exports++;
        exported = true;
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'MethodDefinition':
      case 'StaticBlock':
        this.#openFunction(node, type);
        break;
      case 'Property':
        if (node.method === true || node.kind !== 'init') this.#openFunction(node, type);
        break;
      case 'PropertyDefinition':
        if (node.value) this.#openFunction(node, type);
        break;
    }
    if (decision) {
      this.decisions++;
      if (outerFrame) outerFrame.fn.complexity++;
    }
    const nesting = nested && outerFrame !== null;
    if (nesting) {
      outerFrame.depth++;
      if (outerFrame.depth > outerFrame.fn.maxNesting) outerFrame.fn.maxNesting = outerFrame.depth;
    }

    if (keys.length > 0) {
      const ancestors = this.#ancestors;
      ancestors.push(node);
      for (const key of keys) {
        if (key === 'key' && node.shorthand === true) continue; // the same identifier as the value
        const child = node[key];
        if (child === null || child === undefined) continue;
        if (Array.isArray(child)) {
          for (const c of child as (EsNode | null)[]) if (c !== null) this.visit(c);
        } else this.visit(child as EsNode);
      }
      ancestors.pop();
    }

    if (nesting) outerFrame.depth--;
    if (container) this.#containers.pop();
    if (exported) this.#exports--;
    this.#frame = outerFrame;
  }

  #text(node: EsNode): string {
    return this.#source.slice(node.start, node.end);
  }

  /** A property or method key as tree-sitter's text of it: a computed key keeps its brackets. */
  #keyText(member: EsNode): string {
    const key = member.key as EsNode;
    if (member.computed !== true) return this.#text(key);
    const open = this.#source.lastIndexOf('[', key.start - 1);
    const close = this.#source.indexOf(']', key.end);
    return this.#source.slice(open, close + 1);
  }

  /** function-facts.ts isTestCase for JS: `it(…)`, `test.each(…)`, not the outer call of `it.each(table)(…)`. */
  #isTestCall(callee: EsNode): boolean {
    const t = callee.type;
    return t !== 'CallExpression' && t !== 'TaggedTemplateExpression' && JS_TEST_CALLEE.test(this.#text(callee));
  }

  /** function-facts.ts openFunction, for ESTree: the same name, head, lines, doc comment and visibility. */
  #openFunction(node: EsNode, type: string): void {
    const parent = this.#ancestors[this.#ancestors.length - 1];
    // A method's function is its method_definition (the Property or MethodDefinition), opened already.
    if (type === 'FunctionExpression' && parent && (parent.type === 'MethodDefinition' || (parent.type === 'Property' && (parent.method === true || parent.kind !== 'init')))) return;
    let kind: string;
    let rawName: string | null = null;
    switch (type) {
      case 'FunctionDeclaration':
        // `export default function () {}` is an expression to tree-sitter.
        kind = node.id ? (node.generator === true ? 'generator_function_declaration' : 'function_declaration') : node.generator === true ? 'generator_function' : 'function_expression';
        break;
      case 'FunctionExpression':
        kind = node.generator === true ? 'generator_function' : 'function_expression';
        break;
      case 'ArrowFunctionExpression':
        kind = 'arrow_function';
        break;
      case 'StaticBlock':
        kind = 'class_static_block';
        rawName = 'static';
        break;
      case 'PropertyDefinition':
        kind = 'field_definition';
        rawName = `${this.#keyText(node)}=`;
        break;
      default:
        kind = 'method_definition';
        rawName = this.#keyText(node);
    }
    rawName ??= this.#functionName(node, parent);

    const lines = this.#lines;
    let head = node.start;
    let end = node.end;
    if (kind === 'field_definition') {
      const value = node.value as EsNode;
      head = value.start;
      end = value.end;
    } else if (kind === 'arrow_function' || kind === 'function_expression' || kind === 'generator_function') {
      // ESLint's getFunctionHeadLoc: a property or class field reports at its key, a bare arrow at its `=>`.
      if (parent && ((parent.type === 'Property' && parent.kind === 'init' && parent.method !== true) || parent.type === 'PropertyDefinition')) head = parent.start;
      else if (kind === 'arrow_function') {
        const arrow = this.#source.lastIndexOf('=>', (node.body as EsNode).start - 2);
        if (arrow >= node.start) head = arrow;
      }
    }

    const outer = this.#frame;
    let name = rawName;
    if (rawName.startsWith('<') && outer) name = `${outer.fn.name}/${rawName}`;
    else if (this.#containers.length > 0) name = `${this.#containers.join('.')}.${rawName}`;
    const seen = this.#seenNames.get(name) ?? 0;
    this.#seenNames.set(name, seen + 1);
    if (seen > 0) name = `${name}#${seen + 1}`;

    const line = lines.row(node.start) + 1;
    const endLine = lines.row(end) + 1;
    const headRow = lines.row(head);
    const simple = rawName.slice(rawName.lastIndexOf('.') + 1);
    const fn: FunctionMetrics = {
      name,
      kind,
      line,
      endLine,
      headLine: headRow + 1,
      headColumn: lines.column(head, headRow),
      complexity: 1,
      length: endLine - line + 1,
      maxNesting: 0,
      documented: this.#documented(node),
      // A function inside another function is local to it, whatever exports the outer one (function-facts.ts).
      // `#private` is private by the language, `_name` by convention (zod's ZodFunction._parse).
      public: outer === null && this.#exports > 0 && !simple.startsWith('#') && !simple.startsWith('_') && simple !== '<anonymous>' && !(kind === 'method_definition' && simple === 'constructor') && !this.#inCallOptions(node),
    };
    if ((type === 'MethodDefinition' || type === 'Property') && (node.kind === 'get' || node.kind === 'set')) fn.accessor = node.kind;
    this.functions.push(fn);
    this.#frame = { fn, depth: 0, outer };
  }

  /** A test case was counted here: every function around it is a suite (compare-functions.ts). */
  #testCaseHere(): void {
    this.testCases++;
    // Once one is marked, so are all around it (they were marked with it): stop there.
    for (let f = this.#frame; f && f.fn.holdsTests !== true; f = f.outer) f.fn.holdsTests = true;
  }

  /** function-facts.ts inCallOptions: a method (a Property opened as one) or a property's function value, of an object literal anywhere in the arguments of a call or `new`. */
  #inCallOptions(node: EsNode): boolean {
    const a = this.#ancestors;
    let i = a.length - 1;
    if (node.type !== 'Property') {
      if (a[i]?.type !== 'Property') return false;
      i--;
    }
    if (a[i]?.type !== 'ObjectExpression') return false;
    // However deep in the call's arguments: `defineConfig({ plugins: [{ transform() {} }] })`.
    let child = a[i]!;
    i--;
    for (let depth = 0; depth < MAX_OPTIONS_DEPTH && (a[i]?.type === 'Property' || a[i]?.type === 'ObjectExpression' || a[i]?.type === 'ArrayExpression'); depth++) child = a[i--]!;
    const call = a[i];
    return (call?.type === 'CallExpression' || call?.type === 'NewExpression') && call.callee !== child;
  }

  /** function-facts.ts functionName for a function without a name of its own. */
  #functionName(node: EsNode, parent: EsNode | undefined): string {
    const id = node.id as EsNode | null | undefined;
    if (id) return this.#text(id);
    switch (parent?.type) {
      case 'VariableDeclarator':
        return this.#text(parent.id as EsNode);
      case 'Property':
      case 'PropertyDefinition':
        return this.#keyText(parent);
      case 'AssignmentExpression':
        return parent.operator === '=' ? this.#text(parent.left as EsNode) : '<anonymous>';
      default:
        return '<anonymous>';
    }
  }

  /**
   * function-facts.ts isDocumented for JS: the statement holding the function (through
   * `export`, `const f =`) has a comment for its previous named sibling in tree-sitter's tree —
   * here, the last comment before it that lies after its previous sibling node (punctuation
   * such as `,` `=` `?` may sit between) and inside its parent — ending on its line or the line before.
   */
  #documented(node: EsNode): boolean {
    const ancestors = this.#ancestors;
    let outer = node;
    let up = ancestors.length - 1;
    for (let i = 0; i < 4 && up >= 0; i++) {
      const p = ancestors[up];
      if (!p || !STATEMENT_WRAPPERS.has(p.type)) break;
      outer = p;
      up--;
    }
    const comment = this.#lastCommentBefore(outer.start);
    if (!comment) return false;
    const holder = ancestors[up];
    if (holder && comment.start < this.#siblingsStart(holder, outer)) return false;
    return this.#lines.row(comment.end) >= this.#lines.row(outer.start) - 1;
  }

  /** Where a comment must start to be `child`'s previous named sibling: after the sibling node before it, inside the parent. */
  #siblingsStart(holder: EsNode, child: EsNode): number {
    let bound = holder.type === 'Program' ? 0 : holder.start;
    const args = holder.arguments as EsNode[] | undefined;
    // tree-sitter's `arguments` node starts at the parenthesis, after the callee.
    if ((holder.type === 'CallExpression' || holder.type === 'NewExpression') && args?.includes(child)) bound = this.#openParen((holder.callee as EsNode).end);
    for (const key of CHILD_KEYS[holder.type] ?? []) {
      const value = holder[key];
      for (const c of Array.isArray(value) ? (value as (EsNode | null)[]) : [value as EsNode | null | undefined]) {
        if (c && c !== child && c.end <= child.start && c.end > bound) bound = c.end;
      }
    }
    return bound;
  }

  /** The `(` opening a call's arguments, skipping comments after the callee. */
  #openParen(from: number): number {
    const source = this.#source;
    let i = from;
    while (i < source.length && source[i] !== '(') {
      const comment = this.#comments[this.#commentIndexAfter(i)];
      i = comment && comment.start === i ? comment.end : i + 1;
    }
    return i;
  }

  #lastCommentBefore(offset: number): EsComment | undefined {
    return this.#comments[this.#commentIndexAfter(offset) - 1];
  }

  /** Index of the first comment ending after `offset` (comments.length when none does). */
  #commentIndexAfter(offset: number): number {
    const comments = this.#comments;
    let lo = 0;
    let hi = comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((comments[mid]?.end ?? 0) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Lines that hold (part of) a comment, counted as function-metrics.ts counts tree-sitter's comment nodes. */
function commentLines(comments: readonly EsComment[], lines: Lines): number {
  let count = 0;
  let lastRow = -1;
  for (const c of comments) {
    const first = lines.row(c.start);
    const last = lines.row(c.end);
    if (last >= lastRow + 1) count += last - Math.max(first, lastRow + 1) + 1;
    lastRow = Math.max(lastRow, last);
  }
  return count;
}

/**
 * @returns the metrics, or null when meriyah cannot parse the file (tree-sitter then reads it).
 * @example javascriptMetrics('function f(a) { return a ?? 1 }')?.functions[0] // { name: 'f', complexity: 2, … }
 */
export function javascriptMetrics(source: string, options: JsMetricsOptions = {}): JsMetrics | null {
  const parsed = parse(source);
  if (!parsed) return null;
  const lines = new Lines(source);
  const walk = new Walk(source, lines, parsed.comments, options);
  try {
    walk.visit(parsed.program);
  } catch (error) {
    // A node type this file does not read, or a tree too deep for the stack: tree-sitter reads it.
    if (error instanceof Unsupported || error instanceof RangeError) return null;
    throw error;
  }
  const metrics: JsMetrics = { functions: walk.functions, commentLines: commentLines(parsed.comments, lines), decisions: walk.decisions, testCases: walk.testCases };
  if (options.dangerousCalls === true) metrics.dangerousCalls = walk.candidates ? judgeJsCandidates(walk.candidates, source, (offset) => lines.row(offset)) : [];
  return metrics;
}
