/**
 * dangerous-calls.ts's JavaScript rules over meriyah's ESTree (js-metrics.ts):
 * the same calls, arguments and built strings as its tree-sitter query, judged
 * the same way, so a file reports the same hits whichever parser read it.
 */
import { DANGEROUS_MESSAGES, JS_CHILD_PROCESS, JS_QUERY_CALLS, JS_SHELL_CALLS, JS_SPAWN_CALLS, NEEDLES, SQL, SQL_UPPER, type DangerousCall, type DangerousRule } from './dangerous-calls.ts';

/** An ESTree node as meriyah builds it with `ranges` (UTF-16 offsets, end exclusive); js-metrics.ts walks them. */
export interface EsNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** Nodes the walk set aside: calls, `new` expressions, and values assigned or declared. */
export interface JsCandidate {
  kind: 'call' | 'new' | 'built';
  node: EsNode;
}

const CALLEES = new Set(['eval', 'Function', ...JS_SHELL_CALLS, ...JS_SPAWN_CALLS, ...JS_QUERY_CALLS]);

/** The needle test of findDangerousCalls: most files hold none of the words, and are not looked at. */
export function wantsJsDangerousCalls(source: string): boolean {
  return (NEEDLES.javascript?.test(source) ?? false) || SQL.test(source);
}

/** @param row 0-based row of an offset. */
export function judgeJsCandidates(candidates: readonly JsCandidate[], source: string, row: (offset: number) => number): DangerousCall[] {
  const text = (n: EsNode) => source.slice(n.start, n.end);
  // In the walk's order (pre-order), which is the order of the query's matches.
  const hits: DangerousCall[] = [];
  const push = (rule: DangerousRule, node: EsNode) => {
    hits.push({ rule, line: row(node.start) + 1, endLine: row(node.end) + 1, message: DANGEROUS_MESSAGES[rule] });
  };
  for (const { kind, node } of candidates) {
    if (kind === 'built') {
      // tree-sitter's template_string and binary_expression (which also holds &&, || and ??).
      const t = node.type;
      if ((t === 'TemplateLiteral' || t === 'BinaryExpression' || t === 'LogicalExpression') && jsDynamic(node) && SQL_UPPER.test(text(node))) push('no-sql-concatenation', node);
      continue;
    }
    const callee = node.callee as EsNode;
    let name: string;
    let object: EsNode | null = null;
    if (callee.type === 'Identifier') name = text(callee);
    else if (kind === 'call' && callee.type === 'MemberExpression' && callee.computed !== true && (callee.property as EsNode).type === 'Identifier') {
      name = text(callee.property as EsNode);
      object = callee.object as EsNode;
    } else continue;
    if (kind === 'new' ? name !== 'Function' : !CALLEES.has(name)) continue;
    const rule = jsCall(name, object, (node.arguments as (EsNode | null)[]).filter((a): a is EsNode => a !== null), text);
    if (rule) push(rule, node);
  }
  return hits;
}

function jsCall(name: string, object: EsNode | null, args: EsNode[], text: (n: EsNode) => string): DangerousRule | null {
  const bare = object === null;
  if (name === 'eval' || name === 'Function') return bare ? 'no-eval' : null;
  const first = args[0];
  if (first && jsDynamic(first) && SQL.test(text(first)) && JS_QUERY_CALLS.includes(name)) return 'no-sql-concatenation';
  if (JS_SHELL_CALLS.includes(name)) {
    const shellLike = bare || name === 'execSync' || JS_CHILD_PROCESS.test(object ? text(object) : '');
    return shellLike && first && jsDynamic(first) ? 'no-shell-injection' : null;
  }
  if (JS_SPAWN_CALLS.includes(name)) {
    // Only a shell interprets the command: `spawn(cmd, args, { shell: true })` with anything not constant.
    const options = args.find((a) => a.type === 'ObjectExpression' && hasTruePair(a, 'shell', text));
    if (options && args.some((a) => a !== options && !jsConstant(a))) return 'no-shell-injection';
  }
  return null;
}

/** `key: true` written as a plain pair (tree-sitter's `pair` with a `true` value). */
function hasTruePair(object: EsNode, key: string, text: (n: EsNode) => string): boolean {
  for (const p of object.properties as EsNode[]) {
    if (p.type !== 'Property' || p.method === true || p.shorthand === true || p.kind !== 'init') continue; // shorthand, method, spread
    const value = p.value as EsNode;
    if (p.computed !== true && text(p.key as EsNode) === key && value.type === 'Literal' && value.value === true) return true;
  }
  return false;
}

function unparenthesize(node: EsNode): EsNode {
  let n = node;
  while (n.type === 'ParenthesizedExpression') n = n.expression as EsNode;
  return n;
}

/** The operands of a chain of `+`, `a + b + c` → [a, b, c]. */
function operands(node: EsNode): EsNode[] {
  const n = unparenthesize(node);
  if (n.type === 'BinaryExpression' && n.operator === '+') return [...operands(n.left as EsNode), ...operands(n.right as EsNode)];
  return [n];
}

/** tree-sitter's `string` and `number` (which holds BigInts too). */
function isString(n: EsNode): boolean {
  return n.type === 'Literal' && typeof n.value === 'string';
}

function isNumber(n: EsNode): boolean {
  return n.type === 'Literal' && n.regex === undefined && (typeof n.value === 'number' || typeof n.value === 'bigint' || n.bigint !== undefined);
}

function jsConstant(node: EsNode): boolean {
  const n = unparenthesize(node);
  if (isString(n) || isNumber(n)) return true;
  if (n.type === 'TemplateLiteral') return (n.expressions as EsNode[]).length === 0;
  if (n.type === 'ArrayExpression') return (n.elements as (EsNode | null)[]).every((c) => c === null || jsConstant(c));
  if (n.type === 'BinaryExpression') return operands(n).every((o) => o !== n && jsConstant(o));
  return false;
}

/** A string built at run time: a template with substitutions, or `'…' + x`. */
function jsDynamic(node: EsNode): boolean {
  const n = unparenthesize(node);
  if (n.type === 'TemplateLiteral') return (n.expressions as EsNode[]).length > 0;
  if (n.type !== 'BinaryExpression') return false;
  const parts = operands(n);
  if (parts.length < 2) return false;
  const stringy = parts.some((p) => isString(p) || p.type === 'TemplateLiteral');
  return stringy && parts.some((p) => !jsConstant(p));
}
