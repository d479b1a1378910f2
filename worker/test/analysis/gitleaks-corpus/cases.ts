/**
 * The gitleaks corpus (README.md in this folder): gitleaks' own per-rule true
 * and false positives, extracted by extract.mjs into cases.json. Loading fills
 * the `⟦re:<regex>⟧` slots — gitleaks' secrets.NewSecret(<regex>) — with a
 * generator seeded by the case, so every load gives the same texts and the
 * repository stores no random token in a provider's format.
 *
 * Each case becomes one small file whose name follows the text's shape
 * (fileFor): XML, JSON, YAML, `name = value` lines, else source code.
 * Shared by gitleaks-corpus.test.ts and the bench (bench/analysis/run.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GitleaksCase {
  /** gitleaks' rule id. */
  rule: string;
  expected: 'secret' | 'clean';
  /** `literal`: written out in gitleaks' source; `generated`: holds slots filled here. */
  source: 'literal' | 'generated';
  /** The case as a scanner sees it: slots filled. */
  text: string;
  /** As stored. */
  template: string;
  /** The file it is scanned as (fileFor). */
  path: string;
  /** Position in cases.json, for messages. */
  index: number;
}

interface CasesJson {
  commit: string;
  rules: number;
  skipped: { total: number; byReason: Record<string, number> };
  cases: { rule: string; expected: 'secret' | 'clean'; source: 'literal' | 'generated'; text: string }[];
}

const CASES = join(dirname(fileURLToPath(import.meta.url)), 'cases.json');

export function readCasesJson(): CasesJson {
  return JSON.parse(readFileSync(CASES, 'utf8')) as CasesJson;
}

export function loadGitleaksCases(): GitleaksCase[] {
  return readCasesJson().cases.map((c, index) => {
    const text = fillSlots(c.text, seed(`${c.rule}#${index}`));
    return { ...c, template: c.text, text, path: fileFor(text), index };
  });
}

/**
 * The file a case is scanned as, from its shape — the same rule for every case:
 * `<…` XML, `{…` JSON, `name: value` YAML, `name = value` / `name=value` a
 * dotenv/INI line, anything else source code.
 */
export function fileFor(text: string): string {
  const first = text.trimStart();
  if (first.startsWith('<')) return 'config/settings.xml';
  if (first.startsWith('{')) return 'config/settings.json';
  if (/^[\w.-]+:[ \t]/.test(first)) return 'config/settings.yml';
  if (/^[\w.-]+[ \t]*=/.test(first)) return '.env';
  return 'src/app.ts';
}

// --- slots -------------------------------------------------------------------

function seed(s: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  let x = h >>> 0 || 1;
  // xorshift32
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

export function fillSlots(template: string, random: () => number): string {
  return template.replace(/⟦(re|plausible):([^⟧]*)⟧/g, (_, kind: string, re: string) => {
    for (let attempt = 0; ; attempt++) {
      const s = generate(re, random);
      // gitleaks' newPlausibleSecret (cmd/generate/config/rules/generic.go) retries until a digit 1–9 is in.
      if (kind === 're' || /[1-9]/.test(s) || attempt > 50) return s;
    }
  });
}

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const WORD = `${LOWER}${UPPER}${DIGITS}_`;

/** A string matching `re`: literals, escapes, [classes], `.`, quantifiers; (?i) flips letters' case at random. */
export function generate(re: string, random: () => number): string {
  const ci = re.startsWith('(?i)');
  const p = ci ? re.slice(4) : re;
  const pick = (chars: string) => chars[Math.floor(random() * chars.length)] ?? '';
  let out = '';
  let i = 0;
  while (i < p.length) {
    let chars: string;
    const c = p[i] as string;
    if (c === '\\') {
      chars = escapeClass(p[i + 1] ?? '');
      i += 2;
    } else if (c === '[') {
      const close = classEnd(p, i);
      chars = expandClass(p.slice(i + 1, close));
      i = close + 1;
    } else if (c === '.') {
      chars = `${LOWER}${DIGITS}`;
      i++;
    } else {
      chars = c;
      i++;
    }
    let min = 1;
    let max = 1;
    const q = /^(?:\{(\d+)(?:(,)(\d*))?\}|([?*+]))/.exec(p.slice(i));
    if (q) {
      i += q[0].length;
      if (q[4] === '?') [min, max] = [0, 1];
      else if (q[4] === '*') [min, max] = [0, 8];
      else if (q[4] === '+') [min, max] = [1, 8];
      else {
        min = Number(q[1]);
        max = q[2] ? (q[3] ? Number(q[3]) : min + 8) : min;
      }
    }
    const n = min + Math.floor(random() * (max - min + 1));
    for (let k = 0; k < n; k++) {
      const ch = pick(chars);
      out += ci && random() < 0.5 ? (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) : ch;
    }
  }
  return out;
}

function escapeClass(e: string): string {
  if (e === 'd') return DIGITS;
  if (e === 'w') return WORD;
  if (e === 's') return ' ';
  return e;
}

function classEnd(p: string, open: number): number {
  for (let i = open + 1; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']' && i > open + 1) return i;
  }
  throw new Error(`unclosed class in ${p}`);
}

function expandClass(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    let c = body[i] as string;
    if (c === '\\') {
      const e = escapeClass(body[i + 1] ?? '');
      i++;
      if (e.length > 1) {
        out += e;
        continue;
      }
      c = e;
    }
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const end = body[i + 2] === '\\' ? (body[i + 3] ?? '') : (body[i + 2] as string);
      for (let k = c.charCodeAt(0); k <= end.charCodeAt(0); k++) out += String.fromCharCode(k);
      i += body[i + 2] === '\\' ? 3 : 2;
    } else out += c;
  }
  return out;
}
