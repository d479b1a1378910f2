/**
 * The bounds of the line rules (line-budget.ts, issue 15) one by one; the
 * pathological commits test holds them together through the engine.
 */
import { describe, expect, it } from 'vitest';
import { listSkipped } from '../../src/analysis/aggregate.ts';
import { classifyFile } from '../../src/analysis/classify-files.ts';
import { formatBytes, prefixLines, RuleClock, ruleHead } from '../../src/analysis/line-budget.ts';
import { styleHits } from '../../src/analysis/style-rules.ts';

describe('line budget', () => {
  it('a clock that has run out stops a rule where it is, and remembers the first unread line', () => {
    const clock = new RuleClock(performance.now() - 1, 5);
    const lines = Array.from({ length: 500 }, (_, i) => ({ line: i + 1, text: `x = 1; // TODO ${i}` }));
    const hits = styleHits(lines, { language: 'typescript', allowOutput: false, markdown: false }, clock);
    // The clock is read every ~16 K characters of work, so a few lines pass before it notices.
    expect(hits.length).toBeLessThan(100);
    expect(clock.stoppedAt).toBe(hits.length + 1);
    expect(RuleClock.unlimited().expired(1, 1e9)).toBe(false);
  });

  it('reads the head of a line and a prefix of whole lines', () => {
    expect(ruleHead('a'.repeat(5000)).length).toBe(4096);
    expect(prefixLines('one\ntwo\nthree\n', 9)).toEqual({ text: 'one\ntwo', cut: true });
    expect(prefixLines('short', 9)).toEqual({ text: 'short', cut: false });
    expect(formatBytes(1024 * 1024)).toBe('1 MiB');
  });

  it('lists what classifyFile did not read: the tail beyond the byte budget', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `const v${i} = ${i};`);
    const c = classifyFile({ path: 'src/a.ts', status: 'added', additions: 100, deletions: 0, patch: `@@ -0,0 +1,100 @@\n+${lines.join('\n+')}` }, { maxLineRuleBytes: 200 });
    expect(c.type).toBe('source');
    if (c.type === 'source') {
      expect(c.source.changes.added.length).toBeLessThan(20);
      expect(c.limits).toEqual([
        { path: 'src/a.ts', reason: expect.stringMatching(/^changes larger than the 200 B the line rules read per file: lines after \d+ not checked$/), code: 'line_bytes', params: { size: '200 B', line: expect.any(Number) } },
      ]);
      expect(c.limits[0]!.reason).toContain(`lines after ${c.limits[0]!.params!.line} not checked`);
    }
  });

  it('keeps the skipped list short: 100 entries, then one count per reason', () => {
    const skipped = Array.from({ length: 250 }, (_, i) => ({ path: `f${i}`, reason: i < 200 ? 'time budget (10 ms) exhausted' : 'binary' }));
    const listed = listSkipped(skipped);
    expect(listed).toHaveLength(102);
    expect(listed.slice(100)).toEqual([
      { path: '(100 more files)', reason: 'time budget (10 ms) exhausted', more: 100 },
      { path: '(50 more files)', reason: 'binary', more: 50 },
    ]);
    expect(listSkipped(skipped.slice(0, 3))).toEqual(skipped.slice(0, 3));
  });
});
