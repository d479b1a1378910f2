import { describe, expect, it } from 'vitest';
import { newCommits } from './poller.ts';
import { MAX_COMMITS_PER_PUSH } from './process-delivery.ts';

const at = (sha: string, date: string) => ({ sha, commit: { message: sha, committer: { date } } });
// As GitHub lists a branch: newest first.
const branch = [at('e', '2026-11-24T12:00:00Z'), at('d', '2026-11-24T11:00:00Z'), at('c', '2026-11-23T10:00:00Z'), at('b', '2026-11-20T10:00:00Z'), at('a', '2026-11-19T10:00:00Z')];
const adopted = new Date('2026-11-23T00:00:00Z');

describe('newCommits', () => {
  it.each([
    ['first poll: only commits since adoption, oldest first', null, ['c', 'd', 'e']],
    ['nothing new', 'e', []],
    ['two new since the last seen', 'c', ['d', 'e']],
    ['last seen is gone (force-push): the whole page', 'zzz', ['a', 'b', 'c', 'd', 'e']],
  ] as const)('%s', (_why, lastSeen, expected) => {
    expect(newCommits(branch, lastSeen, adopted).map((c) => c.sha)).toEqual(expected);
  });

  it('ignores commits without a usable date on the first poll', () => {
    expect(newCommits([{ sha: 'x', commit: { message: 'x', committer: null } }], null, adopted)).toEqual([]);
  });

  it(`takes at most ${MAX_COMMITS_PER_PUSH} commits, the newest, like a push`, () => {
    const many = Array.from({ length: 30 }, (_, i) => at(`s${29 - i}`, '2026-11-24T00:00:00Z'));
    const got = newCommits(many, 'unknown', adopted).map((c) => c.sha);
    expect(got).toHaveLength(MAX_COMMITS_PER_PUSH);
    expect(got.at(-1)).toBe('s29');
    expect(got[0]).toBe(`s${30 - MAX_COMMITS_PER_PUSH}`);
  });
});
