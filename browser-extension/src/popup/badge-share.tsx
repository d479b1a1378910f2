/**
 * "Share as Gist" under the Puzzle tab's badges: POST /api/badges/share makes
 * a secret Gist of this week's badges with the user's GitHub token. Pets need
 * no `gist` permission, so sign-in does not ask for it: the button says it is
 * needed, and only when GitHub refuses (403) does the popup explain how to add
 * it — to a classic token (`gist`), to a fine-grained one (Gists: read and
 * write). On a server with GitHub sign-in, "Allow Gists with GitHub" opens
 * the options page (src/options/github-oauth.ts), which signs in again asking
 * GitHub for `gist` too — the only time Tamagitto asks for it.
 */
import { useState } from 'preact/hooks';
import { ApiRequestError, apiClient, errorText, ok, type ApiTarget } from '../shared/api-client.ts';
import { t } from '../shared/i18n.ts';
import { safeHref } from './vet-reports.tsx';

/** Where "Allow Gists with GitHub" opens the options page: options-app.tsx reads the hash and asks GitHub for gist (src/options/github-oauth.ts). */
export const GIST_GRANT_PATH = 'src/options/index.html#gist';

/** Whether this server offers GitHub sign-in (its OAuth start answers), for the "Allow Gists with GitHub" button. */
async function offersGitHubSignIn(target: ApiTarget): Promise<boolean> {
  try {
    const redirect_uri = chrome.identity.getRedirectURL();
    await ok(apiClient({ origin: target.origin, token: null }).GET('/api/auth/github', { params: { query: { redirect_uri, scopes: 'gist' } } }));
    return true;
  } catch {
    return false;
  }
}

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'shared'; url: string } | { kind: 'no-permission' } | { kind: 'error'; text: string };

export function BadgeShare({ target }: { target: ApiTarget }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [oauth, setOauth] = useState(false);
  const share = async () => {
    setState({ kind: 'busy' });
    try {
      const r = await ok(apiClient(target).POST('/api/badges/share', { body: {} }));
      setState({ kind: 'shared', url: r.url });
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 403) {
        setOauth(await offersGitHubSignIn(target));
        setState({ kind: 'no-permission' });
      } else setState({ kind: 'error', text: errorText(err) });
    }
  };
  const href = state.kind === 'shared' ? safeHref(state.url) : null;
  return (
    <div class="badge-share" data-testid="badge-share">
      <div class="button-row">
        <button type="button" disabled={state.kind === 'busy'} onClick={() => void share()}>
          {state.kind === 'busy' ? t('gist_sharing') : t('gist_share')}
        </button>
      </div>
      <p class="muted small">{t('gist_needs')}</p>
      <div role="status">
        {state.kind === 'shared' && (
          <p class="small">
            {t('gist_shared')}{' '}
            {href ? (
              <a href={href} target="_blank" rel="noreferrer noopener">
                {state.url}
              </a>
            ) : (
              state.url
            )}
          </p>
        )}
      </div>
      {state.kind === 'no-permission' && (
        <div class="banner warn" role="alert" data-testid="gist-permission">
          <p>
            <strong>{t('gist_no_permission')}</strong>
          </p>
          <ul class="small steps">
            <li>{t('gist_how_classic')}</li>
            <li>{t('gist_how_fine_grained')}</li>
            {oauth && <li>{t('gist_how_oauth')}</li>}
          </ul>
          <div class="button-row">
            {oauth && (
              <button type="button" class="primary" data-testid="gist-allow-oauth" onClick={() => void chrome.tabs.create({ url: chrome.runtime.getURL(GIST_GRANT_PATH) })}>
                {t('gist_allow_oauth')}
              </button>
            )}
            <button type="button" onClick={() => chrome.runtime.openOptionsPage()}>
              {t('gist_open_settings')}
            </button>
          </div>
        </div>
      )}
      {state.kind === 'error' && (
        <p class="error" role="alert">
          {t('gist_failed', state.text)}
        </p>
      )}
    </div>
  );
}
