/**
 * Issue 15, secrets: recall and precision of scanSecrets on the labelled
 * corpus (secrets-corpus.ts), at least 0.95 each. On failure the message lists
 * the misses by kind and the false alarms, so the rule to fix is obvious.
 */
import { describe, expect, it } from 'vitest';
import { SECRET_KINDS, scanSecrets } from '../../src/analysis/secrets.ts';
import { GENERATORS, rng, validTokenChecksum } from './fake-secrets.ts';
import { loadSecretsCorpus, score, type Finding, type LabelledFile } from './secrets-corpus.ts';

const corpus = loadSecretsCorpus();
const GOAL = 0.95;

function ourFindings(file: LabelledFile, text = file.text): Finding[] {
  const lines = text.split('\n').map((t, i) => ({ line: i + 1, text: t }));
  return scanSecrets(lines, { path: file.path }).map((h) => ({ start: h.line, end: h.line, rule: h.rule }));
}

describe('the secrets corpus', () => {
  it('has at least 100 files over at least 30 kinds, every label a kind the scanner knows', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    const kinds = new Set(corpus.flatMap((f) => [...f.labels.values()]));
    expect(kinds.size).toBeGreaterThanOrEqual(30);
    expect([...kinds].filter((k) => !SECRET_KINDS.includes(k))).toEqual([]);
    for (const f of corpus) {
      const lines = f.text.split('\n');
      for (const line of f.labels.keys()) expect(lines[line - 1]?.trim(), `${f.path}:${line}`).toBeTruthy();
    }
  });

  it('stores no secret: only slots, which expand the same on every load', () => {
    // Every file with a secret gets it from a slot.
    for (const f of corpus) if (f.labels.size > 0) expect(f.text, f.path).not.toBe(f.template);
    // Scanning the stored templates finds nothing: the repository itself trips no scanner.
    const found = corpus.flatMap((f) => ourFindings(f, f.template).map((h) => `${f.path}:${h.start} ${h.rule}`));
    expect(found).toEqual([]);
    expect(loadSecretsCorpus().map((f) => f.text)).toEqual(corpus.map((f) => f.text));
  });

  it('generates GitHub and npm tokens with a valid CRC32 checksum', () => {
    for (let i = 0; i < 50; i++) {
      expect(validTokenChecksum(GENERATORS.github?.(rng(i), 'ghp') ?? '')).toBe(true);
      expect(validTokenChecksum(GENERATORS.npm?.(rng(i)) ?? '')).toBe(true);
    }
    expect(validTokenChecksum('ghp_' + '16C7e42F292c6912E7710c838347Ae178B4a')).toBe(false); // GitHub's documentation example
  });
});

describe('scanSecrets on the corpus', () => {
  const result = score(corpus, (f) => ourFindings(f));

  it(`finds at least ${GOAL} of the secrets, per kind listed on failure`, () => {
    const misses = [...result.missesByKind].map(([kind, where]) => `${kind}: ${where.join(' ')}`);
    expect(result.recall, `recall ${result.recall.toFixed(3)}; missed:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(GOAL);
  });

  it(`is right at least ${GOAL} of the time it fires`, () => {
    expect(result.precision, `precision ${result.precision.toFixed(3)}; false alarms:\n${result.falseAlarms.join('\n')}`).toBeGreaterThanOrEqual(GOAL);
  });

  it('names the kind the label says on nearly every secret it finds', () => {
    expect(result.kindMismatches.length, result.kindMismatches.join('\n')).toBeLessThanOrEqual(Math.floor(0.05 * result.truePositives));
  });

  it('never echoes a secret: the mask keeps at most the public prefix', () => {
    for (const f of corpus) {
      const lines = f.text.split('\n');
      for (const h of scanSecrets(lines.map((t, i) => ({ line: i + 1, text: t })), { path: f.path })) {
        expect(h.masked).toMatch(/… \(\d+ chars\)$/);
        const visible = h.masked.slice(0, h.masked.indexOf('…'));
        expect(visible.length).toBeLessThanOrEqual(15);
      }
    }
  });
});
