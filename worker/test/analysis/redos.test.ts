/**
 * Issue 15: no regex of the analysis engine may backtrack super-linearly. The
 * line rules run on the worker's main thread over attacker-controlled text, and
 * one cubic regex on a 3.2 KB line took 3.8 s. Every regex literal and
 * `new RegExp` under worker/src/analysis (regex-inventory.ts finds them in the
 * source, so a new one is checked without being listed), plus the `#match?`
 * patterns of the tree-sitter queries, goes through recheck, which finds
 * polynomial as well as exponential backtracking; "unknown" fails too.
 *
 * recheck's verdicts are kept in redos-verdicts.json, keyed by the exact pattern
 * and flags and by recheck's version: a pattern whose text is unchanged since
 * recheck called it safe is not analysed again (a few of them take recheck a
 * minute and more on a 2-core machine, which made this file the slowest of
 * `npm test`). A new or edited regex is not in the file, so it is analysed here,
 * and fails the test unless safe. `REDOS_FULL=1` analyses every pattern again;
 * `REDOS_RECORD=1` does that and rewrites the file (after a recheck upgrade,
 * or to add new patterns once they pass).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { queryMatchPatterns } from '../../src/analysis/dangerous-calls.ts';
import { inventoryOfFiles, inventoryOfSource, sourceFiles, type FoundRegex } from './regex-inventory.ts';

const WORKER = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ANALYSIS = join(WORKER, 'src', 'analysis');
const RECORD_FILE = join(dirname(fileURLToPath(import.meta.url)), 'redos-verdicts.json');
const RECHECK_VERSION = (createRequire(import.meta.url)('recheck/package.json') as { version: string }).version;
const FULL = process.env.REDOS_FULL === '1' || process.env.REDOS_RECORD === '1';

interface Recorded {
  recheck: string;
  /** `<flags>/<source>` of every pattern recheck called safe. */
  safe: string[];
}

function recorded(): Set<string> {
  if (FULL) return new Set();
  const r = JSON.parse(readFileSync(RECORD_FILE, 'utf8')) as Recorded;
  return r.recheck === RECHECK_VERSION ? new Set(r.safe) : new Set();
}

/**
 * recheck's verdict in one line: 'safe', or why not. recheck picks its exact
 * automaton analysis or, for patterns too large for it, fuzzing; fuzzing is a
 * heuristic that a loaded machine can fool, so a fuzzed or timed-out "not safe"
 * is checked again with limits raised for the exact analysis, whose answer stands.
 */
async function verdict(source: string, flags: string): Promise<string> {
  let r = await check(source, flags, { timeout: 30_000 });
  if (r.status === 'unknown' || (r.status === 'vulnerable' && r.complexity.isFuzz)) {
    // Recording (REDOS_RECORD) is done once, so it may wait as long as the exact analysis needs.
    r = await check(source, flags, { timeout: FULL ? 900_000 : 60_000, checker: 'automaton', maxRepeatCount: 400, maxNFASize: 400_000 });
  }
  if (r.status === 'safe') return 'safe';
  if (r.status === 'vulnerable') return `${r.complexity.summary} (attack: ${r.attack.pattern.slice(0, 60)})`;
  return `unknown: ${r.error.kind}`;
}

/**
 * The regexes that are not linear, with recheck's reason; `known` holds patterns recheck already called
 * safe (redos-verdicts.json), which are not analysed again. `checked` receives every pattern analysed here.
 */
async function unsafe(regexes: readonly FoundRegex[], known: ReadonlySet<string> = new Set(), checked = new Map<string, string>()): Promise<string[]> {
  const out: string[] = [];
  // Distinct patterns once each, one at a time: checks run side by side starve each other into timeouts.
  for (const r of regexes) {
    const key = `${r.flags}/${r.source}`;
    if (known.has(key)) continue;
    let v = checked.get(key);
    if (v === undefined) {
      v = await verdict(r.source, r.flags);
      checked.set(key, v);
    }
    if (v !== 'safe') out.push(`${r.where} /${r.source}/${r.flags}: ${v}`);
  }
  return out;
}

describe('ReDoS: every regex of the analysis engine is linear', () => {
  const inventory = inventoryOfFiles(sourceFiles(ANALYSIS), WORKER);

  it('finds the regexes in the source, and none is built at run time from data', () => {
    expect(inventory.unresolved).toEqual([]);
    // A sanity floor: the rule tables alone hold well over a hundred.
    expect(inventory.regexes.length).toBeGreaterThan(100);
    const files = new Set(inventory.regexes.map((r) => r.where.split(':')[0]));
    for (const f of ['src/analysis/secrets.ts', 'src/analysis/style-rules.ts', 'src/analysis/file-kinds.ts']) expect(files).toContain(f);
  });

  it('recheck finds no super-linear backtracking in any of them', { timeout: FULL ? 1_800_000 : 240_000 }, async () => {
    const queries = queryMatchPatterns().map((source, i) => ({ where: `dangerous-calls.ts query #match? ${i + 1}`, source, flags: '' }));
    expect(queries.length).toBeGreaterThan(0);
    const all = [...inventory.regexes, ...queries];
    const known = recorded();
    const checked = new Map<string, string>();
    const found = await unsafe(all, known, checked);
    console.info(`[redos] ${checked.size} patterns analysed by recheck ${RECHECK_VERSION}, ${new Set(all.map((r) => `${r.flags}/${r.source}`)).size - checked.size} known safe from redos-verdicts.json`);
    if (process.env.REDOS_RECORD === '1' && found.length === 0) {
      const safe = [...checked].filter(([, v]) => v === 'safe').map(([k]) => k).sort();
      writeFileSync(RECORD_FILE, `${JSON.stringify({ recheck: RECHECK_VERSION, safe } satisfies Recorded, null, 1)}\n`);
    }
    expect(found).toEqual([]);
  });

  it('redos-verdicts.json only lets through patterns with exactly the recorded text', async () => {
    const known = new Set(['/a+b']);
    const edited: FoundRegex[] = [{ where: 'edited.ts:1', source: '(a+)+b', flags: '' }];
    expect(await unsafe([{ where: 'same.ts:1', source: 'a+b', flags: '' }], known)).toEqual([]);
    expect((await unsafe(edited, known))[0]).toMatch(/^edited\.ts:1 \/\(a\+\)\+b\/: exponential/);
  });

  it('would catch a new unsafe regex: the inventory sees it and recheck rejects it', { timeout: 60_000 }, async () => {
    // The two regexes issue 15 was found with, as they would appear in a rule file.
    const source = [
      "const TRAILING = /[ \\t]+$/;",
      'const DEP = new RegExp(String.raw`^\\s*"(@?[\\w./-]+)"\\s*:\\s*"[\\^~<>=*\\w.:/#+-]*\\d[^"]*"\\s*,?\\s*$`);',
      'const BUILT = new RegExp(names.join("|"));',
    ].join('\n');
    const found = inventoryOfSource(source, 'new-rule.ts');
    expect(found.regexes.map((r) => r.where)).toEqual(['new-rule.ts:1', 'new-rule.ts:2']);
    expect(found.unresolved).toEqual(['new-rule.ts:3: new RegExp(names.join("|"))']);
    const verdicts = await unsafe(found.regexes);
    expect(verdicts).toHaveLength(2);
    expect(verdicts[0]).toMatch(/2nd degree polynomial/);
    expect(verdicts[1]).toMatch(/3rd degree polynomial/);
  });
});
