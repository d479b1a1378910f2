/**
 * Octokit against GITHUB_API_URL (the real API, or a local fake in tests).
 * Upstream failures become AppErrors with a safe message: GitHub's error text
 * is not echoed, since it can quote request data.
 */
import { Octokit } from '@octokit/rest';
import { AppError } from '../http/errors.ts';

export type GithubFactory = (token: string) => Octokit;

export function githubFactory(baseUrl: string): GithubFactory {
  return (token) =>
    new Octokit({
      auth: token,
      baseUrl,
      userAgent: 'tamagitto',
      request: { retries: 0 },
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
}

export function githubStatus(err: unknown): number | undefined {
  const s = (err as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}

/**
 * Maps an Octokit failure to what our client should see. A GitHub 404 is our
 * 404 only when the client named that GitHub resource (`opts.resource`, e.g.
 * the repo to adopt); anywhere else (listing, search, the token check) it is
 * an upstream failure — a 404 there would tell the extension the whole
 * feature is missing from this server.
 */
export function githubError(err: unknown, what: string, opts: { resource?: boolean } = {}): AppError {
  const status = githubStatus(err);
  if (status === 401) return new AppError(401, 'github_unauthorized', 'GitHub rejected the token: sign in again with a valid token');
  if (status === 404 && opts.resource) return new AppError(404, 'not_found', `${what} not found on GitHub (or the token cannot see it)`);
  if (status === 403 || status === 429) return new AppError(429, 'rate_limited', 'GitHub rate limit or permission problem: try again later', { 'Retry-After': '60' });
  return new AppError(502, 'github_error', `GitHub request failed while ${what}`, {}, { cause: err });
}
