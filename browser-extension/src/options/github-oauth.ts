/**
 * Signing in with GitHub OAuth from the options page: our API builds
 * GitHub's authorize URL (`GET /api/auth/github`, with `scopes=gist` only
 * when the user shares badges as a Gist — api/src/auth/routes.ts),
 * chrome.identity.launchWebAuthFlow lets the user approve, and the code is
 * traded for a session (`POST /api/auth/github/exchange`). It runs in the
 * options page, not the popup: the popup closes when GitHub's window opens.
 */
import type { SessionDto } from '@tamagitto/domain';
import { apiClient, ok } from '../shared/api-client.ts';
import { t } from '../shared/i18n.ts';

export type ExtraScope = 'gist';

export async function githubOAuthSession(origin: string, redirectUri: string, extra: readonly ExtraScope[] = []): Promise<SessionDto> {
  const api = apiClient({ origin, token: null });
  const query = extra.length ? { redirect_uri: redirectUri, scopes: extra.join(' ') } : { redirect_uri: redirectUri };
  const start = await ok(api.GET('/api/auth/github', { params: { query } }));
  const responseUrl = await chrome.identity.launchWebAuthFlow({ url: start.url, interactive: true });
  if (!responseUrl) throw new Error(t('oauth_cancelled'));
  const params = new URL(responseUrl).searchParams;
  if (params.get('error')) throw new Error(params.get('error_description') ?? t('oauth_refused'));
  // The state we were given must come back: protects against a forged redirect.
  if (params.get('state') !== start.state) throw new Error(t('oauth_state_mismatch'));
  const code = params.get('code');
  if (!code) throw new Error(t('oauth_no_code'));
  return ok(api.POST('/api/auth/github/exchange', { body: { code, redirect_uri: redirectUri } }));
}
