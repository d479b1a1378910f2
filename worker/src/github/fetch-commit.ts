/**
 * Fetches what the analysis engine needs for one commit: metadata, the changed
 * files (paged: GitHub lists 300 per page, up to 3,000), and each file's
 * content at the parent and at the commit where it is small enough. Anything
 * not fetched stays `undefined` and the engine falls back to the patch.
 */
import { Octokit } from '@octokit/rest';
import type { ChangedFile, CommitInput, FileStatus } from '@tamagitto/domain';

export const MAX_FILE_PAGES = 10;
/** Contents are fetched for at most this many files per commit… */
export const MAX_CONTENT_FILES = 40;
/** …and only for files whose diff is this small (huge rewrites are judged by their patch). */
export const MAX_CONTENT_CHANGES = 5_000;

export interface CommitMeta {
  sha: string;
  parentSha: string | null;
  message: string;
  authorLogin: string | null;
  url: string | null;
  committedAt: string | null;
}

export function octokitFor(baseUrl: string, token: string): Octokit {
  return new Octokit({
    auth: token,
    baseUrl,
    userAgent: 'tamagitto-worker',
    request: { retries: 0 },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

export async function fetchCommit(gh: Octokit, owner: string, repo: string, sha: string): Promise<{ meta: CommitMeta; input: CommitInput }> {
  const first = await gh.rest.repos.getCommit({ owner, repo, ref: sha, per_page: 300 });
  const files = [...(first.data.files ?? [])];
  let truncated = false;
  let link = first.headers.link ?? '';
  for (let page = 2; link.includes('rel="next"'); page++) {
    if (page > MAX_FILE_PAGES) {
      truncated = true;
      break;
    }
    const next = await gh.rest.repos.getCommit({ owner, repo, ref: sha, per_page: 300, page });
    files.push(...(next.data.files ?? []));
    link = next.headers.link ?? '';
  }
  const parentSha = first.data.parents[0]?.sha ?? null;
  const changed: ChangedFile[] = files.map((f) => ({
    path: f.filename,
    ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
    status: f.status as FileStatus,
    additions: f.additions,
    deletions: f.deletions,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
    // GitHub omits the patch for binary files (and for huge diffs, which have many changes).
    ...(f.patch === undefined && f.changes === 0 && f.status !== 'renamed' ? { binary: true } : {}),
  }));

  const wanted = changed.filter((f) => !f.binary && f.patch !== undefined && f.additions + f.deletions <= MAX_CONTENT_CHANGES).slice(0, MAX_CONTENT_FILES);
  await mapLimit(wanted, 6, async (f) => {
    f.after = f.status === 'removed' ? null : await content(gh, owner, repo, f.path, sha);
    f.before = f.status === 'added' || !parentSha ? null : await content(gh, owner, repo, f.previousPath ?? f.path, parentSha);
  });

  const c = first.data.commit;
  return {
    meta: {
      sha: first.data.sha,
      parentSha,
      message: c.message,
      authorLogin: first.data.author?.login ?? c.author?.name ?? null,
      url: first.data.html_url ?? null,
      committedAt: c.committer?.date ?? c.author?.date ?? null,
    },
    input: { sha: first.data.sha, parentSha, message: c.message, files: changed, truncated },
  };
}

/** Raw file content, or undefined when it cannot be had (too large, gone, binary): the engine then uses the patch. */
async function content(gh: Octokit, owner: string, repo: string, path: string, ref: string): Promise<string | undefined> {
  try {
    const r = await gh.rest.repos.getContent({ owner, repo, path, ref, mediaType: { format: 'raw' } });
    return typeof r.data === 'string' ? r.data : undefined;
  } catch {
    return undefined;
  }
}

async function mapLimit<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}
