/**
 * Sign-in: with a GitHub token (PAT) or GitHub OAuth, traded for a session
 * JWT (github-sign-in.ts); and who the session belongs to. The GitHub token
 * never comes back out of this server.
 */
import { CHANNELS } from '@tamagitto/db';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { AuthSessionSchema, MeSchema, OAuthStartSchema, toMeDto } from './dto.ts';
import { EXTRA_OAUTH_SCOPES, exchangeOAuthCode, oauthStart, signIn, type ExtraOAuthScope } from './github-sign-in.ts';
import { endSession, findUser } from './store.ts';

const PatBody = z
  .object({
    token: z
      .string()
      .trim()
      .min(20, 'token looks too short')
      .max(255)
      .regex(/^[\w-]+$/, 'token has unexpected characters')
      .describe('A GitHub token (classic or fine-grained PAT) that can read your repositories and add webhooks.'),
  })
  .meta({ id: 'PatSignInRequest' });

const ExchangeBody = z
  .object({
    code: z.string().min(1).max(200).describe('The `code` GitHub appended to the redirect URL.'),
    redirect_uri: z.url().max(500).describe('The same redirect URL as in `GET /api/auth/github`.'),
  })
  .meta({ id: 'OAuthExchangeRequest' });

const OAuthStartQuery = z.object({
  redirect_uri: z
    .string({ error: 'a URL is required' })
    .refine((u) => URL.canParse(u), { error: 'a URL is required' })
    .describe("Where GitHub sends the browser back with a code (the extension's chrome.identity redirect URL)."),
  scopes: z
    .string()
    .max(200)
    .optional()
    .transform((v) => (v ?? '').split(/[\s,]+/).filter(Boolean))
    .refine((list) => list.every((s) => (EXTRA_OAUTH_SCOPES as readonly string[]).includes(s)), {
      error: `only these scopes can be asked for in addition: ${EXTRA_OAUTH_SCOPES.join(', ')}`,
    })
    .transform((list) => list as ExtraOAuthScope[])
    .describe(
      `GitHub scopes to ask for beyond the usual \`repo admin:repo_hook read:user\`, separated by spaces or commas, only when a feature needs them: \`gist\` to share a badge as a Gist. Anything else is a 400 \`validation_failed\`.`,
    ),
});

const NOT_CONFIGURED = 'this server has no GitHub OAuth app: sign in with a token instead';

/** This server's GitHub OAuth app, or 501 `not_configured`. */
function oauthApp(deps: AppDeps, needsSecret: boolean): { clientId: string; clientSecret: string } {
  const clientId = deps.env.GITHUB_CLIENT_ID;
  const clientSecret = deps.env.GITHUB_CLIENT_SECRET ?? '';
  if (!clientId || (needsSecret && !clientSecret)) throw new AppError(501, 'not_configured', NOT_CONFIGURED);
  return { clientId, clientSecret };
}

export function authRoutes(deps: AppDeps) {
  // Before route()'s validation: on a server without an OAuth app the answer is 501 whatever the request holds.
  const requireOAuthApp = (needsSecret: boolean) =>
    createMiddleware<AppEnv>(async (_c, next) => {
      oauthApp(deps, needsSecret);
      await next();
    });

  return new Hono<AppEnv>()
    .post(
      '/auth/pat',
      route({
        tag: 'auth',
        summary: 'Sign in with a GitHub token',
        description: 'GitHub checks the token (`GET /user`); it is stored encrypted and never returned. The answer holds the session token for every other route.',
        security: 'public',
        body: PatBody,
        responses: { 200: { description: 'Signed in', schema: AuthSessionSchema } },
        // 401 `github_unauthorized`: GitHub rejected the token; 429/502: GitHub limited us or failed.
        errors: [401, 429, 502],
      }),
      async (c) => c.json(await signIn(deps, c.req.valid('json').token), 200),
    )
    .get(
      '/auth/github',
      requireOAuthApp(false),
      route({
        tag: 'auth',
        summary: 'Start signing in with GitHub OAuth',
        description: 'Returns the GitHub page to open; GitHub then redirects to `redirect_uri` with a `code` for `POST /api/auth/github/exchange`. `scopes` asks for more than the usual scopes (only `gist`, when sharing a badge as a Gist). 501 `not_configured` when this server has no GitHub OAuth app.',
        security: 'public',
        query: OAuthStartQuery,
        responses: { 200: OAuthStartSchema },
        errors: [501],
      }),
      (c) => {
        const { redirect_uri, scopes } = c.req.valid('query');
        return c.json(oauthStart(deps, oauthApp(deps, false).clientId, redirect_uri, scopes));
      },
    )
    .post(
      '/auth/github/exchange',
      requireOAuthApp(true),
      route({
        tag: 'auth',
        summary: 'Finish signing in with GitHub OAuth',
        description: "Trades GitHub's code for a GitHub token (kept encrypted, never returned) and signs in with it. 400 `bad_request` when GitHub refuses the code.",
        security: 'public',
        body: ExchangeBody,
        responses: { 200: { description: 'Signed in', schema: AuthSessionSchema } },
        errors: [401, 429, 501, 502],
      }),
      async (c) => {
        const { code, redirect_uri } = c.req.valid('json');
        const token = await exchangeOAuthCode(deps, oauthApp(deps, true), code, redirect_uri);
        return c.json(await signIn(deps, token), 200);
      },
    )
    .post(
      '/auth/logout',
      requireSession(deps.sessions),
      route({
        tag: 'auth',
        summary: 'Sign out: end this session',
        description:
          'Revokes the session this token belongs to, on every api instance: the token is refused from now on (401), and the WebSockets it opened are closed with code 4401. ' +
          'Other sessions of the same user (other devices) stay signed in.',
        security: 'session',
        responses: { 204: { description: 'Signed out' } },
      }),
      async (c) => {
        const userId = c.get('userId');
        const sessionId = c.get('sessionId');
        await endSession(deps.db, userId, sessionId);
        // This process's verified-session cache at once; other instances on session.revoked.
        deps.sessions.forget(sessionId);
        await deps.bus.publish(CHANNELS.sessionRevoked, { userId, sessionId }).catch((err: unknown) => {
          // The session is revoked already (no request passes); only sockets open elsewhere stay until their next ticket.
          c.get('log').warn({ err: { message: (err as Error).message } }, 'could not announce the sign-out to other instances');
        });
        return c.body(null, 204);
      },
    )
    .get(
      '/me',
      requireSession(deps.sessions),
      route({
        tag: 'auth',
        summary: 'The signed-in user',
        description: '`token` says whether GitHub still accepts the stored GitHub token; when `rejected`, sign in again.',
        security: 'session',
        responses: { 200: MeSchema },
      }),
      async (c) => {
        const user = await findUser(deps.db, c.get('userId'));
        if (!user) throw new AppError(401, 'invalid_token', 'this session belongs to a user that no longer exists');
        return c.json(toMeDto(user));
      },
    );
}
