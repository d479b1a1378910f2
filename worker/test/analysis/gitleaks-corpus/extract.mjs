#!/usr/bin/env node
// One-off extractor: gitleaks' per-rule test cases → cases.json (README.md in this folder).
//
//   node worker/test/analysis/gitleaks-corpus/extract.mjs <gitleaks git dir>
//
// gitleaks' rule generators (cmd/generate/config/rules/*.go) list, per rule, true
// positives (`tps`) and false positives (`fps`) that its own build checks. This
// script reads those Go files (through `git show`, no checkout needed), evaluates
// the small subset of Go they are written in — string literals, `+`, []string{…},
// append(…), local variables, fmt.Sprintf with %s, and gitleaks' helpers
// utils.GenerateSampleSecret(s) (ported below) and secrets.NewSecret(<regex>) —
// and writes every case as { rule, expected, source, text }.
//
// A random secret from secrets.NewSecret / newPlausibleSecret is NOT generated
// here: it is kept as a slot `⟦re:<regex>⟧` (`⟦plausible:<regex>⟧`) that the loader
// (cases.ts) fills with a seeded generator, so this repository stores no random
// token in a provider's format. Regexes the loader cannot generate (groups,
// alternations), and anything else this script cannot evaluate without Go, are
// skipped and counted in cases.json's `skipped`.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: extract.mjs <gitleaks git dir>');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const commit = git('rev-parse', 'HEAD').trim();
const RULES_DIR = 'cmd/generate/config/rules/';
const files = git('ls-tree', '--name-only', 'HEAD', RULES_DIR)
  .split('\n')
  .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
  .sort();

// --- the generator's subset of regex syntax (cases.ts generates the same) ---
/** Literals, escapes, [classes], quantifiers and a leading (?i): no groups or alternations outside a class. */
export function generatable(pattern) {
  const p = pattern.replace(/^\(\?i\)/, '');
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' || c === ')' || c === '|') return false;
  }
  return !inClass;
}

// --- Go tokens ---------------------------------------------------------------
function tokenize(src) {
  const out = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (src.startsWith('//', i)) i = src.indexOf('\n', i) === -1 ? n : src.indexOf('\n', i);
    else if (src.startsWith('/*', i)) i = src.indexOf('*/', i + 2) + 2;
    else if (c === '`') {
      const e = src.indexOf('`', i + 1);
      out.push({ t: 'str', v: src.slice(i + 1, e).replace(/\r/g, '') });
      i = e + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let v = '';
      while (src[j] !== c) {
        if (src[j] === '\\') {
          const e = src[j + 1];
          const simple = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
          if (e in simple) {
            v += simple[e];
            j += 2;
          } else if (e === 'x') {
            v += String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16));
            j += 4;
          } else if (e === 'u' || e === 'U') {
            const len = e === 'u' ? 4 : 8;
            v += String.fromCodePoint(parseInt(src.slice(j + 2, j + 2 + len), 16));
            j += 2 + len;
          } else {
            v += String.fromCharCode(parseInt(src.slice(j + 1, j + 4), 8));
            j += 4;
          }
        } else v += src[j++];
      }
      out.push({ t: c === '"' ? 'str' : 'rune', v });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_]/.test(src[j])) j++;
      out.push({ t: 'id', v: src.slice(i, j) });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i;
      while (j < n && /[0-9a-fA-FxX_.]/.test(src[j])) j++;
      out.push({ t: 'num', v: src.slice(i, j) });
      i = j;
    } else {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      const op = three === '...' ? three : [':=', '==', '!=', '&&', '||', '<=', '>=', '+=', '++'].includes(two) ? two : c;
      out.push({ t: 'op', v: op });
      i += op.length;
    }
  }
  return out;
}

// --- gitleaks' helpers, ported ------------------------------------------------
// cmd/generate/config/utils/patterns.go
const PATTERN_HELPERS = {
  'utils.Numeric': (size) => `[0-9]{${size}}`,
  'utils.Hex': (size) => `[a-f0-9]{${size}}`,
  'utils.AlphaNumeric': (size) => `[a-z0-9]{${size}}`,
  'utils.AlphaNumericExtendedShort': (size) => `[a-z0-9_-]{${size}}`,
  'utils.AlphaNumericExtended': (size) => `[a-z0-9=_\\-]{${size}}`,
  'utils.AlphaNumericExtendedLong': (size) => `[a-z0-9\\/=_\\+\\-]{${size}}`,
  'utils.Hex8_4_4_4_12': () => '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
};
// cmd/generate/config/utils/generate.go: GenerateSampleSecrets' samples (the ones not marked TODO there), in its order.
const SAMPLE_TEMPLATES = [
  '{i}Token="{s}"',
  '{i}Token = "{s}"',
  '{i}Token={s}',
  '{i}Token = {s}',
  '{\n    "{i}_token": "{s}"\n}',
  '{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}',
  '<{i}Token>\n    {s}\n</{i}Token>',
  '{i}_token: {s}',
  "{i}_token: '{s}'",
  '{i}_token: "{s}"',
  'string {i}Token = "{s}";',
  'var {i}Token string = "{s}"',
  '{i}Token := "{s}"',
  '{i}Token := `{s}`',
  'String {i}Token = "{s}";',
  'var {i}Token = "{s}"',
  '${i}Token .= "{s}"',
  "{i}Token = '{s}'",
  '{i}Token = "{s}"',
  'System.setProperty("{I}_TOKEN", "{s}")',
  '  "{i}Token" => "{s}"',
  '{i}_TOKEN = "{s}"',
  '{i}_TOKEN := "{s}"',
  '{i}_TOKEN ::= "{s}"',
  '{i}_TOKEN :::= "{s}"',
  '{i}_TOKEN ?= "{s}"',
];
const fill = (tpl, i, s) => tpl.replaceAll('{i}', i).replaceAll('{I}', i.toUpperCase()).replaceAll('{s}', s);

// --- a tiny evaluator over the tokens -----------------------------------------
const UNKNOWN = (why) => ({ unknown: why });
const isStr = (v) => typeof v === 'string';

function evaluate(tokens, env) {
  let p = 0;
  const peek = (k = 0) => tokens[p + k];
  const eat = (v) => {
    if (peek()?.v !== v) throw new Error(`expected ${v} at ${p}, got ${peek()?.v}`);
    p++;
  };
  /** Skips a balanced (…), […] or {…} starting at p. */
  const skipBalanced = () => {
    const open = peek().v;
    const close = { '(': ')', '[': ']', '{': '}' }[open];
    let depth = 0;
    do {
      if (peek().v === open) depth++;
      else if (peek().v === close) depth--;
      p++;
    } while (depth > 0);
  };
  const args = () => {
    eat('(');
    const out = [];
    while (peek().v !== ')') {
      const v = expr();
      if (peek()?.v === '...') {
        p++;
        out.push({ spread: v });
      } else out.push(v);
      if (peek().v === ',') p++;
    }
    eat(')');
    return out;
  };
  const call = (name, a) => {
    if (name === 'append') {
      const [base, ...rest] = a;
      if (!Array.isArray(base)) return UNKNOWN('append to an unknown list');
      const items = [...base];
      for (const x of rest) {
        if (x && typeof x === 'object' && 'spread' in x) items.push(...(Array.isArray(x.spread) ? x.spread : [UNKNOWN('spread of an unknown list')]));
        else items.push(x);
      }
      return items;
    }
    if (name in PATTERN_HELPERS) return a.every(isStr) ? PATTERN_HELPERS[name](...a) : UNKNOWN(name);
    if (name === 'secrets.NewSecret' || name === 'newPlausibleSecret') {
      const [re] = a;
      if (!isStr(re) || re.includes('⟦')) return UNKNOWN(`${name} of a computed regex`);
      if (!generatable(re)) return UNKNOWN(`${name}(\`${re}\`): regex with groups or alternations`);
      return `⟦${name === 'newPlausibleSecret' ? 'plausible' : 're'}:${re}⟧`;
    }
    if (name === 'utils.GenerateSampleSecret') return a.every(isStr) ? `${a[0]}_api_token = "${a[1]}"` : UNKNOWN(name);
    if (name === 'utils.GenerateSampleSecrets') return a.every(isStr) ? SAMPLE_TEMPLATES.map((t) => fill(t, a[0], a[1])) : [UNKNOWN(name)];
    if (name === 'fmt.Sprintf') {
      const [format, ...rest] = a;
      if (!isStr(format) || !rest.every(isStr) || /%[^s%]/.test(format)) return UNKNOWN('fmt.Sprintf');
      let k = 0;
      return format.replace(/%[s%]/g, (m) => (m === '%%' ? '%' : rest[k++]));
    }
    if (name === 'strings.Repeat') return isStr(a[0]) && isStr(a[1]) ? a[0].repeat(Number(a[1])) : UNKNOWN(name);
    return UNKNOWN(name);
  };
  function primary() {
    const t = peek();
    if (t.t === 'str') {
      p++;
      return t.v;
    }
    if (t.t === 'num') {
      p++;
      return t.v;
    }
    if (t.v === '[' && peek(1)?.v === ']' && peek(2)?.v === 'string' && peek(3)?.v === '{') {
      p += 3;
      eat('{');
      const items = [];
      while (peek().v !== '}') {
        items.push(expr());
        if (peek().v === ',') p++;
      }
      eat('}');
      return items;
    }
    if (t.v === 'map' || t.v === '[' || t.v === '&' || t.v === '*') {
      // map[string]string{…} (path cases), []*regexp.Regexp{…}, &config.Rule{…}…
      while (peek() && peek().v !== '{' && peek().v !== '(') {
        if (peek().v === '[') skipBalanced();
        else p++;
      }
      if (peek()?.v === '{' || peek()?.v === '(') skipBalanced();
      return UNKNOWN(t.v === 'map' ? 'map of paths' : 'composite');
    }
    if (t.t === 'id') {
      let name = t.v;
      p++;
      while (peek()?.v === '.' && peek(1)?.t === 'id') {
        name += `.${peek(1).v}`;
        p += 2;
      }
      if (peek()?.v === '(') return call(name, args());
      if (peek()?.v === '{') {
        skipBalanced();
        return UNKNOWN(`${name}{…}`);
      }
      if (name in env) return env[name];
      return UNKNOWN(`variable ${name}`);
    }
    if (t.v === '(') {
      p++;
      const v = expr();
      eat(')');
      return v;
    }
    throw new Error(`unexpected ${t.v}`);
  }
  function expr() {
    let v = primary();
    while (peek()?.v === '+') {
      p++;
      const r = primary();
      v = isStr(v) && isStr(r) ? v + r : UNKNOWN(isStr(v) ? (r.unknown ?? 'concatenation') : (v.unknown ?? 'concatenation'));
    }
    return v;
  }
  return { expr, get pos() { return p; } };
}

// --- walk every rule function ---------------------------------------------------
const cases = [];
const skipped = { total: 0, byReason: {}, byRule: {} };
const rulesSeen = new Set();
for (const file of files) {
  const tokens = tokenize(git('show', `HEAD:${file}`));
  let rule = null;
  let env = {};
  const flush = (name, value) => {
    if (!rule || (name !== 'tps' && name !== 'fps')) return;
    rulesSeen.add(rule);
    // Values of tps/fps are the whole list each time (append returns base + new): keep the last, so record at function end.
    env[`#${name}`] = value;
  };
  const endFunction = () => {
    if (rule) {
      for (const [name, expected] of [['#tps', 'secret'], ['#fps', 'clean']]) {
        const list = env[name];
        if (list === undefined) continue;
        for (const item of Array.isArray(list) ? list : [list]) {
          if (isStr(item)) cases.push({ rule, expected, source: item.includes('⟦') ? 'generated' : 'literal', text: item });
          else {
            const why = item?.unknown ?? 'not a string';
            skipped.total++;
            skipped.byReason[why.replace(/\(`.*$/, '(…)')] = (skipped.byReason[why.replace(/\(`.*$/, '(…)')] ?? 0) + 1;
            skipped.byRule[rule] = (skipped.byRule[rule] ?? 0) + 1;
          }
        }
      }
    }
    rule = null;
    env = {};
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.v === 'func' && tokens[i - 1]?.v !== '=' && tokens[i - 1]?.v !== '(') {
      endFunction();
      continue;
    }
    if (t.v === 'RuleID' && tokens[i + 1]?.v === ':' && tokens[i + 2]?.t === 'str') {
      rule = tokens[i + 2].v;
      continue;
    }
    if (t.t === 'id' && (tokens[i + 1]?.v === ':=' || (tokens[i + 1]?.v === '=' && tokens[i - 1]?.v !== 'var'))) {
      // Only statements (after a newline-ish boundary): a name then := or =.
      const ev = evaluate(tokens.slice(i + 2), env);
      try {
        const v = ev.expr();
        env[t.v] = v;
        flush(t.v, v);
        // A value read whole is skipped; an unknown one (a struct literal…) is walked into, for its RuleID.
        if (isStr(v) || Array.isArray(v)) i += 1 + ev.pos;
      } catch {
        // Not an expression this evaluator reads (a struct literal, a closure…): leave it.
      }
    }
  }
  endFunction();
}

// Stable order: by rule, then as written.
cases.sort((a, b) => a.rule.localeCompare(b.rule));
const out = {
  source: 'https://github.com/gitleaks/gitleaks',
  commit,
  licence: 'MIT (LICENSE in this folder)',
  generatedBy: 'worker/test/analysis/gitleaks-corpus/extract.mjs',
  rules: rulesSeen.size,
  counts: {
    secret: cases.filter((c) => c.expected === 'secret').length,
    clean: cases.filter((c) => c.expected === 'clean').length,
    literal: cases.filter((c) => c.source === 'literal').length,
    generated: cases.filter((c) => c.source === 'generated').length,
  },
  skipped,
  cases,
};
const target = join(dirname(fileURLToPath(import.meta.url)), 'cases.json');
writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
console.log(`${cases.length} cases (${out.counts.secret} secret, ${out.counts.clean} clean; ${out.counts.literal} literal, ${out.counts.generated} with generated slots) over ${rulesSeen.size} rules from ${commit}; skipped ${skipped.total}`);
console.log(skipped.byReason);
