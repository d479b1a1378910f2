/**
 * What a function's syntax node says beyond its complexity: its name (qualified
 * for before/after matching), where ESLint would report it, whether it carries
 * a doc comment, whether it is public API, and whether a node declares a test.
 * Called once per function (or test hint), never per node.
 */
import type { Parser } from './parser.ts';
import type { LanguageId, LanguageSpec } from './languages.ts';

type SyntaxNode = Parser.SyntaxNode;

/** One function as the analysis sees it (built by openFunction, completed by function-metrics.ts). */
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
  /** Test cases sit inside it (counted only when tests are): a suite, such as hono's `runTest` shared by its routers' tests. */
  holdsTests?: boolean;
  /** A JS/TS `get` or `set` accessor: a setter is documented with its getter (compare-functions.ts). */
  accessor?: 'get' | 'set';
}

/** A function's name without the `#N` that tells repeated names apart, at every level (`<anonymous>#3/<anonymous>#2` → `<anonymous>/<anonymous>`). */
export const baseName = (name: string) => name.replace(/#\d+(?=\/|$)/g, '');

/** `else` right before an `if` (whitespace and block comments between): the `if` continues a chain. */
export function followsElse(source: string, start: number): boolean {
  let i = start - 1;
  for (;;) {
    while (i >= 0 && /\s/.test(source[i] ?? '')) i--;
    if (i > 0 && source[i] === '/' && source[i - 1] === '*') {
      const open = source.lastIndexOf('/*', i - 2);
      if (open < 0) return false;
      i = open - 1;
      continue;
    }
    break;
  }
  return i >= 3 && source.startsWith('else', i - 3) && !/[\w$]/.test(source[i - 4] ?? '');
}

/** +1 for a `case`, not for `default:` or a wildcard arm (`_ =>`, `case _:`). */

export function specialWeight(node: SyntaxNode): number {
  const type = node.type;
  if (type === 'switch_label' || type === 'case_statement') return node.firstChild?.type === 'default' ? 0 : 1;
  if (type === 'match_arm') return node.childForFieldName('pattern')?.text === '_' ? 0 : 1;
  if (type === 'case_clause') return node.firstNamedChild?.text === '_' ? 0 : 1;
  return 1;
}

/**
 * @param exported the function sits inside an `export` statement (JS/TS; tracked by the caller from scope ranges).
 * Every `parent` step is a call into WebAssembly that searches down from the root, so the parent is read at most once.
 */
export function openFunction(node: SyntaxNode, spec: LanguageSpec, containers: string[], outer: string | null, exported = false, source?: string): FunctionMetrics | null {
  const type = node.type;
  const memo: ParentMemo = { node, read: false, parent: null };
  // Java's annotations and C#'s attributes above a method are metadata, not its body: it starts at its
  // declaration (Newtonsoft.Json's "Annotate for trim/AOT": 1 attribute line made 30 long methods longer).
  const annotated = spec.id === 'java' || spec.id === 'csharp';
  let head: SyntaxNode = node;
  let bodyNode: SyntaxNode = node;
  if (type === 'field_definition' || type === 'public_field_definition') {
    const value = node.childForFieldName('value');
    if (!value) return null;
    head = value;
    bodyNode = value;
  } else if (type === 'arrow_function' || type === 'function' || type === 'function_expression' || type === 'generator_function') {
    // Mirrors ESLint's getFunctionHeadLoc: a property or class field reports at its key,
    // a bare arrow at its `=>`, anything else at its own start.
    const parent = parentOf(memo);
    const parentType = parent?.type;
    if (parent && (parentType === 'pair' || parentType === 'field_definition' || parentType === 'public_field_definition')) head = withDecorators(parent);
    else if (type === 'arrow_function') head = arrowToken(node) ?? node;
  } else if (type === 'method_definition') {
    head = withDecorators(node);
  } else if (annotated) {
    head = pastAnnotations(node);
  }
  // Python's `@overload` stubs declare a signature for type checkers, with `...` for a body: no
  // function. Counted, they took the implementation's name, and it became `#3`, a new function
  // (requests' "Add inline types": Response.iter_lines 9 → 1, iter_lines#3 new at 9).
  if (spec.id === 'python' && decoratedWith(node, memo, OVERLOAD)) return null;
  const rawName = functionName(node, type, spec, memo);
  // Anonymous functions are named after the function that holds them (`handler/<anonymous>`),
  // not their line, so the same callback matches before and after an edit above it.
  // A Go method's receiver type is its owner, as a class is elsewhere: godoc lists `Viper.ReadInConfig`,
  // not a second `ReadInConfig` beside the package function that calls it; and it decides the API.
  const receiver = type === 'method_declaration' && spec.id === 'go' ? goReceiverType(node.childForFieldName('receiver')?.text ?? '') : undefined;
  const owners = receiver ? [receiver] : containers;
  let qualified = rawName;
  if (rawName.startsWith('<') && outer) qualified = `${outer}/${rawName}`;
  else if (owners.length > 0) qualified = `${owners.join('.')}.${rawName}`;
  const line = (annotated ? head : node).startPosition.row + 1;
  const endLine = bodyNode.endPosition.row + 1;
  const fn: FunctionMetrics = {
    name: qualified,
    kind: type,
    line,
    endLine,
    headLine: head.startPosition.row + 1,
    headColumn: head.startPosition.column,
    complexity: 1,
    length: endLine - line + 1,
    maxNesting: 0,
    documented: isDocumented(node, spec.id, memo, source),
    // A function inside another function (a Python decorator's wrapper, a closure) is local to it:
    // never public, however it is named or whatever exports the outer one.
    public: outer === null && isPublic(node, type, spec.id, rawName, exported, memo, owners),
  };
  if (type === 'method_definition') {
    const accessor = node.children.find((c) => c.type === 'get' || c.type === 'set')?.type;
    if (accessor === 'get' || accessor === 'set') fn.accessor = accessor;
  }
  return fn;
}

/**
 * The `=>` of an arrow function, after its parameters. Its children come in one call: in
 * web-tree-sitter 0.22 each `nextSibling` finds the parent again by searching down from the root,
 * which on a large file's test callbacks cost more than all the rest of a function's facts.
 */
function arrowToken(node: SyntaxNode): SyntaxNode | null {
  for (const c of node.children) if (c.type === '=>') return c;
  return null;
}

/** Java and C# annotation nodes (`@Override`, `[RequiresUnreferencedCode("…")]`). */
const ANNOTATIONS = new Set(['marker_annotation', 'annotation', 'attribute_list']);

/**
 * The first part of a Java or C# declaration that is not an annotation: a modifier, the type or the
 * name (Java keeps annotations among the modifiers, C# keeps attribute lists before them).
 */
function pastAnnotations(node: SyntaxNode): SyntaxNode {
  for (const c of node.children) {
    if (ANNOTATIONS.has(c.type)) continue;
    if (c.type !== 'modifiers') return c;
    for (const m of c.children) if (!ANNOTATIONS.has(m.type)) return m;
  }
  return node;
}

/** ESLint places a decorated class member where its first decorator starts; the TS grammar keeps decorators as siblings. */
function withDecorators(node: SyntaxNode): SyntaxNode {
  let head = node;
  for (let prev = node.previousNamedSibling; prev?.type === 'decorator'; prev = prev.previousNamedSibling) head = prev;
  return head;
}

/** A node's parent, read from WebAssembly at most once (a plain object: no closure per function). */
interface ParentMemo {
  node: SyntaxNode;
  read: boolean;
  parent: SyntaxNode | null;
}

function parentOf(memo: ParentMemo): SyntaxNode | null {
  if (!memo.read) {
    memo.parent = memo.node.parent;
    memo.read = true;
  }
  return memo.parent;
}

function functionName(node: SyntaxNode, type: string, spec: LanguageSpec, memo: ParentMemo): string {
  if (type === 'class_static_block') return 'static';
  if (type === 'lambda' || type === 'lambda_expression' || type === 'closure_expression' || type === 'func_literal') {
    return '<lambda>';
  }
  const named = node.childForFieldName('name');
  if (named) return type === 'field_definition' || type === 'public_field_definition' ? `${named.text}=` : named.text;
  if (type === 'field_definition') {
    const prop = node.childForFieldName('property');
    if (prop) return `${prop.text}=`;
  }
  if (spec.id === 'c' || spec.id === 'cpp') {
    const id = declaratorName(node.childForFieldName('declarator'));
    if (id) return id;
  }
  const parent = parentOf(memo);
  if (parent) {
    const parentType = parent.type;
    if (parentType === 'variable_declarator') return parent.childForFieldName('name')?.text ?? '<anonymous>';
    if (parentType === 'pair') return parent.childForFieldName('key')?.text ?? '<anonymous>';
    if (parentType === 'assignment_expression') return parent.childForFieldName('left')?.text ?? '<anonymous>';
    if (parentType === 'field_definition' || parentType === 'public_field_definition') {
      return (parent.childForFieldName('property') ?? parent.childForFieldName('name'))?.text ?? '<anonymous>';
    }
  }
  return '<anonymous>';
}

function declaratorName(declarator: SyntaxNode | null): string | null {
  let d = declarator;
  for (let i = 0; d && i < 8; i++) {
    if (d.type === 'identifier' || d.type === 'field_identifier' || d.type === 'qualified_identifier' || d.type === 'destructor_name' || d.type === 'operator_name') {
      return d.text;
    }
    d = d.childForFieldName('declarator') ?? d.firstNamedChild;
  }
  return null;
}

/** The node a doc comment would precede: `export function`, decorated Python defs, `const f = () =>`, a C++ `template <…>` function. */
function outerStatement(node: SyntaxNode, memo: ParentMemo): SyntaxNode {
  let n = node;
  for (let i = 0; i < 4; i++) {
    const p = i === 0 ? parentOf(memo) : n.parent;
    if (!p) break;
    const t = p.type;
    if (t === 'export_statement' || t === 'decorated_definition' || t === 'variable_declarator' || t === 'lexical_declaration' || t === 'variable_declaration' || t === 'template_declaration') {
      n = p;
    } else break;
  }
  return n;
}

function isDocumented(node: SyntaxNode, lang: LanguageId, memo: ParentMemo, source: string | undefined): boolean {
  if (lang === 'python') {
    const first = node.childForFieldName('body')?.firstNamedChild;
    return first?.type === 'expression_statement' && first.firstNamedChild?.type === 'string';
  }
  const outer = outerStatement(node, memo);
  let prev = outer.previousNamedSibling;
  // Ruby wraps a class body in `body_statement`; the comment above the first method sits outside it.
  if (!prev && outer.parent?.type === 'body_statement') prev = outer.parent.previousNamedSibling;
  // Attributes sit between a Rust doc comment and its item (`/// doc` `#[must_use]` `fn`): the
  // comment must touch the first of them (axum's ResponseParts::status).
  let top = outer.startPosition.row;
  while (prev && (prev.type === 'attribute_item' || prev.type === 'decorator')) {
    top = prev.startPosition.row;
    prev = prev.previousNamedSibling;
  }
  if (!prev || !/comment/.test(prev.type)) return false;
  if (prev.endPosition.row >= top - 1) return true;
  // C/C++: a macro alone on its line between the comment and the function (`JSON_HEDLEY_RETURNS_NON_NULL`,
  // `NLOHMANN_BASIC_JSON_TPL_DECLARATION` for its `template <…>`) was blanked by c-macros.ts, not left empty.
  return (lang === 'c' || lang === 'cpp') && source !== undefined && onlyBlankedLinesBetween(source, prev.endIndex, outer.startIndex);
}

/**
 * Whether every whole line between two offsets is one c-macros.ts blanked: spaces where a macro stood.
 * A line left empty (or `\r` alone) parts a comment from what follows; a blanked one keeps its length.
 */
function onlyBlankedLinesBetween(source: string, from: number, to: number): boolean {
  const lines = source.slice(from, to).split('\n').slice(1, -1);
  return lines.length > 0 && lines.every((l) => /^[ \t]+\r?$/.test(l));
}

/** TypeScript class members may carry `private`/`protected`; nothing else can. */
const MEMBER_TYPES = new Set(['method_definition', 'public_field_definition']);

function isPublic(node: SyntaxNode, type: string, lang: LanguageId, name: string, exported: boolean, memo: ParentMemo, containers: readonly string[]): boolean {
  const simple = name.slice(name.lastIndexOf('.') + 1);
  switch (lang) {
    case 'javascript':
    case 'typescript':
    case 'tsx': {
      // `#private` is private by the language, `_name` by convention (zod's ZodFunction._parse).
      // A constructor is documented with its class (as Python's __init__: pydocstyle's D107).
      if (!exported || simple.startsWith('#') || simple.startsWith('_') || simple === '<anonymous>' || (type === 'method_definition' && simple === 'constructor')) return false;
      if (lang !== 'javascript' && MEMBER_TYPES.has(type)) {
        for (const c of node.children) if (c.type === 'accessibility_modifier' && c.text !== 'public') return false;
      }
      return !inCallOptions(node, parentOf(memo));
    }
    case 'python': {
      // `_name` is private; a dunder implements a protocol and is documented on its class (pydocstyle's
      // D105/D107). A method of a private class (`_PagerWriter.write`) is private too.
      if (simple.startsWith('_') || containers.some((c) => c.startsWith('_') && !c.endsWith('__'))) return false;
      // `@override` methods: the overridden method carries the docs (`@overload` stubs are no functions at all).
      return !decoratedWith(node, memo, OVERRIDE);
    }
    case 'go': {
      // A method of an unexported type (`func (bsonBinding) Name()`, its receiver the owner) is reached
      // only through an interface: not API.
      const receiver = containers.at(-1);
      return /^[A-Z]/.test(simple) && (receiver === undefined || /^[A-Z]/.test(receiver));
    }
    case 'rust':
      // `pub` alone: `pub(crate)`, `pub(super)` and `pub(in path)` stay inside the crate (ripgrep's HiArgs.index).
      if (hiddenFromDocs(node)) return false;
      return node.children.some((c) => c.type === 'visibility_modifier' && c.text === 'pub');
    case 'java':
    case 'csharp': {
      // A method of an anonymous class is reached only through the type it implements (gson's TypeAdapters).
      const parent = parentOf(memo);
      if (parent?.type === 'class_body' && parent.parent?.type === 'object_creation_expression') return false;
      const modifiers = node.children.filter((c) => c.type === 'modifiers' || c.type === 'modifier').map((c) => c.text);
      // An override is documented where it is declared: javadoc and C#'s tools inherit that comment.
      if (modifiers.some((m) => (lang === 'java' ? /@Override\b/ : /\boverride\b/).test(m))) return false;
      return modifiers.some((m) => /\bpublic\b/.test(m)) && enclosingTypesPublic(parent);
    }
    case 'c':
    case 'cpp':
      // `main` is the program's entry point: the runtime calls it, no one's code does.
      if (simple === 'main') return false;
      if (lang === 'c') return !isStatic(node);
      return cppVisible(node, parentOf(memo));
    case 'ruby':
      // `def call!(env) # :nodoc:` — RDoc's mark for a method left out of the documentation on purpose (sinatra's Base#call!).
      if (/#\s*:nodoc:/.test(node.text.slice(0, node.text.indexOf('\n') >>> 0))) return false;
      if (type !== 'singleton_method' && RUBY_ALWAYS_PRIVATE.has(simple)) return false;
      return !simple.startsWith('_') && (type === 'singleton_method' || rubyVisibility(node, simple, parentOf(memo)) === 'public');
  }
}

const OVERLOAD = /^@(\w+\.)?overload\b/;
const OVERRIDE = /^@(\w+\.)?override\b/;

/** A Python function under a decorator that matches (`@overload`, `@typing.overload`). */
function decoratedWith(node: SyntaxNode, memo: ParentMemo, decorator: RegExp): boolean {
  const parent = parentOf(memo);
  if (parent?.type !== 'decorated_definition') return false;
  return parent.namedChildren.some((c) => c.type === 'decorator' && decorator.test(c.text));
}

/**
 * A method of an object literal handed to a call (`new CachedFunction('x', { updater() {} })`,
 * refined-github): options and callbacks of that call, not API of the module that exports its
 * result. (`export const api = { get() {} }` is API: that object is the export itself.)
 */
function inCallOptions(node: SyntaxNode, parent: SyntaxNode | null): boolean {
  // `{ updater() {} }`: the method's parent is the object; `{ updater: () => {} }`: the function's parent is a pair in it.
  const object = node.type === 'method_definition' ? parent : parent?.type === 'pair' ? parent.parent : null;
  if (object?.type !== 'object') return false;
  // However deep in the call's arguments: `defineConfig({ plugins: [{ transform() {} }] })` (preact's vitest.config.mjs).
  let up = object.parent;
  for (let depth = 0; up && depth < MAX_OPTIONS_DEPTH && (up.type === 'pair' || up.type === 'object' || up.type === 'array'); depth++) up = up.parent;
  return up?.type === 'arguments' && (up.parent?.type === 'call_expression' || up.parent?.type === 'new_expression');
}

/** How many objects, arrays and properties deep a method may sit in a call's arguments and still be its options. */
export const MAX_OPTIONS_DEPTH = 8;

/** Java and C# type declarations: a member reaches no further than the types around it. */
const JVM_TYPES = new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration', 'struct_declaration', 'record_struct_declaration']);

/**
 * Whether every type around a Java or C# member is `public`: a public method of a package-private
 * class (javapoet's `final class CodeWriter`) or of a C# `internal` one is no API outside the package
 * or assembly. `body` is the member's parent (a class body); the walk stops at the package or namespace.
 */
function enclosingTypesPublic(body: SyntaxNode | null): boolean {
  for (let b = body, depth = 0; b && depth < MAX_TYPE_NESTING; depth++) {
    const type = b.parent;
    if (!type || !JVM_TYPES.has(type.type)) return true;
    const modifiers = type.children.filter((c) => c.type === 'modifiers' || c.type === 'modifier').map((c) => c.text);
    if (!modifiers.some((m) => /\bpublic\b/.test(m))) return false;
    b = type.parent;
  }
  return true;
}

/** Types nested deeper than this are taken as public from there on. */
const MAX_TYPE_NESTING = 8;

/** The type of a Go method's receiver: `(e *Engine[T])` → `Engine`, `(bsonBinding)` → `bsonBinding`. */
function goReceiverType(receiver: string): string | undefined {
  let t = receiver.trim();
  if (t.endsWith(')')) t = t.slice(0, -1).trimEnd();
  if (t.endsWith(']') && t.includes('[')) t = t.slice(0, t.indexOf('['));
  const start = Math.max(t.lastIndexOf(' '), t.lastIndexOf('\t'), t.lastIndexOf('*'), t.lastIndexOf('(')) + 1;
  return t.slice(start) || undefined;
}

/** Namespaces that by convention hold a C++ library's implementation, not its API (fmt's and Boost's `detail`, Abseil's `internal`). */
const CPP_PRIVATE_NAMESPACE = /^(detail|details|internal|impl|\w+_(detail|details|internal|impl))$/;

/**
 * Facts about one class body, computed in one pass over its children and kept for the next
 * function of the same body (functions come in document order, so a body's methods come
 * together). Walking siblings per method instead was quadratic: in web-tree-sitter 0.22 each
 * sibling step searches down from the root (sinatra's base.rb: 22 → 58 ms).
 */
const bodyCache: { id: number; start: number; end: number; facts: unknown }[] = [];
/** Bodies kept: a nested class's method asks about its own body and each one around it. */
const BODY_CACHE_SIZE = 4;

/** `compute`'s answer for this body, from the cache when one of the last bodies asked about was this one (a body is only ever asked one kind of question). */
function bodyFacts<T>(body: SyntaxNode, compute: (children: SyntaxNode[]) => T): T {
  for (const c of bodyCache) if (c.id === body.id && c.start === body.startIndex && c.end === body.endIndex) return c.facts as T;
  const facts = compute(body.namedChildren);
  bodyCache.unshift({ id: body.id, start: body.startIndex, end: body.endIndex, facts });
  if (bodyCache.length > BODY_CACHE_SIZE) bodyCache.pop();
  return facts;
}

/** `static` among a declaration's specifiers. */
function isStatic(node: SyntaxNode): boolean {
  return node.children.some((c) => c.type === 'storage_class_specifier' && c.text === 'static');
}

/** Each member's access in a class body: the last access specifier above it (by start offset). */
function memberAccess(body: SyntaxNode, initial: string): Map<number, string> {
  return bodyFacts(body, (children) => {
    const out = new Map<number, string>();
    let current = initial;
    for (const c of children) {
      if (c.type === 'access_specifier') current = c.text;
      else out.set(c.startIndex, current);
    }
    return out;
  });
}

/**
 * A C++ function is API unless it sits in an anonymous or implementation namespace, or in a class
 * under `private:` / `protected:` (a `class` starts private, a `struct` public) — its own class or
 * any class around that (nlohmann/json's `struct data` in a private section of basic_json).
 */
function cppVisible(node: SyntaxNode, parent: SyntaxNode | null): boolean {
  let member: SyntaxNode = node;
  let body = parent;
  while (body?.type === 'template_declaration') [member, body] = [body, body.parent];
  // `static` outside a class gives a function internal linkage; inside one it makes a class member (nlohmann/json's `static basic_json array()`).
  if (body?.type !== 'field_declaration_list' && isStatic(node)) return false;
  while (body?.type === 'field_declaration_list') {
    const initial = body.parent?.type === 'class_specifier' ? 'private' : 'public';
    if ((memberAccess(body, initial).get(member.startIndex) ?? initial) !== 'public') return false;
    // The class is itself a member of the body around it: `struct data { … };` is a field declaration there.
    member = body.parent?.parent ?? body;
    while (member.parent?.type === 'template_declaration') member = member.parent;
    if (member.type !== 'field_declaration' && member.type !== 'template_declaration') break;
    body = member.parent;
  }
  for (let p = body; p; p = p.parent) {
    if (p.type !== 'namespace_definition') continue;
    const name = p.childForFieldName('name')?.text;
    if (name === undefined || CPP_PRIVATE_NAMESPACE.test(name)) return false;
  }
  return true;
}

/** Rust's `#[doc(hidden)]` above an item: public for the compiler, not part of the documented API. */
function hiddenFromDocs(node: SyntaxNode): boolean {
  for (let s = node.previousNamedSibling; s?.type === 'attribute_item'; s = s.previousNamedSibling) {
    if (/^#\[doc\s*\(\s*hidden\s*\)\]$/.test(s.text)) return true;
  }
  return false;
}

const RUBY_VISIBILITY = /^(private|protected|public)$/;

/** Methods Ruby makes private whatever section they are in (rack's `Rack::Files#initialize`): documented with their class. */
const RUBY_ALWAYS_PRIVATE = new Set(['initialize', 'initialize_copy', 'initialize_clone', 'initialize_dup', 'respond_to_missing?']);

/**
 * A Ruby method's visibility in its class body: `private def x`, a bare `private` /
 * `protected` / `public` line above it (the last one wins), or `private :x` anywhere in the
 * body. (`def self.x` is not touched by any of these: the caller knows.)
 */
function rubyVisibility(node: SyntaxNode, name: string, parent: SyntaxNode | null): string {
  if (parent?.type === 'argument_list') {
    const method = parent.parent?.type === 'call' ? (parent.parent.childForFieldName('method')?.text ?? '') : '';
    if (RUBY_VISIBILITY.test(method)) return method;
  }
  if (!parent) return 'public';
  // One pass over the body: each method's section (by its start offset), and the names `private :x` sets.
  const { sections, named } = bodyFacts(parent, (children) => {
    const sections = new Map<number, string>();
    const named = new Map<string, string>();
    let current = 'public';
    for (const c of children) {
      if (c.type === 'identifier' && RUBY_VISIBILITY.test(c.text)) current = c.text;
      else if (c.type === 'method') sections.set(c.startIndex, current);
      else if (c.type === 'call') {
        const method = c.childForFieldName('method')?.text ?? '';
        if (!RUBY_VISIBILITY.test(method)) continue;
        for (const a of c.childForFieldName('arguments')?.namedChildren ?? []) {
          if (a.type === 'simple_symbol') named.set(a.text.slice(1), method);
          else if (a.type === 'string') named.set(a.text.slice(1, -1), method);
        }
      }
    }
    return { sections, named };
  });
  return named.get(name) ?? sections.get(node.startIndex) ?? 'public';
}

/** The callee of a JS/TS test case, as written: `it(`, `test.each(`, `specify.skip(`… */
export const JS_TEST_CALLEE = /^(it|test|specify)(\.(only|skip|each|concurrent|todo))?$/;

export function isTestCase(node: SyntaxNode, lang: LanguageId): boolean {
  const type = node.type;
  switch (lang) {
    case 'javascript':
    case 'typescript':
    case 'tsx': {
      if (type !== 'call_expression') return false;
      const callee = node.childForFieldName('function');
      // `it.each(table)('name', fn)`: the outer call is the test; its callee is itself a call.
      return callee !== null && callee.type !== 'call_expression' && JS_TEST_CALLEE.test(callee.text);
    }
    case 'ruby':
      if (type === 'call') return /^(it|test|specify|scenario)$/.test(node.childForFieldName('method')?.text ?? '');
      return type === 'method' && /^test_/.test(node.childForFieldName('name')?.text ?? '');
    case 'python':
      return type === 'function_definition' && /^test/.test(node.childForFieldName('name')?.text ?? '');
    case 'go':
      return type === 'function_declaration' && /^(Test|Benchmark|Fuzz)[A-Z_0-9]/.test(node.childForFieldName('name')?.text ?? '');
    case 'rust':
      return type === 'attribute_item' && /^#\[(tokio::)?test\b/.test(node.text);
    case 'java':
      return (type === 'marker_annotation' || type === 'annotation') && /^@(Test|ParameterizedTest)\b/.test(node.text);
    case 'csharp':
      return type === 'attribute' && /^(Test|Fact|Theory|TestMethod|TestCase)\b/.test(node.text);
    case 'c':
    case 'cpp':
      return type === 'function_definition' && /^(TEST|TEST_F|TEST_P|TEST_CASE)\b/.test(node.text);
  }
}
