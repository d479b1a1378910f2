/**
 * The repo journal: ending a day session appends a dated entry to
 * `.tamagitto/journal.md` in the chosen repository through the contents API.
 *
 * GitHub's contents API is optimistic concurrency: an update must name the
 * blob sha it replaces, and a stale sha is refused (409, or 422 when a sha is
 * missing for an existing file). So we never overwrite: on a conflict we read
 * the file again and append to what is there now, a few times, then give up
 * and report why. A marker per session makes a retry after a lost response
 * idempotent (the entry is never appended twice).
 */
import type { Octokit } from '@octokit/rest';
import type { SessionSummaryDto } from '@tamagitto/domain';
import { githubStatus } from '../github/client.ts';

export const JOURNAL_PATH = '.tamagitto/journal.md';
const MAX_ATTEMPTS = 4;
const HEADER = '# Tamagitto journal\n\nOne entry per day session, written by Tamagitto when the session ends.\n';

export interface JournalResult {
  written: boolean;
  sha: string | null;
  commitSha: string | null;
  attempts: number;
  error: string | null;
}

export function sessionMarker(sessionId: string): string {
  return `<!-- tamagitto:session:${sessionId} -->`;
}

/**
 * @example
 * await appendJournal(gh, { owner: 'octocat', name: 'hello' }, sessionId, '## 2026-11-24\n- …\n');
 */
export async function appendJournal(gh: Octokit, repo: { owner: string; name: string }, sessionId: string, entry: string): Promise<JournalResult> {
  const marker = sessionMarker(sessionId);
  let lastError = 'unknown error';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let current: { text: string; sha: string } | null = null;
    try {
      const r = await gh.rest.repos.getContent({ owner: repo.owner, repo: repo.name, path: JOURNAL_PATH });
      const d = r.data as { type?: string; content?: string; encoding?: string; sha?: string };
      if (d.type !== 'file' || typeof d.sha !== 'string') return fail(attempt, `${JOURNAL_PATH} exists but is not a file`);
      current = { text: Buffer.from(d.content ?? '', d.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8'), sha: d.sha };
    } catch (err) {
      if (githubStatus(err) !== 404) return fail(attempt, describe(err, 'reading the journal'));
    }
    if (current?.text.includes(marker)) return { written: true, sha: current.sha, commitSha: null, attempts: attempt, error: null };
    const base = current ? current.text.replace(/\n*$/, '\n') : HEADER;
    const next = `${base}\n${entry.trimEnd()}\n${marker}\n`;
    try {
      const r = await gh.rest.repos.createOrUpdateFileContents({
        owner: repo.owner,
        repo: repo.name,
        path: JOURNAL_PATH,
        message: `tamagitto: journal entry (${entry.split('\n', 1)[0]?.replace(/^#+\s*/, '') ?? 'session'})`,
        content: Buffer.from(next, 'utf8').toString('base64'),
        ...(current ? { sha: current.sha } : {}),
      });
      return { written: true, sha: r.data.content?.sha ?? null, commitSha: r.data.commit.sha ?? null, attempts: attempt, error: null };
    } catch (err) {
      const status = githubStatus(err);
      // 409: the sha we read is stale; 422: the file appeared after we read "missing". Someone else wrote: re-read.
      if (status === 409 || status === 422) {
        lastError = `the journal changed while we wrote it (GitHub ${status})`;
        continue;
      }
      return fail(attempt, describe(err, 'writing the journal'));
    }
  }
  return fail(MAX_ATTEMPTS, `${lastError}; gave up after ${MAX_ATTEMPTS} attempts without overwriting`);
}

function fail(attempts: number, error: string): JournalResult {
  return { written: false, sha: null, commitSha: null, attempts, error };
}

function describe(err: unknown, what: string): string {
  const status = githubStatus(err);
  if (status === 401) return `GitHub rejected the token while ${what}`;
  if (status === 403 || status === 404) return `no write access to the repository while ${what} (the token needs contents: write)`;
  return `GitHub failed (${status ?? 'unreachable'}) while ${what}`;
}

/** Markdown for a journal entry. User-written text is flattened to one line so it cannot inject headings. */
export function journalEntry(s: SessionSummaryDto): string {
  const h = Math.floor(s.minutes / 60);
  const m = s.minutes % 60;
  const lines = [`## ${s.day} — ${h ? `${h} h ` : ''}${m} min`, ''];
  lines.push(
    s.blocks.length
      ? `- Blocks: ${s.blocks.map((b) => `${b.label ? `"${oneLine(b.label)}"` : '(unlabelled)'} ${b.minutes} min`).join('; ')}`
      : '- Blocks: none',
  );
  if (s.commits.length) {
    lines.push('- Commits:');
    for (const c of s.commits) lines.push(`  - \`${c.sha.slice(0, 7)}\` ${c.message} (${c.repo}, ${c.delta >= 0 ? '+' : ''}${c.delta})`);
  } else lines.push('- Commits: none');
  lines.push(s.prsReviewed.length ? `- PRs reviewed: ${s.prsReviewed.map((p) => `${p.repo}#${p.number} ${oneLine(p.title)}`).join('; ')}` : '- PRs reviewed: none');
  lines.push(s.puzzle ? `- Puzzle: ${s.puzzle.solved ? 'solved' : 'tried'} "${oneLine(s.puzzle.title)}"` : '- Puzzle: skipped');
  return `${lines.join('\n')}\n`;
}

/** The first line of `s`, without characters that would make Markdown of it, cut at `max`. */
export function oneLine(s: string, max = 120): string {
  const first = s.split('\n', 1)[0]?.replace(/[#<>`\r]/g, '').trim() ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
