/**
 * Sharing a week's badges: a secret Gist in the user's own GitHub account
 * (the token needs the gist scope), written in Markdown.
 */
import type { BadgeDto } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { githubStatus } from '../github/client.ts';
import { userGithubToken } from '../github/user-token.ts';
import { AppError } from '../http/errors.ts';

export function badgeGistMarkdown(login: string | undefined, week: string, badges: BadgeDto[]): string {
  return [`# ${login ?? 'My'} Tamagitto badges — ${week}`, '', ...badges.map((b) => `- 🏅 **${b.title}** — ${b.description}`), '', '_Earned with daily puzzles in Tamagitto._', ''].join('\n');
}

/**
 * Creates the secret Gist and returns its URL. GitHub's refusals become our
 * errors: 401 (token rejected), 403 (no gist scope), 502 (anything else).
 */
export async function createBadgeGist(deps: AppDeps, userId: string, week: string, content: string): Promise<string> {
  const gh = deps.github(await userGithubToken(deps, userId));
  try {
    const r = await gh.rest.gists.create({ description: `Tamagitto badges ${week}`, public: false, files: { [`tamagitto-badges-${week}.md`]: { content } } });
    return r.data.html_url ?? '';
  } catch (err) {
    const status = githubStatus(err);
    if (status === 401) throw new AppError(401, 'github_unauthorized', 'GitHub rejected the token: sign in again');
    if (status === 403 || status === 404) throw new AppError(403, 'forbidden', 'your GitHub token cannot create gists (it needs the gist scope)');
    throw new AppError(502, 'github_error', 'GitHub failed while creating the gist', {}, { cause: err });
  }
}
