import type { Octokit } from '@octokit/rest';
import { githubStatus } from './client.ts';

/**
 * What registering came to: the hook's id, or why not (`error`, stored as repositories.webhook_error and
 * shown to the user) and its kind — `no_permission` (GitHub 403/404: not a repo admin, or the token lacks
 * admin:repo_hook / Webhooks: write), `refused` (422: GitHub would not accept the URL), `failed` (anything else).
 */
export interface WebhookRegistration {
  id: number | null;
  error: string | null;
  kind: 'registered' | 'no_permission' | 'refused' | 'failed';
}

/**
 * Registers our push/pull_request webhook on a repo. Needs admin rights on the
 * repo and a token with `admin:repo_hook` (or fine-grained "Webhooks: write");
 * without them adoption still works — the worker's poller covers the repo —
 * and the reason is recorded so the UI can say why live updates are slower.
 */
export async function registerWebhook(
  gh: Octokit,
  repo: { owner: string; name: string },
  hook: { url: string; secret: string },
): Promise<WebhookRegistration> {
  try {
    const existing = await gh.rest.repos.listWebhooks({ owner: repo.owner, repo: repo.name, per_page: 100 });
    const mine = existing.data.find((h) => h.config?.url === hook.url);
    if (mine) return { id: mine.id, error: null, kind: 'registered' };
    const created = await gh.rest.repos.createWebhook({
      owner: repo.owner,
      repo: repo.name,
      name: 'web',
      active: true,
      events: ['push', 'pull_request'],
      config: { url: hook.url, content_type: 'json', secret: hook.secret, insecure_ssl: '0' },
    });
    return { id: created.data.id, error: null, kind: 'registered' };
  } catch (err) {
    const status = githubStatus(err);
    if (status === 403 || status === 404) {
      return {
        id: null,
        error: 'no permission to add a webhook (needs repo admin and the admin:repo_hook scope); updates arrive by polling',
        kind: 'no_permission',
      };
    }
    if (status === 422) return { id: null, error: 'GitHub refused the webhook (is PUBLIC_URL reachable from the internet?); updates arrive by polling', kind: 'refused' };
    return { id: null, error: `webhook registration failed (GitHub status ${status ?? 'unreachable'}); updates arrive by polling`, kind: 'failed' };
  }
}

/**
 * Removes the webhook Tamagitto registered on a repo (its id is repositories.webhook_id), when
 * the last pet of the repo is released or its only adopter deletes their account. Best effort:
 * the answer says whether GitHub confirmed it, and why not. GitHub answers 404 both for a hook
 * already gone and for a token that may not manage hooks, so a 404 is reported, not assumed removed.
 */
export async function removeWebhook(gh: Octokit, repo: { owner: string; name: string }, hookId: number): Promise<{ removed: boolean; error: string | null }> {
  try {
    await gh.rest.repos.deleteWebhook({ owner: repo.owner, repo: repo.name, hook_id: hookId });
    return { removed: true, error: null };
  } catch (err) {
    const status = githubStatus(err);
    if (status === 401) return { removed: false, error: 'GitHub rejected the token; remove the webhook in the repository settings' };
    if (status === 403 || status === 404) {
      return { removed: false, error: `GitHub answered ${status}: the webhook is already gone, or this token cannot manage the repository's webhooks (needs admin:repo_hook)` };
    }
    return { removed: false, error: `removing the webhook failed (GitHub status ${status ?? 'unreachable'}); remove it in the repository settings` };
  }
}
