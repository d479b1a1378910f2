/**
 * A PR check's detail in German (pr-checks.tsx's ReportBody): the report's reasons, findings and
 * secrets are worded from their codes and params (worker/src/checks/report.ts puts them beside
 * the English), the server's English where a finding has no params or the reader reads English.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Fragment, type ComponentChild, type VNode } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { readReport } from '../shared/check-report.ts';
import { fillMessage } from '../shared/i18n.ts';
import { ReportBody } from './pr-checks.tsx';
import * as lines from './server-lines.ts';

const de = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/de/messages.json'), 'utf8')) as Record<string, { message: string }>;

/** The report as worker/src/checks/report.ts writes it (the API passes it through). */
const report = {
  predictedDelta: -11,
  summary: 'merging: −11 · 1 secret · no tests',
  reasons: ['1 secret(s) added', 'predicted health delta -11 ≤ -10'],
  reasonCodes: [
    { code: 'secrets', params: { count: 1 } },
    { code: 'delta_fail', params: { delta: -11, limit: -10 } },
  ],
  complexFunctions: 0,
  files: [
    {
      path: 'src/a.ts',
      findings: [
        { rule: 'deep-nesting', severity: 'warning', group: 'complexity', function: 'walk', line: 7, message: 'nesting depth 6 (limit 4)', params: { depth: 6, limit: 4 } },
        { rule: 'max-line-length', severity: 'info', group: 'style', function: null, line: 9, message: 'line is 140 characters (stored before params)' },
      ],
    },
  ],
  tests: { codeChanged: true, testsChanged: false, codeFiles: 1, testFiles: 0 },
  secrets: [{ file: 'src/k.ts', line: 2, rule: 'secret/github-pat', message: 'GitHub token added (ghp_…)', params: { description: 'GitHub token', masked: 'ghp_…' } }],
  skippedFiles: [],
  partialReasons: [],
  ci: { runs: [], failing: 0, pending: 0, medianDurationS: null, unreadable: [] },
  ai: { coAuthoredCommits: 0, assistants: [], prAuthorIsAgent: false, agent: null },
  commits: [{ sha: 'a' }],
};

/** The text of every element under `v` with `data-testid` `id`, one string per list item. */
function items(v: ComponentChild, id: string): string[] {
  const found: string[] = [];
  const text = (c: ComponentChild): string =>
    c == null || typeof c === 'boolean' ? '' : typeof c === 'string' || typeof c === 'number' ? String(c) : Array.isArray(c) ? c.map(text).join('') : text((c as VNode<{ children?: ComponentChild }>).props.children);
  const walk = (c: ComponentChild, inside: boolean): void => {
    if (Array.isArray(c)) return c.forEach((x) => walk(x, inside));
    if (!c || typeof c !== 'object') return;
    const node = c as VNode<{ children?: ComponentChild; 'data-testid'?: string }>;
    if (typeof node.type === 'function' && node.type !== Fragment) throw new Error('ReportBody renders elements only');
    const here = inside || node.props['data-testid'] === id;
    if (here && node.type === 'li' && !(Array.isArray(node.props.children) && node.props.children.some((x) => (x as VNode | null)?.type === 'ul'))) found.push(text(node).replace(/\s+/g, ' ').trim());
    walk(node.props.children, here);
  };
  walk(v, false);
  return found;
}

/** The text of the element with `data-testid` `id` (a paragraph). */
function paragraph(v: ComponentChild, id: string): string {
  const text = (c: ComponentChild): string =>
    c == null || typeof c === 'boolean' ? '' : typeof c === 'string' || typeof c === 'number' ? String(c) : Array.isArray(c) ? c.map(text).join('') : text((c as VNode<{ children?: ComponentChild }>).props.children);
  const find = (c: ComponentChild): string | null => {
    if (Array.isArray(c)) return c.map(find).find((x) => x !== null) ?? null;
    if (!c || typeof c !== 'object') return null;
    const node = c as VNode<{ children?: ComponentChild; 'data-testid'?: string }>;
    return node.props['data-testid'] === id ? text(node).replace(/\s+/g, ' ').trim() : find(node.props.children);
  };
  return find(v) ?? '';
}

const g = globalThis as { chrome?: unknown };
const before = g.chrome;
afterEach(() => {
  g.chrome = before;
});

describe('a PR check in detail', () => {
  it("in German: reasons, findings and secrets from their codes and params; a finding without params in the server's English", () => {
    g.chrome = { i18n: { getUILanguage: () => 'de', getMessage: (k: string, s: string[]) => (de[k] ? fillMessage(de[k].message, s) : '') } };
    const body = ReportBody({ report: readReport(report)!, lines });
    expect(items(body, 'check-reasons')).toEqual(['1 Geheimnis(se) hinzugefügt', 'vorhergesagte Gesundheitsänderung −11 ≤ −10']);
    expect(items(body, 'check-findings')).toEqual([
      `walk() ${fillMessage(de.finding_deep_nesting!.message, ['6', '4'])} :7`,
      'line is 140 characters (stored before params) :9',
    ]);
    expect(items(body, 'check-secrets')).toEqual(['src/k.ts:2 GitHub token hinzugefügt (ghp_…): widerrufen und aus der Historie entfernen']);
  });

  it("in English, or before the words' chunk is in: the server's own words", () => {
    const body = ReportBody({ report: readReport(report)!, lines: null });
    expect(items(body, 'check-reasons')).toEqual(report.reasons);
    expect(items(body, 'check-findings')).toEqual(['walk() nesting depth 6 (limit 4) :7', 'line is 140 characters (stored before params) :9']);
    expect(items(body, 'check-secrets')).toEqual(['src/k.ts:2 GitHub token added (ghp_…)']);
  });

  it('in German: skipped files and partial reasons from their codes, CI states in words; a skipped file from before the codes in English', () => {
    g.chrome = { i18n: { getUILanguage: () => 'de', getMessage: (k: string, s: string[]) => (de[k] ? fillMessage(de[k].message, s) : '') } };
    const partial = {
      ...report,
      skippedFiles: [
        { path: 'img/a.png', reason: 'binary', code: 'binary', params: {} },
        { path: 'src/big.ts', reason: 'too large to parse (600 KiB > 512 KiB)', code: 'too_large', params: { sizeKiB: 600, limitKiB: 512 } },
        { path: 'src/slow.ts', reason: 'time budget (10000 ms) exhausted at line 1200: the line rules did not read the rest of the file', code: 'line_time_budget', params: { budgetMs: 10000, line: 1200 } },
        { path: '(49,900 more files)', reason: 'time budget (10000 ms) exhausted', code: 'time_budget', params: { budgetMs: 10000 }, more: 49900 },
        { path: 'src/old.ts', reason: 'commit size budget exhausted' },
      ],
      partialReasons: ['only the first 250 of 260 commits read', '5 file(s) skipped'],
      partialReasonCodes: [
        { code: 'commits_cut', params: { read: 250, total: 260 } },
        { code: 'files_skipped', params: { count: 5 } },
      ],
      ci: {
        runs: [
          { name: 'build', kind: 'check_run', state: 'completed', conclusion: 'success', durationS: null },
          { name: 'lint', kind: 'check_run', state: 'completed', conclusion: 'timed_out', durationS: null },
          { name: 'e2e', kind: 'check_run', state: 'in_progress', conclusion: null, durationS: null },
          { name: 'deploy', kind: 'status', state: 'pending', conclusion: null, durationS: null },
          { name: 'odd', kind: 'check_run', state: 'completed', conclusion: 'something_new', durationS: null },
        ],
        failing: 1,
        pending: 2,
        medianDurationS: null,
        unreadable: [],
      },
    };
    const body = ReportBody({ report: readReport(partial)!, lines });
    expect(paragraph(body, 'check-skipped')).toBe(
      'Übersprungen: img/a.png (Binärdatei), src/big.ts (zu groß zum Parsen (600 KiB > 512 KiB)), ' +
        'src/slow.ts (Zeitbudget (10.000 ms) bei Zeile 1.200 aufgebraucht: die Zeilenregeln haben den Rest der Datei nicht gelesen), ' +
        '(49.900 weitere Dateien) (Zeitbudget (10.000 ms) aufgebraucht), src/old.ts (commit size budget exhausted)',
    );
    expect(paragraph(body, 'check-partial')).toBe('Unvollständiger Bericht: nur die ersten 250 von 260 Commits gelesen; 5 Datei(en) übersprungen');
    expect(items(body, 'check-ci')).toEqual(['build: erfolgreich', 'lint: Zeit überschritten', 'e2e: läuft', 'deploy: ausstehend', 'odd: something_new']);
    // An English reader: the server's own words for skipped files and partial reasons, CI states as words.
    g.chrome = before;
    const english = ReportBody({ report: readReport(partial)!, lines: null });
    expect(paragraph(english, 'check-skipped')).toContain('(49,900 more files) (time budget (10000 ms) exhausted)');
    expect(paragraph(english, 'check-partial')).toBe('Partial report: only the first 250 of 260 commits read; 5 file(s) skipped');
    expect(items(english, 'check-ci')).toEqual(['build: success', 'lint: timed out', 'e2e: in progress', 'deploy: pending', 'odd: something_new']);
  });

  it('reads a report from before the codes as its English reasons', () => {
    g.chrome = { i18n: { getUILanguage: () => 'de', getMessage: (k: string, s: string[]) => (de[k] ? fillMessage(de[k].message, s) : '') } };
    const old = readReport({ ...report, reasonCodes: undefined, secrets: [{ file: 'src/k.ts', line: 2, message: 'AWS key added' }] })!;
    expect(old.reasons).toEqual([
      { message: '1 secret(s) added', code: null, params: undefined },
      { message: 'predicted health delta -11 ≤ -10', code: null, params: undefined },
    ]);
    expect(items(ReportBody({ report: old, lines }), 'check-reasons')).toEqual(report.reasons);
  });
});
