/**
 * What a day session amounted to, for its journal entry and the end-of-day
 * answer: minutes per block, the commits that fed the user's pets, the PRs
 * the user reviewed (GitHub search, best effort) and the day's puzzle.
 */
import { getUser, type DaySession } from '@tamagitto/db';
import { minutesBetween, type SessionSummaryDto } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { userGithubToken } from '../github/user-token.ts';
import { puzzleOfAttempt } from '../puzzles/daily-puzzle.ts';
import { attemptOn } from '../puzzles/store.ts';
import { cachedGithub } from '../queue/github-cache.ts';
import { oneLine } from './journal.ts';
import { blocksOf, commitsSince } from './store.ts';

/** Open blocks count until `endedAt`. */
export async function sessionSummary(deps: AppDeps, userId: string, s: DaySession, endedAt: Date): Promise<SessionSummaryDto> {
  const blocks = await blocksOf(deps.db, s.id);
  const commits = (await commitsSince(deps.db, userId, new Date(s.started_at))).map((r) => ({
    sha: r.sha ?? '',
    message: oneLine(r.message ?? ''),
    repo: `${r.owner}/${r.name}`,
    delta: Math.round(r.delta * 10) / 10,
  }));
  const attempt = await attemptOn(deps.db, userId, s.day);
  let prsReviewed: SessionSummaryDto['prsReviewed'] = [];
  try {
    const login = (await getUser(deps.db, userId))?.login ?? '';
    const gh = cachedGithub(deps, userId, await userGithubToken(deps, userId));
    const r = await gh.rest.search.issuesAndPullRequests({ q: `is:pr reviewed-by:${login} -author:${login} updated:>=${s.day}`, per_page: 20 });
    prsReviewed = r.data.items.map((i) => ({
      repo: i.repository_url.split('/').slice(-2).join('/'),
      number: i.number,
      title: oneLine(i.title),
      url: i.html_url,
    }));
  } catch {
    // Best effort: the journal is still worth writing without the review list.
  }
  // A Claude-written puzzle is not in the bank: its title is in that day's stored puzzle.
  const puzzle = attempt ? { solved: attempt.correct, title: (await puzzleOfAttempt(deps, { puzzle_day: s.day, puzzle_id: attempt.puzzle_id }))?.title ?? attempt.puzzle_id } : null;
  return {
    day: s.day,
    minutes: blocks.reduce((n, b) => n + minutesBetween(b.started_at, b.ended_at ?? endedAt), 0),
    blocks: blocks.map((b) => ({ label: b.label, minutes: minutesBetween(b.started_at, b.ended_at ?? endedAt) })),
    commits,
    prsReviewed,
    puzzle,
  };
}
