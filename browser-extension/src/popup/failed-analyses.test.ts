import { describe, expect, it } from 'vitest';
import { causeLine, pushLine } from './failed-analyses.tsx';

describe('causeLine', () => {
  it.each([
    [{ errorKind: 'github', error: 'GitHub answered 502 Bad Gateway.' }, 'GitHub did not give us the commits (it failed, timed out or rate-limited us): GitHub answered 502 Bad Gateway.'],
    [{ errorKind: 'transient', error: 'Connection terminated unexpectedly' }, 'The server lost its database or queue while analysing: Connection terminated unexpectedly.'],
    [{ errorKind: 'other', error: 'payload unreadable' }, 'The analysis itself failed: payload unreadable.'],
    [{ errorKind: null, error: null }, 'The analysis itself failed.'],
  ] as const)('%o → one line', (f, line) => expect(causeLine(f as Parameters<typeof causeLine>[0])).toBe(line));
});

describe('pushLine', () => {
  it('commits, short sha, attempts', () => {
    const line = pushLine({ commits: 3, headSha: 'abcdef1234567890', receivedAt: '2026-12-06T10:00:00Z', attempts: 14 });
    expect(line).toMatch(/^Push of 3 commits \(abcdef1\), .+ · 14 attempts$/);
    expect(pushLine({ commits: 1, headSha: null, receivedAt: '2026-12-06T10:00:00Z', attempts: 1 } as Parameters<typeof pushLine>[0])).toMatch(/^Push of 1 commit, .+ · 1 attempt$/);
  });
});
