/**
 * Sign-in: a GitHub token (PAT, or one from the OAuth exchange) is resolved
 * with GitHub `GET /user`, stored only encrypted, and traded for a session JWT.
 * The GitHub token never comes back out of this server.
 */
import { randomBytes } from 'node:crypto';
import { getUser, upsertUser } from '@tamagitto/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { OAuthStartDto, SessionDto } from '@tamagitto/domain';
import type { AppDeps, AppEnv } from '../deps.ts';
import { toUserDto } from '../dto.ts';
import { AppError } from '../http/errors.ts';
import { githubError, githubStatus } from '../github/client.ts';
import { requireSession } from '../http/require-session.ts';
import { jsonBody } from '../http/validate.ts';

const patBody = z.object({ token: z.string().trim().min(20, 'token looks too short').max(255).regex(/^[\w-]+$/, 'token has unexpected characters') });
const exchangeBody = z.object({ code: z.string().min(1).max(200), redirect_uri: z.url().max(500) });

export function authRoutes(deps: AppDeps) {
  async function signIn(token: string): Promise<SessionDto> {
    const gh = deps.github(token);
    let me;
    try {
      me = await gh.rest.users.getAuthenticated();
    } catch (err) {
      if (githubStatus(err) === 401) throw new AppError(401, 'github_unauthorized', 'GitHub rejected this token: check it is valid and not expired');
      throw githubError(err, 'checking the token');
    }
    const scopes = (me.headers['x-oauth-scopes'] as string | undefined) ?? null;
    const user = await upsertUser(
      deps.db,
      { githubId: me.data.id, login: me.data.login, name: me.data.name ?? null, avatarUrl: me.data.avatar_url ?? null },
      { encrypted: deps.cipher.encrypt(token), scopes },
    );
    const session = await deps.sessions.issueSession(user.id);
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: toUserDto(user) };
  }

  return new Hono<AppEnv>()
    .post('/auth/pat', async (c) => {
      const { token } = await jsonBody(c, patBody);
      return c.json(await signIn(token), 200);
    })
    .get('/auth/github', async (c) => {
      if (!deps.env.GITHUB_CLIENT_ID) throw new AppError(501, 'not_configured', 'this server has no GitHub OAuth app: sign in with a token instead');
      const redirect = c.req.query('redirect_uri');
      if (!redirect || !URL.canParse(redirect)) throw new AppError(400, 'validation_failed', 'redirect_uri: a URL is required');
      const state = randomBytes(16).toString('hex');
      const u = new URL('/login/oauth/authorize', deps.env.GITHUB_OAUTH_URL);
      u.searchParams.set('client_id', deps.env.GITHUB_CLIENT_ID);
      u.searchParams.set('redirect_uri', redirect);
      u.searchParams.set('scope', 'repo admin:repo_hook read:user');
      u.searchParams.set('state', state);
      const body: OAuthStartDto = { url: u.toString(), state };
      return c.json(body);
    })
    .post('/auth/github/exchange', async (c) => {
      if (!deps.env.GITHUB_CLIENT_ID || !deps.env.GITHUB_CLIENT_SECRET) {
        throw new AppError(501, 'not_configured', 'this server has no GitHub OAuth app: sign in with a token instead');
      }
      const { code, redirect_uri } = await jsonBody(c, exchangeBody);
      let res: Response;
      try {
        res = await fetch(new URL('/login/oauth/access_token', deps.env.GITHUB_OAUTH_URL), {
          method: 'POST',
          headers: { accept: 'application/json', 'content-type': 'application/json' },
          body: JSON.stringify({ client_id: deps.env.GITHUB_CLIENT_ID, client_secret: deps.env.GITHUB_CLIENT_SECRET, code, redirect_uri }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (err) {
        throw new AppError(502, 'github_error', 'could not reach GitHub to finish sign-in', {}, { cause: err });
      }
      const data = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string };
      if (!res.ok || !data.access_token) throw new AppError(400, 'bad_request', `GitHub refused the sign-in code${data.error ? ` (${data.error})` : ''}`);
      return c.json(await signIn(data.access_token), 200);
    })
    .get('/me', requireSession(deps.sessions), async (c) => {
      const user = await getUser(deps.db, c.get('userId'));
      if (!user) throw new AppError(401, 'invalid_token', 'this session belongs to a user that no longer exists');
      return c.json(toUserDto(user));
    });
}
