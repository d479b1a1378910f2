/**
 * Sign-in with GitHub: a token (a PAT, or one from the OAuth exchange) is
 * resolved with GitHub `GET /user`, stored only encrypted, and traded for a
 * session JWT. The GitHub token never comes back out of this server.
 */
import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../deps.ts';
import { githubError, githubStatus } from '../github/client.ts';
import { AppError } from '../http/errors.ts';
import { toUserDto, type AuthSessionDto } from './dto.ts';
import { saveSignedInUser } from './store.ts';

/** Checks the token with GitHub, stores the user and their encrypted token, and issues a session. */
export async function signIn(deps: AppDeps, token: string): Promise<AuthSessionDto> {
  const gh = deps.github(token);
  let me;
  try {
    me = await gh.rest.users.getAuthenticated();
  } catch (err) {
    if (githubStatus(err) === 401) throw new AppError(401, 'github_unauthorized', 'GitHub rejected this token: check it is valid and not expired');
    throw githubError(err, 'checking the token');
  }
  const scopes = (me.headers['x-oauth-scopes'] as string | undefined) ?? null;
  const user = await saveSignedInUser(
    deps.db,
    { githubId: me.data.id, login: me.data.login, name: me.data.name ?? null, avatarUrl: me.data.avatar_url ?? null },
    { encrypted: deps.cipher.encrypt(token), scopes },
  );
  const session = await deps.sessions.issueSession(user.id);
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: toUserDto(user) };
}

/** What every sign-in asks GitHub for: read the repositories, add their webhooks, know who signs in. */
export const BASE_OAUTH_SCOPES = ['repo', 'admin:repo_hook', 'read:user'] as const;
/**
 * What a client may ask for in addition, only when a feature needs it:
 * `gist` when the user shares a badge as a Gist (the extension's popup asks
 * then, not at the first sign-in — browser-extension/src/popup/badge-share.tsx).
 */
export const EXTRA_OAUTH_SCOPES = ['gist'] as const;
export type ExtraOAuthScope = (typeof EXTRA_OAUTH_SCOPES)[number];

/** GitHub's authorize URL for this server's OAuth app (the base scopes plus any `extra` asked for), and the `state` to expect back. */
export function oauthStart(deps: AppDeps, clientId: string, redirectUri: string, extra: readonly ExtraOAuthScope[] = []): { url: string; state: string } {
  const state = randomBytes(16).toString('hex');
  const u = new URL('/login/oauth/authorize', deps.env.GITHUB_OAUTH_URL);
  u.searchParams.set('client_id', clientId);
  u.searchParams.set('redirect_uri', redirectUri);
  u.searchParams.set('scope', [...new Set([...BASE_OAUTH_SCOPES, ...extra])].join(' '));
  u.searchParams.set('state', state);
  return { url: u.toString(), state };
}

/** Trades the OAuth code for a GitHub token: 502 when GitHub cannot be reached, 400 when it refuses the code. */
export async function exchangeOAuthCode(deps: AppDeps, app: { clientId: string; clientSecret: string }, code: string, redirectUri: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(new URL('/login/oauth/access_token', deps.env.GITHUB_OAUTH_URL), {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: app.clientId, client_secret: app.clientSecret, code, redirect_uri: redirectUri }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new AppError(502, 'github_error', 'could not reach GitHub to finish sign-in', {}, { cause: err });
  }
  const data = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string };
  if (!res.ok || !data.access_token) throw new AppError(400, 'bad_request', `GitHub refused the sign-in code${data.error ? ` (${data.error})` : ''}`);
  return data.access_token;
}
