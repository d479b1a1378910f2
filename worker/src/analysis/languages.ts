/**
 * What each supported language looks like to the analyser: which syntax-tree
 * node types open a function, add a decision (cyclomatic complexity), nest a
 * block, or are comments. Declared as data so adding a language is a table
 * entry, not new traversal code (issue #3, "Complexity").
 *
 * Node type names are those of the grammars shipped in tree-sitter-wasms 0.1.13.
 */

export type LanguageId = 'javascript' | 'typescript' | 'tsx' | 'python' | 'go' | 'rust' | 'java' | 'csharp' | 'ruby' | 'c' | 'cpp';

export interface LanguageSpec {
  id: LanguageId;
  /** File name of the grammar in tree-sitter-wasms/out. */
  grammar: string;
  /** Named node types that start a function (its own complexity unit). */
  functions: readonly string[];
  /** Named node types worth +1 each. */
  decisions: readonly string[];
  /** Anonymous tokens worth +1 each (short-circuit operators). */
  decisionTokens: readonly string[];
  /** Named node types that open a nesting level. */
  nesting: readonly string[];
  comments: readonly string[];
  /** Node types whose `name` qualifies the functions inside (Class.method). */
  containers: readonly string[];
}

const JS_FUNCTIONS = [
  'function_declaration',
  'generator_function_declaration',
  'function',
  'function_expression',
  'generator_function',
  'arrow_function',
  'method_definition',
  // ESLint treats class field initializers and static blocks as implicit functions.
  'field_definition',
  'public_field_definition',
  'class_static_block',
];
// ESLint classic `complexity` (node_modules/eslint/lib/rules/complexity.js):
// if, ?:, &&/||/??, logical assignment, loops, catch, `case x:` (not default),
// default values (AssignmentPattern), and every optional chain link (?.).
const JS_DECISIONS = [
  'if_statement',
  'ternary_expression',
  'for_statement',
  'for_in_statement',
  'while_statement',
  'do_statement',
  'catch_clause',
  'switch_case',
  'assignment_pattern',
  'object_assignment_pattern',
  'optional_chain',
];
const JS_TOKENS = ['&&', '||', '??', '&&=', '||=', '??='];
const JS_NESTING = ['if_statement', 'for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'switch_statement', 'try_statement'];
const JS_CONTAINERS = ['class_declaration', 'class', 'abstract_class_declaration'];

const C_DECISIONS = ['if_statement', 'for_statement', 'while_statement', 'do_statement', 'case_statement', 'conditional_expression'];
const C_NESTING = ['if_statement', 'for_statement', 'while_statement', 'do_statement', 'switch_statement'];

/** JavaScript, TypeScript and TSX differ only in their grammar file. */
function jsLike(id: 'javascript' | 'typescript' | 'tsx'): LanguageSpec {
  return {
    id,
    grammar: id,
    functions: JS_FUNCTIONS,
    decisions: JS_DECISIONS,
    decisionTokens: JS_TOKENS,
    nesting: JS_NESTING,
    comments: ['comment'],
    containers: JS_CONTAINERS,
  };
}

export const LANGUAGES: Record<LanguageId, LanguageSpec> = {
  javascript: jsLike('javascript'),
  typescript: jsLike('typescript'),
  tsx: jsLike('tsx'),
  python: {
    id: 'python',
    grammar: 'python',
    functions: ['function_definition', 'lambda'],
    decisions: ['if_statement', 'elif_clause', 'for_statement', 'while_statement', 'except_clause', 'conditional_expression', 'for_in_clause', 'if_clause', 'case_clause'],
    decisionTokens: ['and', 'or'],
    nesting: ['if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement', 'match_statement'],
    comments: ['comment'],
    containers: ['class_definition'],
  },
  go: {
    id: 'go',
    grammar: 'go',
    functions: ['function_declaration', 'method_declaration', 'func_literal'],
    decisions: ['if_statement', 'for_statement', 'expression_case', 'type_case', 'communication_case'],
    decisionTokens: ['&&', '||'],
    nesting: ['if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement'],
    comments: ['comment'],
    containers: [],
  },
  rust: {
    id: 'rust',
    grammar: 'rust',
    functions: ['function_item', 'closure_expression'],
    decisions: ['if_expression', 'while_expression', 'loop_expression', 'for_expression', 'match_arm', 'if_let_expression', 'while_let_expression'],
    decisionTokens: ['&&', '||'],
    nesting: ['if_expression', 'while_expression', 'loop_expression', 'for_expression', 'match_expression', 'if_let_expression', 'while_let_expression'],
    comments: ['line_comment', 'block_comment'],
    containers: ['impl_item', 'trait_item', 'mod_item'],
  },
  java: {
    id: 'java',
    grammar: 'java',
    functions: ['method_declaration', 'constructor_declaration', 'lambda_expression'],
    decisions: ['if_statement', 'for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement', 'catch_clause', 'ternary_expression', 'switch_label'],
    decisionTokens: ['&&', '||'],
    nesting: ['if_statement', 'for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement', 'switch_expression', 'switch_statement', 'try_statement'],
    comments: ['line_comment', 'block_comment', 'comment'],
    containers: ['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration'],
  },
  csharp: {
    id: 'csharp',
    grammar: 'c_sharp',
    functions: ['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression'],
    decisions: ['if_statement', 'for_statement', 'for_each_statement', 'while_statement', 'do_statement', 'catch_clause', 'conditional_expression', 'case_switch_label', 'switch_expression_arm'],
    decisionTokens: ['&&', '||', '??'],
    nesting: ['if_statement', 'for_statement', 'for_each_statement', 'while_statement', 'do_statement', 'switch_statement', 'try_statement'],
    comments: ['comment'],
    containers: ['class_declaration', 'struct_declaration', 'interface_declaration', 'record_declaration'],
  },
  ruby: {
    id: 'ruby',
    grammar: 'ruby',
    functions: ['method', 'singleton_method'],
    decisions: ['if', 'elsif', 'unless', 'while', 'until', 'for', 'when', 'rescue', 'conditional', 'if_modifier', 'unless_modifier', 'while_modifier', 'until_modifier', 'rescue_modifier'],
    decisionTokens: ['&&', '||', 'and', 'or'],
    nesting: ['if', 'unless', 'while', 'until', 'for', 'case', 'begin'],
    comments: ['comment'],
    containers: ['class', 'module'],
  },
  c: {
    id: 'c',
    grammar: 'c',
    functions: ['function_definition'],
    decisions: C_DECISIONS,
    decisionTokens: ['&&', '||'],
    nesting: C_NESTING,
    comments: ['comment'],
    containers: [],
  },
  cpp: {
    id: 'cpp',
    grammar: 'cpp',
    functions: ['function_definition', 'lambda_expression'],
    decisions: [...C_DECISIONS, 'for_range_loop', 'catch_clause'],
    decisionTokens: ['&&', '||', 'and', 'or'],
    nesting: [...C_NESTING, 'for_range_loop', 'try_statement'],
    comments: ['comment'],
    containers: ['class_specifier', 'struct_specifier', 'namespace_definition'],
  },
};

const EXTENSIONS: Record<string, LanguageId> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  ts: 'typescript', mts: 'typescript', cts: 'typescript',
  tsx: 'tsx',
  py: 'python', pyi: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  cs: 'csharp',
  rb: 'ruby', rake: 'ruby', gemspec: 'ruby',
  c: 'c', h: 'c',
  cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', hxx: 'cpp',
};

const SHEBANGS: [RegExp, LanguageId][] = [
  [/\b(node|deno|bun)\b/, 'javascript'],
  [/\b(tsx|ts-node)\b/, 'typescript'],
  [/\bpython[0-9.]*\b/, 'python'],
  [/\bruby\b/, 'ruby'],
];

/** Constructs C has no use for: a namespace, a template, `std::`, an access label, constexpr, nullptr. Read in the first 64 KB. */
const CPP_ONLY = /\bnamespace\s+\w+\s*\{|\btemplate\s*<|\bstd::|\b(?:public|private|protected)\s*:|\bconstexpr\b|\bnullptr\b/;

function looksLikeCpp(content: string): boolean {
  return CPP_ONLY.test(content.slice(0, 65_536));
}

/**
 * Language by extension (a `.h` by its contents too), else by shebang (scripts in bin/ often have none).
 * @example detectLanguage('bin/run', '#!/usr/bin/env node\n…') // 'javascript'
 */
export function detectLanguage(path: string, content?: string | null): LanguageId | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot > 0) {
    const ext = base.slice(dot + 1).toLowerCase();
    // A `.h` header is C++ as often as C (fmt's, Qt's, LLVM's): C's grammar turns C++ into nonsense.
    if (ext === 'h' && content && looksLikeCpp(content)) return 'cpp';
    const byExt = EXTENSIONS[ext];
    if (byExt) return byExt;
  }
  if (base === 'Rakefile' || base === 'Gemfile') return 'ruby';
  if (content?.startsWith('#!')) {
    const head = content.slice(0, 256); // a shebang is short; never search a huge blob for its first newline
    const firstLine = head.slice(0, head.indexOf('\n') >>> 0);
    for (const [re, id] of SHEBANGS) if (re.test(firstLine)) return id;
  }
  return null;
}
