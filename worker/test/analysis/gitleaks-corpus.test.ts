/**
 * Issue 15, secrets, on a corpus nobody here wrote: gitleaks' own per-rule true
 * and false positives (gitleaks-corpus/README.md), each case scanned as one
 * small file. Recall: a positive counts as found when any finding is in it.
 * Precision: found / (found + findings on negatives). Both ≥ 0.95 on the cases
 * in scope (gitleaks-corpus/scope.ts lists every rule and case set aside, with
 * the reason); the per-rule misses and false alarms are printed either way.
 */
import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../src/analysis/secrets.ts';
import { loadGitleaksCases, readCasesJson, type GitleaksCase } from './gitleaks-corpus/cases.ts';
import { NAMED_FAMILIES, OTHER_FAMILY, OUT_OF_SCOPE, PLACEHOLDER_SAMPLES, exclusion, scoreCases, type CaseScore } from './gitleaks-corpus/scope.ts';

const GOAL = 0.95;
const all = loadGitleaksCases();
const inScope = all.filter((c) => exclusion(c) === null);

function findings(c: GitleaksCase) {
  return scanSecrets(c.text.split('\n').map((text, i) => ({ line: i + 1, text })), { path: c.path });
}

function report(title: string, s: CaseScore): string {
  const lines = [`${title}: recall ${s.recall.toFixed(3)} (${s.found}/${s.found + s.missed}), precision ${s.precision.toFixed(3)} (${s.falseAlarms} false alarms on ${s.flaggedNegatives} of ${s.negatives} negatives)`];
  for (const [rule, misses] of [...s.missesByRule].sort(([a], [b]) => a.localeCompare(b))) lines.push(`  missed ${rule} (${misses.length}): ${misses.slice(0, 3).join(' | ')}`);
  for (const [rule, alarms] of [...s.falseAlarmsByRule].sort(([a], [b]) => a.localeCompare(b))) lines.push(`  false alarm ${rule} (${alarms.length}): ${alarms.slice(0, 3).join(' | ')}`);
  return lines.join('\n');
}

describe('the gitleaks corpus', () => {
  const json = readCasesJson();

  it('holds gitleaks cases over many rules, from a pinned commit, with the skipped ones counted', () => {
    expect(json.commit).toMatch(/^[0-9a-f]{40}$/);
    const rules = new Set(all.map((c) => c.rule));
    expect(rules.size).toBeGreaterThanOrEqual(30);
    expect(all.filter((c) => c.expected === 'secret').length).toBeGreaterThanOrEqual(300);
    expect(all.filter((c) => c.expected === 'clean').length).toBeGreaterThanOrEqual(100);
    expect(json.skipped.total).toBe(Object.values(json.skipped.byReason).reduce((a, b) => a + b, 0));
    // Slots are filled the same on every load, and none is left.
    expect(loadGitleaksCases().map((c) => c.text)).toEqual(all.map((c) => c.text));
    expect(all.filter((c) => c.text.includes('⟦'))).toEqual([]);
  });

  it('sets aside only rules and samples that exist, and never a family the issue names', () => {
    const rules = new Set(all.map((c) => c.rule));
    expect(Object.keys(OUT_OF_SCOPE).filter((r) => !rules.has(r))).toEqual([]);
    for (const p of PLACEHOLDER_SAMPLES) expect(all.some((c) => c.text.includes(p.value)), p.value).toBe(true);
    for (const o of OTHER_FAMILY) expect(all.some((c) => c.rule === o.rule && c.expected === 'clean' && o.text.test(c.text)), o.rule).toBe(true);
    for (const family of NAMED_FAMILIES) {
      expect(OUT_OF_SCOPE[family], family).toBeUndefined();
      expect(inScope.filter((c) => c.rule === family && c.expected === 'secret').length, family).toBeGreaterThan(0);
    }
    // Most of the corpus is scored: what is set aside stays the exception.
    expect(inScope.length).toBeGreaterThanOrEqual(0.85 * all.length);
    expect(new Set(inScope.map((c) => c.rule)).size).toBeGreaterThanOrEqual(150);
  });
});

describe('scanSecrets on the gitleaks corpus', () => {
  const scored = scoreCases(inScope, findings);
  const whole = scoreCases(all, findings);
  // Printed on every run: the figures the README quotes, and what to fix next.
  console.log(`${report('gitleaks corpus, in scope', scored)}\n${report('gitleaks corpus, every case (for reference)', whole).split('\n')[0]}`);

  it(`finds at least ${GOAL} of the secrets in scope, misses listed per rule`, () => {
    expect(scored.recall, report('in scope', scored)).toBeGreaterThanOrEqual(GOAL);
  });

  it(`is right at least ${GOAL} of the time it fires`, () => {
    expect(scored.precision, report('in scope', scored)).toBeGreaterThanOrEqual(GOAL);
  });

  it("finds every named family's positives nearly all the time", () => {
    for (const family of NAMED_FAMILIES) {
      const s = scoreCases(
        inScope.filter((c) => c.rule === family),
        findings,
      );
      // Known curl gaps: an API key as the user with no password (`-u "key:"`), and `{user}:{password}` in braces.
      expect(s.recall, report(family, s)).toBeGreaterThanOrEqual(family === 'curl-auth-user' ? 0.8 : GOAL);
    }
  });

  it('never echoes a secret: the mask keeps at most the public prefix', () => {
    for (const c of inScope.filter((x) => x.expected === 'secret')) {
      for (const h of findings(c)) {
        expect(h.masked).toMatch(/… \(\d+ chars\)$/);
        const visible = h.masked.slice(0, h.masked.indexOf('…'));
        expect(visible.length).toBeLessThanOrEqual(15);
      }
    }
  });
});
