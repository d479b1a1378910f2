/**
 * Issue 15: no regex of the analysis engine may backtrack super-linearly. The
 * line rules run on the worker's main thread over attacker-controlled text, and
 * one cubic regex on a 3.2 KB line took 3.8 s. Every regex literal and
 * `new RegExp` under worker/src/analysis (regex-inventory.ts finds them in the
 * source, so a new one is checked without being listed), plus the `#match?`
 * patterns of the tree-sitter queries, goes through recheck, which finds
 * polynomial as well as exponential backtracking; "unknown" fails too.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { queryMatchPatterns } from '../../src/analysis/dangerous-calls.ts';
import { inventoryOfFiles, inventoryOfSource, sourceFiles, type FoundRegex } from './regex-inventory.ts';

const WORKER = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ANALYSIS = join(WORKER, 'src', 'analysis');

/**
 * recheck's verdict in one line: 'safe', or why not. recheck picks its exact
 * automaton analysis or, for patterns too large for it, fuzzing; fuzzing is a
 * heuristic that a loaded machine can fool, so a fuzzed or timed-out "not safe"
 * is checked again with limits raised for the exact analysis, whose answer stands.
 */
async function verdict(source: string, flags: string): Promise<string> {
  let r = await check(source, flags, { timeout: 30_000 });
  if (r.status === 'unknown' || (r.status === 'vulnerable' && r.complexity.isFuzz)) {
    r = await check(source, flags, { timeout: 60_000, checker: 'automaton', maxRepeatCount: 400, maxNFASize: 400_000 });
  }
  if (r.status === 'safe') return 'safe';
  if (r.status === 'vulnerable') return `${r.complexity.summary} (attack: ${r.attack.pattern.slice(0, 60)})`;
  return `unknown: ${r.error.kind}`;
}

/** The regexes that are not linear, with recheck's reason. */
async function unsafe(regexes: readonly FoundRegex[]): Promise<string[]> {
  const out: string[] = [];
  // Distinct patterns once each, one at a time: checks run side by side starve each other into timeouts.
  const seen = new Map<string, string>();
  for (const r of regexes) {
    const key = `${r.flags}/${r.source}`;
    let v = seen.get(key);
    if (v === undefined) {
      v = await verdict(r.source, r.flags);
      seen.set(key, v);
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

  it('recheck finds no super-linear backtracking in any of them', { timeout: 240_000 }, async () => {
    const queries = queryMatchPatterns().map((source, i) => ({ where: `dangerous-calls.ts query #match? ${i + 1}`, source, flags: '' }));
    expect(queries.length).toBeGreaterThan(0);
    expect(await unsafe([...inventory.regexes, ...queries])).toEqual([]);
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
