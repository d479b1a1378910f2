import { describe, expect, it } from 'vitest';
import { formatDelta, formatDuration, newestPerPr, predictionLine, readReport } from './check-report.ts';
import { validCheckIntent } from './check-intent.ts';
import { looksLikePrUrl, statusLine, statusNotPosted } from '../popup/pr-checks.tsx';
import type { CheckDto } from './messages.ts';
import { checkWeekBars } from '../popup/tab-views/stats.tsx';
import { parsePrPath } from '../content/features/pr-prediction.tsx';

const report = {
  predictedDelta: -8,
  summary: 'merging: −8 · 2 functions over complexity 15 · no tests',
  reasons: ['predicted health delta -8 < 0', 'code changed without tests'],
  complexFunctions: 2,
  files: [{ path: 'src/a.ts', findings: [{ rule: 'complexity/function', severity: 'warning', group: 'complexity', function: 'parse', line: 3, message: 'Too complex' }] }, { path: 'src/b.ts', findings: [] }],
  tests: { codeChanged: true, testsChanged: false, codeFiles: 2, testFiles: 0 },
  secrets: [],
  skippedFiles: [],
  partialReasons: [],
  ci: { runs: [{ name: 'build', kind: 'check_run', state: 'completed', conclusion: 'success', durationS: 90 }], failing: 0, pending: 0, medianDurationS: 90, unreadable: [] },
  ai: { coAuthoredCommits: 1, assistants: ['Claude'], prAuthorIsAgent: false, agent: null },
  commits: [{ sha: 'a' }, { sha: 'b' }],
};

describe('readReport and predictionLine', () => {
  it('says the issue’s line for a PR that loses 8, has 2 complex functions and no tests', () => {
    const r = readReport(report)!;
    expect(predictionLine(r)).toBe('merging: −8 · 2 functions over complexity 15 · no tests');
    expect(r.files.map((f) => f.path)).toEqual(['src/a.ts']);
    expect(r.commits).toBe(2);
    expect(r.ci?.runs[0]).toEqual({ name: 'build', state: 'completed', conclusion: 'success', durationS: 90 });
  });

  it('names secrets and partial reports, and leaves out what does not apply', () => {
    const r = readReport({ ...report, predictedDelta: 3, complexFunctions: 1, tests: { codeChanged: true, testsChanged: true, codeFiles: 1, testFiles: 1 }, secrets: [{ file: 'x', line: 1, message: 'AWS key AKIA…' }], partialReasons: ['time budget'] })!;
    expect(predictionLine(r)).toBe('merging: +3 · 1 function over complexity 15 · 1 secret · partial');
  });

  it('reads odd shapes as nothing instead of failing', () => {
    expect(readReport(null)).toBeNull();
    const r = readReport({ predictedDelta: 'x', files: 'no', ci: [], ai: null, secrets: [null, 3] })!;
    expect(r).toMatchObject({ predictedDelta: null, files: [], ci: null, ai: null, secrets: [] });
    expect(predictionLine(r)).toBe('merging: ±0');
  });

  it('formats deltas and durations', () => {
    expect([formatDelta(-8), formatDelta(2.46), formatDelta(0.01)]).toEqual(['−8', '+2.5', '±0']);
    expect([formatDuration(45), formatDuration(90), formatDuration(120), formatDuration(3720)]).toEqual(['45s', '1m 30s', '2m', '1h 2m']);
  });
});

describe('a check in the popup', () => {
  const base = { status: 'done' as const, progress: 100, error: null, githubStatus: { posted: true, error: null } };
  it('progress while it runs, the cause when it failed', () => {
    expect(statusLine({ ...base, status: 'running', progress: 40 })).toBe('Running · 40%');
    expect(statusLine({ ...base, status: 'failed', error: 'GitHub answered 502.' })).toBe('The check failed: GitHub answered 502.');
  });
  it('why the commit status is missing, only when it is', () => {
    expect(statusNotPosted(base)).toBeNull();
    expect(statusNotPosted({ ...base, githubStatus: { posted: false, error: 'the token lacks Commit statuses: write' } })).toBe('No commit status on GitHub: the token lacks Commit statuses: write.');
    expect(statusNotPosted({ ...base, status: 'running', githubStatus: { posted: false, error: null } })).toBeNull();
  });
  it('accepts PR URLs as the API does', () => {
    expect(looksLikePrUrl('https://github.com/octo/cat/pull/12/files')).toBe(true);
    expect(looksLikePrUrl(' https://github.com/octo/cat/pull/12 ')).toBe(true);
    expect(looksLikePrUrl('https://github.com/octo/cat/issues/12')).toBe(false);
    expect(looksLikePrUrl('http://github.com/octo/cat/pull/12')).toBe(false);
  });
  it('a check intent is taken only while young and well formed', () => {
    const now = 1_000_000;
    expect(validCheckIntent({ checkId: 'c1', at: now - 1000 }, now)).toEqual({ checkId: 'c1', at: now - 1000 });
    expect(validCheckIntent({ checkId: 'c1', at: now - 61_000 }, now)).toBeNull();
    expect(validCheckIntent({ checkId: 3, at: now }, now)).toBeNull();
  });
});

describe('checkWeekBars', () => {
  it('stacks pass, warn, fail and scales to the busiest week', () => {
    const { max, bars } = checkWeekBars([{ week: '2026-11-30', pass: 2, warn: 1, fail: 1 }, { week: '2026-12-07', pass: 1, warn: 0, fail: 0 }], 200, 40);
    expect(max).toBe(4);
    expect(bars[0]).toMatchObject({ pass: { y: 20, height: 20 }, warn: { y: 10, height: 10 }, fail: { y: 0, height: 10 } });
    expect(bars[1]!.pass).toEqual({ y: 30, height: 10 });
    expect(bars[0]!.label).toBe('Week of 2026-11-30: 2 passed, 1 warned, 1 failed');
  });
});

describe('parsePrPath (where the PR-page prediction runs)', () => {
  it.each([
    ['https://github.com/octo/cat/pull/12', { owner: 'octo', name: 'cat', number: 12 }],
    ['https://github.com/octo/cat/pull/12/files', { owner: 'octo', name: 'cat', number: 12 }],
    ['https://github.com/octo/cat/pull/12/files/abc123', { owner: 'octo', name: 'cat', number: 12 }],
    ['https://github.com/octo/cat/pull/12/commits', { owner: 'octo', name: 'cat', number: 12 }],
    ['https://github.com/octo/cat/pulls', null],
    ['https://github.com/octo/cat/issues/12', null],
    ['https://github.com/octo/cat/pull/0', null],
    ['https://gist.github.com/octo/cat/pull/12', null],
  ])('%s', (href, want) => expect(parsePrPath(new URL(href))).toEqual(want));
});

describe('newestPerPr', () => {
  const c = (id: string, number: number, status: CheckDto['status'] = 'done') => ({ id, status, pr: { number } }) as CheckDto;
  it('keeps one row per PR, in the list’s order, preferring a check not superseded', () => {
    const got = newestPerPr([c('a', 5), c('b', 3, 'superseded'), c('c', 5, 'superseded'), c('d', 3), c('e', 7, 'superseded')]);
    expect(got.map((x) => x.id)).toEqual(['a', 'd', 'e']);
  });
});
