/**
 * The PR check report's rules (worker/src/checks/report.ts): the verdict's default thresholds at
 * their edges, AI involvement read from trailers and PR authors, tests-with-code, CI durations.
 */
import type { AnalysisResult, Finding } from '@tamagitto/domain';
import { describe, expect, it } from 'vitest';
import { agentOf, aiCoAuthors, buildReport, type CommitFacts, type PrFacts } from '../../src/checks/report.ts';

const pr: PrFacts = { owner: 'o', name: 'r', number: 1, headSha: 'h', baseSha: 'b', author: 'mona', authorType: 'User', fork: false };

function commit(delta: number, files: string[], findings: Finding[] = [], message = 'change'): CommitFacts {
  const analysis: AnalysisResult = {
    engineVersion: 'test',
    partial: false,
    skippedFiles: [],
    filesChanged: files.length,
    additions: 1,
    deletions: 0,
    metrics: { test_coverage_delta: 0, documentation_score: 0, complexity_increase: 0, linting_violations: 0, coverage_source: 'none', secrets_found: 0, files_analysed: files.length, test_files_changed: 0, doc_files_changed: 0 },
    findings,
    poorQuality: false,
    delta,
  };
  return { sha: `s${delta}`, message, author: 'mona', analysis, files };
}

describe('the PR check verdict', () => {
  it('passes a non-negative delta with tests, warns below 0 or without tests, fails at −10 or on a secret', () => {
    expect(buildReport(pr, [commit(3, ['src/a.ts', 'src/a.test.ts'])], []).verdict).toBe('pass');
    expect(buildReport(pr, [commit(0, ['docs/x.md'])], []).verdict).toBe('pass');
    expect(buildReport(pr, [commit(-0.5, ['src/a.ts', 'test/a.test.ts'])], []).verdict).toBe('warn');
    const untested = buildReport(pr, [commit(4, ['src/a.ts'])], []);
    expect(untested.verdict).toBe('warn');
    expect(untested.reasons).toEqual(['code changed without tests']);
    expect(untested.summary).toBe('merging: +4 · no tests');
    // The delta is the sum over the commits: −6 and −4 make −10, the fail line.
    const sum = buildReport(pr, [commit(-6, ['src/a.ts', 'src/a.test.ts']), commit(-4, ['src/b.ts'])], []);
    expect(sum.predictedDelta).toBe(-10);
    expect(sum.verdict).toBe('fail');
    expect(buildReport(pr, [commit(-9.9, ['src/a.ts', 'src/a.test.ts'])], []).verdict).toBe('warn');
    const secret: Finding = { group: 'security', severity: 'error', rule: 'secret/aws-access-key', file: 'src/k.ts', line: 1, message: 'AWS key added (AKIA…FGH)' };
    const leaked = buildReport(pr, [commit(5, ['src/k.ts', 'src/k.test.ts'], [secret])], []);
    expect(leaked.verdict).toBe('fail');
    expect(leaked.secrets).toEqual([{ file: 'src/k.ts', line: 1, rule: 'secret/aws-access-key', message: 'AWS key added (AKIA…FGH)' }]);
  });

  it("judges by the repository's thresholds when it has its own, and records which it used", () => {
    const untested = [commit(-3, ['src/a.ts'])];
    const byDefault = buildReport(pr, untested, []);
    expect(byDefault).toMatchObject({ verdict: 'warn', thresholdsSource: 'default', thresholds: { failAtDelta: -10, warnBelowDelta: 0, warnOnUntestedCode: true } });
    const strict = buildReport(pr, untested, [], { thresholds: { thresholds: { failOnSecret: true, failAtDelta: -2, warnBelowDelta: 0, warnOnUntestedCode: true }, custom: true } });
    expect(strict).toMatchObject({ verdict: 'fail', thresholdsSource: 'repository', reasons: ['predicted health delta -3 ≤ -2'] });
    const lenient = buildReport(pr, untested, [], { thresholds: { thresholds: { failOnSecret: true, failAtDelta: -10, warnBelowDelta: -5, warnOnUntestedCode: false }, custom: true } });
    expect(lenient).toMatchObject({ verdict: 'pass', reasons: [], thresholds: { warnBelowDelta: -5, warnOnUntestedCode: false } });
  });

  it('groups findings per file and function and counts complex functions', () => {
    const f = (fn: string, severity: Finding['severity']): Finding => ({ group: 'complexity', severity, rule: 'new-complex-function', file: 'src/a.ts', line: 3, function: fn, message: 'complex' });
    const r = buildReport(pr, [commit(-2, ['src/a.ts', 'src/a.test.ts'], [f('parse', 'warning'), f('small', 'info')])], []);
    expect(r.files).toEqual([{ path: 'src/a.ts', findings: [expect.objectContaining({ function: 'parse', severity: 'warning' }), expect.objectContaining({ function: 'small', severity: 'info' })] }]);
    expect(r.complexFunctions).toBe(1);
    expect(r.summary).toBe('merging: −2 · 1 function over complexity 15');
  });
});

describe('AI involvement and CI', () => {
  it('reads Co-authored-by trailers and agent accounts as facts that never change the verdict', () => {
    expect(aiCoAuthors('fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-authored-by: Mona <mona@example.com>')).toEqual(['Claude']);
    expect(aiCoAuthors('x\n\nco-authored-by: Cursor Agent <cursoragent@cursor.com>')).toEqual(['Cursor']);
    expect(aiCoAuthors('mentions Claude in the body, no trailer')).toEqual([]);
    expect(agentOf('Copilot')).toBe('Copilot');
    expect(agentOf('devin-ai-integration[bot]')).toBe('Devin');
    expect(agentOf('claudette')).toBeNull();
    const human = buildReport(pr, [commit(3, ['src/a.ts', 'src/a.test.ts'])], []);
    const ai = buildReport({ ...pr, author: 'copilot-swe-agent[bot]' }, [commit(3, ['src/a.ts', 'src/a.test.ts'], [], 'x\n\nCo-authored-by: Copilot <copilot@github.com>')], []);
    expect(ai.ai).toEqual({ coAuthoredCommits: 1, assistants: ['Copilot'], prAuthorIsAgent: true, agent: 'Copilot' });
    expect(ai.verdict).toBe(human.verdict);
    expect(ai.predictedDelta).toBe(human.predictedDelta);
  });

  it('counts failing and pending CI runs and their median duration', () => {
    const r = buildReport(pr, [commit(1, ['README.md'])], [
      { name: 'build', kind: 'check_run', state: 'completed', conclusion: 'success', durationS: 100 },
      { name: 'test', kind: 'check_run', state: 'completed', conclusion: 'failure', durationS: 40 },
      { name: 'deploy', kind: 'check_run', state: 'in_progress', conclusion: null, durationS: null },
      { name: 'ci/legacy', kind: 'status', state: 'success', conclusion: 'success', durationS: 10 },
    ]);
    expect(r.ci).toMatchObject({ failing: 1, pending: 1, medianDurationS: 40 });
  });
});

describe('codes and params beside the English, for a client in another language', () => {
  it("carries each finding's rule and params (secrets too), and one code with its params per reason", () => {
    const nested: Finding = { group: 'complexity', severity: 'warning', rule: 'deep-nesting', file: 'src/a.ts', line: 7, function: 'walk', message: 'nesting depth 6 (limit 4)', params: { depth: 6, limit: 4 } };
    const todo: Finding = { group: 'style', severity: 'info', rule: 'no-todo', file: 'src/a.ts', line: 9, message: 'TODO added', params: { marker: 'TODO', more: 2 } };
    const old: Finding = { group: 'style', severity: 'info', rule: 'max-line-length', file: 'src/b.ts', line: 1, message: 'line is 140 characters' };
    const secret: Finding = { group: 'security', severity: 'error', rule: 'secret/github-pat', file: 'src/k.ts', line: 2, message: 'GitHub token added (ghp_…)', params: { description: 'GitHub token', masked: 'ghp_…' } };
    const r = buildReport(pr, [commit(-11, ['src/a.ts', 'src/b.ts', 'src/k.ts'], [nested, todo, old, secret])], []);
    const a = r.files.find((f) => f.path === 'src/a.ts')?.findings;
    expect(a).toEqual([
      { rule: 'deep-nesting', severity: 'warning', group: 'complexity', function: 'walk', line: 7, message: 'nesting depth 6 (limit 4)', params: { depth: 6, limit: 4 } },
      { rule: 'no-todo', severity: 'info', group: 'style', function: null, line: 9, message: 'TODO added', params: { marker: 'TODO', more: 2 } },
    ]);
    // A finding analysed before params existed keeps its English only.
    expect(r.files.find((f) => f.path === 'src/b.ts')?.findings[0]).not.toHaveProperty('params');
    expect(r.secrets).toEqual([{ file: 'src/k.ts', line: 2, rule: 'secret/github-pat', message: 'GitHub token added (ghp_…)', params: { description: 'GitHub token', masked: 'ghp_…' } }]);
    expect(r.reasonCodes).toEqual([
      { code: 'secrets', params: { count: 1 } },
      { code: 'delta_fail', params: { delta: -11, limit: -10 } },
    ]);
    expect(r.reasons).toEqual(['1 secret(s) added', 'predicted health delta -11 ≤ -10']);
    const warn = buildReport(pr, [commit(-2, ['src/a.ts'])], []);
    expect(warn.reasonCodes).toEqual([{ code: 'delta_warn', params: { delta: -2, limit: 0 } }, { code: 'untested', params: {} }]);
    expect(warn.reasons).toEqual(['predicted health delta -2 < 0', 'code changed without tests']);
  });

  it("keeps the skipped files' codes and params, and gives each partial reason a code beside its unchanged English", () => {
    const c = commit(1, ['src/a.ts', 'src/a.test.ts', 'img/a.png']);
    const binary = { path: 'img/a.png', reason: 'binary', code: 'binary' as const, params: {} };
    const old = { path: 'src/old.ts', reason: 'commit size budget exhausted' };
    c.analysis.skippedFiles = [binary, old];
    const r = buildReport(pr, [c], [], {
      partialReasons: [
        { code: 'commits_cut', params: { read: 250, total: 260 } },
        { code: 'time_budget', params: { seconds: 60, read: 12, total: 250 } },
        { code: 'file_cap_pr', params: { prFiles: 3100, cap: 3000, commits: 'abc1234' } },
        { code: 'file_cap', params: { cap: 3000, commits: 'abc1234, def5678' } },
      ],
    });
    expect(r.skippedFiles).toEqual([binary, old]);
    expect(r.partialReasons).toEqual([
      'only the first 250 of 260 commits read',
      'time budget of 60 s reached after 12 of 250 commits',
      'the PR changes 3100 files; GitHub lists at most 3,000 files of a commit, so files beyond that in abc1234 were not analysed',
      'GitHub lists at most 3,000 files of a commit, so files beyond that in abc1234, def5678 were not analysed',
      '2 file(s) skipped',
    ]);
    expect(r.partialReasonCodes.map((x) => x.code)).toEqual(['commits_cut', 'time_budget', 'file_cap_pr', 'file_cap', 'files_skipped']);
    expect(r.partialReasonCodes.at(-1)).toEqual({ code: 'files_skipped', params: { count: 2 } });
  });

  it('lists a skipped file once across commits, and counts the files behind each "(N more files)" entry', () => {
    const budget = { reason: 'commit size budget exhausted' };
    const one = commit(1, ['src/a.ts']);
    const two = commit(2, ['src/b.ts']);
    // Two commits cut by the budget, each with its summary entry (worker/src/analysis/aggregate.ts): the
    // same count from two commits, and two reasons with the same count in one.
    one.analysis.skippedFiles = [{ path: 'gen/x.ts', ...budget }, { path: '(40 more files)', ...budget, more: 40 }, { path: '(40 more files)', reason: 'binary', code: 'binary', params: {}, more: 40 }];
    two.analysis.skippedFiles = [{ path: 'gen/x.ts', ...budget }, { path: '(40 more files)', ...budget, more: 40 }, { path: '(7 more files)', reason: 'binary', code: 'binary', params: {}, more: 7 }];
    const r = buildReport(pr, [one, two], []);
    expect(r.skippedFiles).toEqual([
      { path: 'gen/x.ts', ...budget },
      { path: '(40 more files)', ...budget, more: 40 },
      { path: '(40 more files)', reason: 'binary', code: 'binary', params: {}, more: 40 },
    ]);
    // 1 named + 40 + 40: a summary stands for its files, not for one (the largest commit's per reason:
    // the same files cut in two commits cannot be told from different ones).
    expect(r.partialReasonCodes.at(-1)).toEqual({ code: 'files_skipped', params: { count: 81 } });
  });
});
