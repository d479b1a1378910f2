/**
 * Dangerous calls found in the syntax tree (issue #3, "Security"): code run
 * from strings (eval, new Function), shell commands built from input, and SQL
 * built by concatenation or interpolation. Working on the tree means a call
 * inside a string or a comment never fires, and "built from input" is decided
 * from the argument's syntax (a template with substitutions, `'…' + x`, an
 * f-string, `%`/`.format`), so `exec('ls')` with a constant does not fire.
 *
 * JavaScript/TypeScript/TSX and Python; other languages and patch-only input
 * (no full contents to parse) keep the line rules in style-rules.ts.
 *
 * A tree-sitter query narrows the tree to calls whose callee has one of the
 * names below (and to assignments of built strings); the rest is a few node
 * look-ups per candidate.
 */
import type { Parser } from './parser.ts';
import type { LanguageId } from './languages.ts';

type SyntaxNode = Parser.SyntaxNode;

export type DangerousRule = 'no-eval' | 'no-shell-injection' | 'no-sql-concatenation';

export interface DangerousCall {
  rule: DangerousRule;
  /** 1-based lines the offending expression spans. */
  line: number;
  endLine: number;
  message: string;
}

export const DANGEROUS_MESSAGES: Record<DangerousRule, string> = {
  'no-eval': 'code evaluated from a string (eval / new Function / exec)',
  'no-shell-injection': 'shell command built from interpolated input',
  'no-sql-concatenation': 'SQL built by string concatenation/interpolation; use parameters',
};

/** SQL statements in a string, in any case (a query call's argument). */
export const SQL = /\b(SELECT\s+[\w*]|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b)/i;
/** Outside a query call, only upper-case SQL counts: "Please select a ${thing}" is prose. */
export const SQL_UPPER = /\b(SELECT\s+[\w*]|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b)/;

export const JS_QUERY_CALLS = ['query', 'execute', 'exec', 'executeQuery', 'raw', 'whereRaw', 'prepare', 'run', 'all', 'get', 'each', 'unsafe', 'queryRaw', 'queryRawUnsafe', 'executeRaw', 'executeRawUnsafe', '$queryRawUnsafe', '$executeRawUnsafe'];
export const JS_SHELL_CALLS = ['exec', 'execSync'];
export const JS_SPAWN_CALLS = ['spawn', 'spawnSync', 'execFile', 'execFileSync'];
/** `x.exec(…)` is a shell only on a child_process-like object (RegExp has `exec` too). */
export const JS_CHILD_PROCESS = /^(child_process|childProcess|cp|proc|shell|require\(\s*['"](node:)?child_process['"]\s*\))$/;

const PY_EVAL = ['eval', 'exec'];
const PY_SHELL_ALWAYS = ['system', 'popen', 'getoutput', 'getstatusoutput'];
const PY_SHELL_OPTIONAL = ['run', 'call', 'check_call', 'check_output', 'Popen'];
const PY_QUERY_CALLS = ['execute', 'executemany', 'executescript', 'query', 'raw', 'text', 'read_sql', 'read_sql_query'];

const names = (list: readonly string[]) => `^(${[...new Set(list)].map((n) => n.replace(/\$/g, '\\$')).join('|')})$`;

const QUERIES: Partial<Record<LanguageId, string>> = {};
for (const id of ['javascript', 'typescript', 'tsx'] as const) {
  QUERIES[id] = `
    ((call_expression
       function: [(identifier) @callee (member_expression property: (property_identifier) @callee)]
       arguments: (arguments)) @call
     (#match? @callee "${names(['eval', 'Function', ...JS_SHELL_CALLS, ...JS_SPAWN_CALLS, ...JS_QUERY_CALLS])}"))
    ((new_expression constructor: (identifier) @callee) @call (#eq? @callee "Function"))
    (variable_declarator value: [(template_string) (binary_expression)] @built)
    (assignment_expression right: [(template_string) (binary_expression)] @built)`;
}
QUERIES.python = `
  ((call
     function: [(identifier) @callee (attribute attribute: (identifier) @callee)]
     arguments: (argument_list)) @call
   (#match? @callee "${names([...PY_EVAL, ...PY_SHELL_ALWAYS, ...PY_SHELL_OPTIONAL, ...PY_QUERY_CALLS])}"))
  (assignment right: [(string) (concatenated_string) (binary_operator) (call)] @built)`;

/**
 * Words one of the rules needs in the source (with SQL): a file without any is
 * skipped without walking its tree, which is most files (~82 % of the JS/TS corpus).
 */
export const NEEDLES: Partial<Record<LanguageId, RegExp>> = {
  javascript: /\b(eval|Function|exec|execSync|shell)\b/,
  typescript: /\b(eval|Function|exec|execSync|shell)\b/,
  tsx: /\b(eval|Function|exec|execSync|shell)\b/,
  python: /\b(eval|exec|system|popen|getoutput|getstatusoutput|shell)\b/,
};

/**
 * The patterns of the queries' `#match?` predicates: web-tree-sitter runs them
 * as JavaScript regexes, so the ReDoS test checks them with the regex literals.
 */
export function queryMatchPatterns(): string[] {
  const out: string[] = [];
  for (const query of Object.values(QUERIES)) {
    for (const m of query.matchAll(/#match\? @\w+ "([^"\\]*(?:\\.[^"\\]*)*)"/g)) out.push(m[1] ?? '');
  }
  return out;
}

export function hasDangerousCallRules(language: LanguageId): boolean {
  return QUERIES[language] !== undefined;
}

const compiled = new Map<LanguageId, Parser.Query>();

function queryFor(tree: Parser.Tree, language: LanguageId): Parser.Query | null {
  const source = QUERIES[language];
  if (!source) return null;
  let query = compiled.get(language);
  if (!query) {
    query = tree.getLanguage().query(source);
    compiled.set(language, query);
  }
  return query;
}

/**
 * @param source the text `tree` was parsed from.
 * @example
 * findDangerousCalls(parser.parse('exec(`rm ${dir}`)'), 'javascript', 'exec(`rm ${dir}`)')
 * // [{ rule: 'no-shell-injection', line: 1, endLine: 1, message: '…' }]
 */
export function findDangerousCalls(tree: Parser.Tree, language: LanguageId, source: string): DangerousCall[] {
  const needles = NEEDLES[language];
  if (!needles || (!needles.test(source) && !SQL.test(source))) return [];
  if (JS_TREE_LANGUAGES.has(language) && !jsMayFire(source) && !tree.rootNode.hasError) return [];
  return queryDangerousCalls(tree, language);
}

const JS_TREE_LANGUAGES = new Set<LanguageId>(['javascript', 'typescript', 'tsx']);
/** Every name a JS/TS rule fires on but `exec`: eval, Function, execSync, and JS_CHILD_PROCESS's objects and the `shell` option. */
const JS_WORDS = /\b(eval|Function|execSync|shell|child_process|childProcess|cp|proc)\b/;
const EXEC = /\bexec\b/g;

/**
 * Can a JS/TS rule fire on this source? False only when no rule can: no SQL (the SQL rules need
 * it in the argument or the built string), none of `JS_WORDS`, and every `exec` is a method of
 * something (`x.exec`, `x?.exec` — a RegExp's, as in most TypeScript that mentions exec; the
 * shell rule wants a bare `exec` or an object named in `JS_WORDS`). In a tree without syntax
 * errors a `.` right before a name is a member access (a spread's `...` and a number's `1.` are
 * not taken as one). It saves compiling the query (~30 ms of a CLI run's CPU for TypeScript) for
 * files such as ky's, whose only needle is `regex.exec(…)`; dangerous-calls.test.ts holds it to
 * the query's answers on the TypeScript corpus.
 */
export function jsMayFire(source: string): boolean {
  if (SQL.test(source) || JS_WORDS.test(source)) return true;
  for (const m of source.matchAll(EXEC)) {
    const before = source.charCodeAt(m.index - 1);
    const twoBefore = source.charCodeAt(m.index - 2);
    const member = before === 0x2e /* . */ && twoBefore !== 0x2e && !(twoBefore >= 0x30 && twoBefore <= 0x39);
    if (!member) return true;
  }
  return false;
}

/** The query's dangerous calls, without the word checks that skip files where none can fire. */
export function queryDangerousCalls(tree: Parser.Tree, language: LanguageId): DangerousCall[] {
  const query = queryFor(tree, language);
  if (!query) return [];
  const python = language === 'python';
  const hits: DangerousCall[] = [];
  const push = (rule: DangerousRule, node: SyntaxNode) => {
    hits.push({ rule, line: node.startPosition.row + 1, endLine: node.endPosition.row + 1, message: DANGEROUS_MESSAGES[rule] });
  };
  for (const match of query.matches(tree.rootNode)) {
    let call: SyntaxNode | null = null;
    let callee: SyntaxNode | null = null;
    let built: SyntaxNode | null = null;
    for (const c of match.captures) {
      if (c.name === 'call') call = c.node;
      else if (c.name === 'callee') callee = c.node;
      else if (c.name === 'built') built = c.node;
    }
    if (built) {
      if ((python ? pyDynamic(built) : jsDynamic(built)) && SQL_UPPER.test(built.text)) push('no-sql-concatenation', built);
    } else if (call && callee) {
      const rule = python ? pythonCall(call, callee) : jsCall(call, callee);
      if (rule) push(rule, call);
    }
  }
  return hits;
}

function jsCall(call: SyntaxNode, callee: SyntaxNode): DangerousRule | null {
  const name = callee.text;
  const bare = callee.parent?.type !== 'member_expression';
  if (name === 'eval' || name === 'Function') return bare ? 'no-eval' : null;
  const args = argumentsOf(call);
  const first = args[0];
  if (first && jsDynamic(first) && SQL.test(first.text) && JS_QUERY_CALLS.includes(name)) return 'no-sql-concatenation';
  if (JS_SHELL_CALLS.includes(name)) {
    const shellLike = bare || name === 'execSync' || JS_CHILD_PROCESS.test(callee.parent?.childForFieldName('object')?.text ?? '');
    return shellLike && first && jsDynamic(first) ? 'no-shell-injection' : null;
  }
  if (JS_SPAWN_CALLS.includes(name)) {
    // Only a shell interprets the command: `spawn(cmd, args, { shell: true })` with anything not constant.
    const options = args.find((a) => a.type === 'object' && hasTruePair(a, 'shell'));
    if (options && args.some((a) => a !== options && !jsConstant(a))) return 'no-shell-injection';
  }
  return null;
}

function pythonCall(call: SyntaxNode, callee: SyntaxNode): DangerousRule | null {
  const name = callee.text;
  const bare = callee.parent?.type !== 'attribute';
  if (PY_EVAL.includes(name)) return bare ? 'no-eval' : null;
  const args = argumentsOf(call);
  const positional = args.filter((a) => a.type !== 'keyword_argument');
  const first = positional[0];
  if (PY_QUERY_CALLS.includes(name)) return first && pyDynamic(first) && SQL.test(first.text) ? 'no-sql-concatenation' : null;
  if (PY_SHELL_ALWAYS.includes(name)) return first && pyDynamic(first) ? 'no-shell-injection' : null;
  if (PY_SHELL_OPTIONAL.includes(name)) {
    const shell = args.some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'shell' && a.childForFieldName('value')?.type === 'true');
    return shell && first && !pyConstant(first) ? 'no-shell-injection' : null;
  }
  return null;
}

/** Named arguments, comments left out. */
function argumentsOf(call: SyntaxNode): SyntaxNode[] {
  const list = call.childForFieldName('arguments');
  if (!list) return [];
  const out: SyntaxNode[] = [];
  for (let c = list.firstNamedChild; c; c = c.nextNamedSibling) if (c.type !== 'comment') out.push(c);
  return out;
}

function hasTruePair(object: SyntaxNode, key: string): boolean {
  for (let p = object.firstNamedChild; p; p = p.nextNamedSibling) {
    if (p.type === 'pair' && p.childForFieldName('key')?.text === key && p.childForFieldName('value')?.type === 'true') return true;
  }
  return false;
}

function unparenthesize(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.firstNamedChild) n = n.firstNamedChild;
  return n;
}

/** The operands of a chain of one operator, `a + b + c` → [a, b, c]. */
function operands(node: SyntaxNode, operator: string): SyntaxNode[] {
  const n = unparenthesize(node);
  const type = n.type;
  if ((type === 'binary_expression' || type === 'binary_operator') && n.childForFieldName('operator')?.type === operator) {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    return [...(left ? operands(left, operator) : []), ...(right ? operands(right, operator) : [])];
  }
  return [n];
}

function hasChild(node: SyntaxNode, type: string): boolean {
  for (let c = node.firstNamedChild; c; c = c.nextNamedSibling) if (c.type === type) return true;
  return false;
}

function jsConstant(node: SyntaxNode): boolean {
  const n = unparenthesize(node);
  if (n.type === 'string' || n.type === 'number') return true;
  if (n.type === 'template_string') return !hasChild(n, 'template_substitution');
  if (n.type === 'array') {
    for (let c = n.firstNamedChild; c; c = c.nextNamedSibling) if (c.type !== 'comment' && !jsConstant(c)) return false;
    return true;
  }
  if (n.type === 'binary_expression') return operands(n, '+').every((o) => o !== n && jsConstant(o));
  return false;
}

/** A string built at run time: a template with substitutions, or `'…' + x`. */
function jsDynamic(node: SyntaxNode): boolean {
  const n = unparenthesize(node);
  if (n.type === 'template_string') return hasChild(n, 'template_substitution');
  if (n.type !== 'binary_expression') return false;
  const parts = operands(n, '+');
  if (parts.length < 2) return false;
  const stringy = parts.some((p) => p.type === 'string' || p.type === 'template_string');
  return stringy && parts.some((p) => !jsConstant(p));
}

function pyConstant(node: SyntaxNode): boolean {
  const n = unparenthesize(node);
  if (n.type === 'string') return !hasChild(n, 'interpolation');
  if (n.type === 'concatenated_string') {
    for (let c = n.firstNamedChild; c; c = c.nextNamedSibling) if (!pyConstant(c)) return false;
    return true;
  }
  if (n.type === 'list' || n.type === 'tuple') {
    for (let c = n.firstNamedChild; c; c = c.nextNamedSibling) if (c.type !== 'comment' && !pyConstant(c)) return false;
    return true;
  }
  return n.type === 'integer' || n.type === 'float';
}

/** A string built at run time: an f-string, `'…' + x`, `'…' % x`, `'…'.format(x)`. */
function pyDynamic(node: SyntaxNode): boolean {
  const n = unparenthesize(node);
  const type = n.type;
  if (type === 'string') return hasChild(n, 'interpolation');
  if (type === 'concatenated_string') return !pyConstant(n);
  if (type === 'binary_operator') {
    const operator = n.childForFieldName('operator')?.type;
    if (operator === '%') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      return left !== null && (left.type === 'string' || left.type === 'concatenated_string') && right !== null && !pyConstant(right);
    }
    if (operator !== '+') return false;
    const parts = operands(n, '+');
    return parts.some((p) => p.type === 'string' || p.type === 'concatenated_string') && parts.some((p) => !pyConstant(p));
  }
  if (type === 'call') {
    const fn = n.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    if (!fn || !object || fn.childForFieldName('attribute')?.text !== 'format' || (object.type !== 'string' && object.type !== 'concatenated_string')) return false;
    return argumentsOf(n).some((a) => !pyConstant(a.type === 'keyword_argument' ? (a.childForFieldName('value') ?? a) : a));
  }
  return false;
}
