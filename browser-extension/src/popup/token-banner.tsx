/**
 * "GitHub rejected your token — sign in again": GET /api/me says how GitHub
 * last answered the token the server keeps for this user (the token itself
 * never leaves the server). Asked once per popup open; a failure shows
 * nothing here (the header already says when the server cannot be reached).
 */
import { t } from '../shared/i18n.ts';
import type { MeDto } from '@tamagitto/domain';
import { useEffect, useState } from 'preact/hooks';
import { apiClient, ok, type ApiTarget } from '../shared/api-client.ts';

/** The options page opened on its sign-in form, even while a session exists (options-app.tsx reads the hash). */
export const SIGN_IN_AGAIN_PATH = 'src/options/index.html#sign-in';

export function openSignInAgain(): void {
  void chrome.tabs.create({ url: chrome.runtime.getURL(SIGN_IN_AGAIN_PATH) });
}

/** null while signed out, loading, or when the server could not be asked. */
export function useTokenStatus(target: ApiTarget | null): MeDto['token'] | null {
  const [token, setToken] = useState<MeDto['token'] | null>(null);
  useEffect(() => {
    if (!target) return setToken(null);
    const ctrl = new AbortController();
    ok(apiClient(target).GET('/api/me', { signal: ctrl.signal })).then(
      (me) => !ctrl.signal.aborted && setToken(me.token),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [target]);
  return token;
}

export function TokenBanner({ token }: { token: MeDto['token'] | null }) {
  if (token?.status !== 'rejected') return null;
  return (
    <div class="banner" role="alert" data-testid="token-banner">
      <p>
        <strong>{t('tok_title')}</strong>
        {` ${token.reason ? `${t('tok_said', token.reason.replace(/\.$/, ''))} ` : ''}${t('tok_until')}`}
      </p>
      <button type="button" class="primary" onClick={openSignInAgain}>
        {t('tok_sign_in_again')}
      </button>
    </div>
  );
}
