/**
 * A small built-in style rule set that needs no per-repository config (issue #3,
 * "Style"), and the line-level security rules (dangerous calls). Both judge only
 * added lines, so a commit is never blamed for what was already there.
 */
import type { FindingRule } from '@tamagitto/domain';
import type { LanguageId } from './languages.ts';
import { RuleClock, ruleHead } from './line-budget.ts';
import type { DiffLine } from './patch.ts';

export const MAX_LINE_LENGTH = 120;
export const MAX_FUNCTION_LENGTH = 80;
export const MAX_FILE_LINES = 1000;

export interface LineHit {
  rule: FindingRule;
  line: number;
  message: string;
  severity: 'info' | 'warning' | 'error';
  /** The numbers and names in `message` (Finding.params). */
  params?: Record<string, string | number>;
}

const LEFTOVERS: Partial<Record<LanguageId | 'js', RegExp>> = {
  js: /\bdebugger\s*;?|\bconsole\.(log|debug|trace|dir)\s*\(/,
  python: /^\s*(print\s*\(|breakpoint\s*\(\s*\)|import\s+i?pdb|i?pdb\.set_trace\s*\()/,
  ruby: /\b(binding\.pry|byebug|debugger)\b|^\s*(puts|p|pp)\s/,
  rust: /\bdbg!\s*\(/,
  java: /\bSystem\.(out|err)\.print(ln)?\s*\(|\.printStackTrace\s*\(\s*\)/,
  csharp: /\bConsole\.Write(Line)?\s*\(|Debugger\.Break\s*\(/,
  go: /\bfmt\.Print(ln|f)?\s*\(|\bspew\.Dump\s*\(/,
};

function leftoverPattern(language: LanguageId): RegExp | undefined {
  return language === 'javascript' || language === 'typescript' || language === 'tsx' ? LEFTOVERS.js : LEFTOVERS[language];
}

const COMMENT_START = /^\s*(\/\/|\/\*|\*|#|--|;|<!--|"""|''')/;
const TODO = /\b(TODO|FIXME|XXX|HACK)\b/;

/** Languages where a line starting with `#` is a directive (`#define`, `#region`), not a comment. */
const HASH_DIRECTIVES: ReadonlySet<LanguageId | null> = new Set(['c', 'cpp', 'csharp']);

/** A line that holds only a comment (or a comment's continuation, ` * …`) in the file's language. */
function isCommentLine(text: string, language: LanguageId | null): boolean {
  return COMMENT_START.test(text) && !(HASH_DIRECTIVES.has(language) && /^\s*#/.test(text));
}

export interface StyleContext {
  language: LanguageId | null;
  /** Debug output is expected in tests, scripts and CLIs. */
  allowOutput: boolean;
  /** Markdown uses two trailing spaces as a line break. */
  markdown: boolean;
  /** Lines (1-based, after side) that lie inside a block comment or docstring (commentBlockLines): prose, like `//` lines. */
  proseLines?: ReadonlySet<number>;
}

const C_LIKE: ReadonlySet<LanguageId> = new Set(['javascript', 'typescript', 'tsx', 'java', 'csharp', 'c', 'cpp', 'go', 'rust']);

/**
 * The lines of a file that start inside a block comment (`/* … *\/` in C-like languages) or a
 * triple-quoted string (Python's docstrings): ky's JSDoc continues its paragraphs on lines with
 * no leading `*`, which a line prefix cannot tell from code. A small lexer: strings and line
 * comments are skipped so a `/*` inside them opens nothing; it reads at most `maxChars`.
 */
export function commentBlockLines(content: string, language: LanguageId, maxChars = 1 << 20): Set<number> {
  const out = new Set<number>();
  const python = language === 'python';
  if (!python && !C_LIKE.has(language)) return out;
  const end = Math.min(content.length, maxChars);
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < end) {
    const c = content[i]!;
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    if (python ? content.startsWith('"""', i) || content.startsWith("'''", i) : c === '/' && content[i + 1] === '*') {
      const close = python ? content.slice(i, i + 3) : '*/';
      // The opening line is prose only when the block opens it (`code(); /* … */` is code).
      const from = content.slice(lineStart, i).trim() === '' ? line : line + 1;
      const stop = content.indexOf(close, i + (python ? 3 : 2));
      const last = stop < 0 ? end : Math.min(stop + close.length, end);
      for (let j = i; j < last; j++) {
        if (content[j] === '\n') {
          line++;
          lineStart = j + 1;
        }
      }
      for (let l = from; l <= line; l++) out.add(l);
      i = last;
      continue;
    }
    if (python ? c === '#' : c === '/' && content[i + 1] === '/') {
      const nl = content.indexOf('\n', i);
      i = nl < 0 ? end : nl;
      continue;
    }
    if (c === '"' || c === "'" || (c === '`' && !python)) {
      // A string: to its closing quote on this line (a template literal may span lines).
      let j = i + 1;
      while (j < end && content[j] !== c && (c === '`' || content[j] !== '\n')) {
        if (content[j] === '\\') j++;
        else if (content[j] === '\n') {
          line++;
          lineStart = j + 1;
        }
        j++;
      }
      i = j + 1;
      continue;
    }
    i++;
  }
  return out;
}

/**
 * Each rule reads at most RULE_LINE_CHARS of a line (the length itself is known
 * without reading), and `clock` stops the loop where the commit's time budget ends.
 */
export function styleHits(lines: readonly DiffLine[], ctx: StyleContext, clock = RuleClock.unlimited()): LineHit[] {
  const hits: LineHit[] = [];
  const leftover = ctx.language && !ctx.allowOutput ? leftoverPattern(ctx.language) : undefined;
  let tabIndented = 0;
  let spaceIndented = 0;
  let firstMixed = 0;
  for (const { line, text: full } of lines) {
    const text = ruleHead(full);
    if (clock.expired(line, text.length)) break;
    // A URL cannot be wrapped, and a comment is prose: formatters leave both long (ESLint max-len's
    // ignoreUrls / ignoreComments). zod's 92f47984b joined stacked // comments into single lines: 86 hits, −19.65.
    if (full.length > MAX_LINE_LENGTH && !ctx.markdown && !/https?:\/\//.test(text) && !isCommentLine(text, ctx.language) && !ctx.proseLines?.has(line)) {
      hits.push({ rule: 'max-line-length', line, severity: 'info', message: `line is ${full.length} characters (limit ${MAX_LINE_LENGTH})`, params: { length: full.length, limit: MAX_LINE_LENGTH } });
    }
    // The last character decides; a regex like /[ \t]+$/ would retry every start of a long blank run (quadratic).
    if (!ctx.markdown && endsWithBlank(full) && /\S/.test(text)) {
      hits.push({ rule: 'no-trailing-spaces', line, severity: 'info', message: 'trailing whitespace' });
    }
    if (TODO.test(text) && (COMMENT_START.test(text) || /\/\/|#|\/\*/.test(text))) {
      const marker = TODO.exec(text)?.[1] ?? 'TODO';
      hits.push({ rule: 'no-todo', line, severity: 'info', message: `${marker} added`, params: { marker } });
    }
    if (leftover && leftover.test(text) && !COMMENT_START.test(text)) {
      hits.push({ rule: 'no-debug-leftover', line, severity: 'warning', message: 'debugging/console output left in code' });
    }
    const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
    if (indent.includes('\t') && indent.includes(' ') && / \t/.test(indent)) {
      firstMixed ||= line;
    } else if (indent.startsWith('\t')) tabIndented++;
    else if (indent.length >= 2) spaceIndented++;
  }
  if (firstMixed || (tabIndented > 0 && spaceIndented > 0 && ctx.language !== 'go')) {
    hits.push({ rule: 'no-mixed-indentation', line: firstMixed || (lines[0]?.line ?? 1), severity: 'info', message: 'tabs and spaces mixed in indentation' });
  }
  return hits;
}

/** A space or tab as the last character. */
function endsWithBlank(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last === 32 || last === 9;
}

const JS_LIKE = new Set<LanguageId>(['javascript', 'typescript', 'tsx']);
const SQL = /\b(SELECT\s+[\w*]|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b)/i;

/**
 * Dangerous calls by line: code execution from strings, shells with interpolation, SQL built by
 * concatenation. Only the fallback: where the whole file is parsed, dangerous-calls.ts judges the
 * syntax tree (JS/TS/Python); these rules serve patch-only input, files too large to parse, parse
 * failures, and languages without tree rules.
 */
export function dangerousCallHits(lines: readonly DiffLine[], language: LanguageId | null, clock = RuleClock.unlimited()): LineHit[] {
  const hits: LineHit[] = [];
  for (const { line, text: full } of lines) {
    const text = ruleHead(full);
    if (clock.expired(line, text.length)) break;
    if (COMMENT_START.test(text)) continue;
    const push = (rule: FindingRule, message: string) => hits.push({ rule, line, severity: 'warning', message });
    if (language && JS_LIKE.has(language)) {
      if (/(^|[^.\w])eval\s*\(|\bnew\s+Function\s*\(/.test(text)) push('no-eval', 'code evaluated from a string (eval / new Function)');
      if (/\b(exec|execSync|spawn|spawnSync)\s*\(\s*(`[^`]*\$\{|['"][^'"]*['"]\s*\+)/.test(text) || /\bshell\s*:\s*true/.test(text)) {
        push('no-shell-injection', 'shell command built from interpolated input');
      }
    } else if (language === 'python') {
      if (/(^|[^.\w])(eval|exec)\s*\(/.test(text)) push('no-eval', 'code evaluated from a string (eval / exec)');
      if (/\bos\.(system|popen)\s*\(\s*(f['"]|['"][^'"]*['"]\s*(%|\+|\.format))/.test(text) || /shell\s*=\s*True/.test(text)) {
        push('no-shell-injection', 'shell command built from interpolated input');
      }
    } else if (language === 'ruby') {
      if (/(^|[^.\w])eval\s*[( ]/.test(text)) push('no-eval', 'code evaluated from a string (eval)');
      if (/\b(system|exec|spawn)\s*(?:\(\s*)?"[^"]*#\{|`[^`]*#\{|%x\{/.test(text)) push('no-shell-injection', 'shell command built from interpolated input');
    } else if (language === 'go') {
      const shell = /exec\.Command\(\s*"(?:ba|z)?sh"\s*,\s*"-c"\s*,/.exec(text);
      // The call's arguments up to its `)`, read once (a regex `[^)]*(\+|Sprintf)` would re-read them per occurrence).
      const args = shell ? text.slice(shell.index + shell[0].length).split(')', 1)[0] ?? '' : '';
      if (shell && (args.includes('+') || args.includes('Sprintf'))) push('no-shell-injection', 'shell command built from interpolated input');
    } else if (language === 'c' || language === 'cpp') {
      if (/\b(system|popen)\s*\(/.test(text)) push('no-shell-injection', 'shell command run through system()/popen()');
    }
    if (SQL.test(text) && (/['"`]\s*\+\s*\w|\w\s*\+\s*['"`]/.test(text) || /`[^`]*\$\{/.test(text) || /\bf["']/.test(text) || /["']\s*%\s*[(\w]|\.format\(/.test(text) || /\bString\.format\(|Sprintf\(/.test(text))) {
      push('no-sql-concatenation', 'SQL built by string concatenation/interpolation; use parameters');
    }
  }
  return hits;
}
