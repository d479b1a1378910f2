/**
 * The account as a whole (issue 15): `GET /api/me/export` (everything stored
 * about the user, as a JSON download) and `DELETE /api/me` (the account and
 * everything stored about it, after removing the webhooks Tamagitto
 * registered on repositories nobody else adopted). Signing out is
 * `POST /api/auth/logout` (auth/routes.ts).
 */
import { CHANNELS } from '@tamagitto/db';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { userGithubToken } from '../github/user-token.ts';
import { AppError } from '../http/errors.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { releaseWebhook } from '../pets/adoption.ts';
import { AccountDeletedSchema, AccountExportSchema, DeleteAccountRequestSchema, toAccountExport } from './dto.ts';
import { exportRows, findAccount, removeAccount, soleRepositories } from './store.ts';

const gone = () => new AppError(401, 'invalid_token', 'this session belongs to a user that no longer exists');

export function accountRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);
  return new Hono<AppEnv>()
    .get(
      '/me/export',
      auth,
      route({
        tag: 'account',
        summary: 'Export everything stored about you',
        description:
          'A JSON download: profile and settings, pets with their health history, the vet reports of their repositories, day sessions and work blocks, ' +
          'conversations with the coach, puzzle attempts, badges, the coaching profile, LLM usage and your sessions. Never the GitHub token ' +
          '(`githubToken` says it is stored encrypted and not exported), never another user’s data.',
        security: 'session',
        responses: {
          200: {
            description: 'The export',
            schema: AccountExportSchema,
            headers: { 'Content-Disposition': 'attachment; filename="tamagitto-export-<login>-<YYYY-MM-DD>.json"' },
          },
        },
      }),
      async (c) => {
        const rows = await exportRows(deps.db, c.get('userId'));
        if (!rows) throw gone();
        const now = deps.now();
        c.header('Content-Disposition', `attachment; filename="tamagitto-export-${rows.user.login}-${now.toISOString().slice(0, 10)}.json"`);
        c.header('Cache-Control', 'no-store');
        return c.json(toAccountExport(rows, c.get('sessionId'), now), 200);
      },
    )
    .delete(
      '/me',
      auth,
      route({
        tag: 'account',
        summary: 'Delete your account and everything stored about it',
        description:
          'Type your GitHub login in `confirm` (400 `confirm_mismatch` otherwise, and nothing changes). First the webhooks Tamagitto registered on repositories ' +
          'nobody else adopted are removed with your token (best effort: each one is reported); then, in one transaction, your sessions, the stored token, ' +
          'pets and their history, day sessions and work blocks, conversations, puzzle attempts, badges, the coaching profile, your LLM usage rows, and the ' +
          'repositories nobody else adopted with their vet reports and stored deliveries. Your open WebSockets are closed (code 4401) on every instance.',
        security: 'session',
        body: DeleteAccountRequestSchema,
        responses: { 200: { description: 'Deleted', schema: AccountDeletedSchema } },
      }),
      async (c) => {
        const userId = c.get('userId');
        const user = await findAccount(deps.db, userId);
        if (!user) throw gone();
        if (c.req.valid('json').confirm.trim().toLowerCase() !== user.login.toLowerCase()) {
          throw new AppError(400, 'confirm_mismatch', `type your GitHub login (${user.login}) in "confirm" to delete the account`);
        }
        const webhooks: { repository: string; removed: boolean; error?: string }[] = [];
        const withHooks = (await soleRepositories(deps.db, userId)).filter((r) => r.webhook_id !== null);
        if (withHooks.length > 0) {
          let token: string | null = null;
          let tokenError = '';
          try {
            token = await userGithubToken(deps, userId);
          } catch (err) {
            tokenError = err instanceof AppError ? err.message : 'no usable GitHub token';
          }
          for (const repo of withHooks) {
            const r = token === null ? { removed: false, error: tokenError } : await releaseWebhook(deps, userId, repo, { token });
            webhooks.push({ repository: `${repo.owner}/${repo.name}`, removed: r.removed, ...(r.error && { error: r.error }) });
          }
        }
        const deleted = await removeAccount(deps.db, userId);
        if (!deleted) throw gone();
        await deps.bus.publish(CHANNELS.userDeleted, { userId }).catch((err: unknown) => {
          c.get('log').warn({ err: { message: (err as Error).message } }, 'could not announce the deleted account to other instances');
        });
        c.get('log').info({ deleted, webhooksRemoved: webhooks.filter((w) => w.removed).length, webhooksLeft: webhooks.filter((w) => !w.removed).length }, 'account deleted');
        return c.json({ deleted, webhooks }, 200);
      },
    );
}
