/**
 * Options: API origin, sign-in (PAT or GitHub OAuth via launchWebAuthFlow),
 * sign-out, notifications. The session JWT goes to chrome.storage.local; the
 * GitHub token is sent once to our API and then dropped from memory.
 */
import type { AccountDeletedDto, SessionDto } from '@tamagitto/domain';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { apiClient, ApiRequestError, ok } from '../shared/api-client.ts';
import { request } from '../shared/messages.ts';
import { SettingsForm } from '../shared/settings-form.tsx';
import { TokenPermissions } from './token-permissions.tsx';
import { t } from '../shared/i18n.ts';
import { SpriteView } from '../shared/sprite-view.tsx';
import { clearAccount, forgetPopupSnapshot, normaliseOrigin, readStore, writeStore, type Settings } from '../shared/storage.ts';
import { AccountSection, DeletionReport, type StatusNote } from './account-section.tsx';
import { CoachKeySection } from './coach-key.tsx';
import { ApiKeysSection } from './api-keys.tsx';
import { useTokenStatus } from '../popup/token-banner.tsx';
import { githubOAuthSession } from './github-oauth.ts';

/** Origins our manifest already grants; anything else needs an optional permission. */
export function needsPermission(origin: string): boolean {
  const host = new URL(origin).hostname;
  return !(host === 'localhost' || host === '127.0.0.1');
}

/** The sign-in routes are asked before there is a session. */
const signedOut = (origin: string) => apiClient({ origin, token: null });

type OAuthAvailability = 'checking' | 'available' | 'not-configured' | 'unreachable';

export function OptionsApp({ initial }: { initial: { settings: Settings; session: SessionDto | null } }) {
  const [settings, setSettings] = useState(initial.settings);
  const [session, setSession] = useState(initial.session);
  const [originInput, setOriginInput] = useState(initial.settings.apiOrigin);
  const [token, setToken] = useState('');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [deletion, setDeletion] = useState<AccountDeletedDto | null>(null);
  const [oauth, setOauth] = useState<OAuthAvailability>('checking');
  const redirectUri = chrome.identity.getRedirectURL();
  // The popup's "Sign in again" (token rejected) opens this page at #sign-in: show the sign-in form beside the session.
  const reauth = location.hash === '#sign-in';
  // The popup's "Allow Gists with GitHub" (badge-share.tsx) opens this page at #gist: sign in again asking for gist too.
  const gistGrant = location.hash === '#gist';
  const target = useMemo(() => (session ? { origin: settings.apiOrigin, token: session.token } : null), [session, settings.apiOrigin]);
  const tokenStatus = useTokenStatus(target);

  useEffect(() => {
    setOauth('checking');
    const ctrl = new AbortController();
    ok(signedOut(settings.apiOrigin).GET('/api/auth/github', { params: { query: { redirect_uri: redirectUri } }, signal: ctrl.signal })).then(
      () => setOauth('available'),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setOauth(err instanceof ApiRequestError && err.status === 0 ? 'unreachable' : 'not-configured');
      },
    );
    return () => ctrl.abort();
  }, [settings.apiOrigin, redirectUri]);

  const finishSignIn = async (s: SessionDto) => {
    // A new session, perhaps another account: the popup's snapshot of the last one goes (src/popup/snapshot.ts).
    forgetPopupSnapshot();
    await writeStore({ session: s });
    setSession(s);
    setDeletion(null);
    setToken(''); // never keep the GitHub token around
    await request('session/changed', {}).catch(() => undefined);
    setStatus({ kind: 'ok', text: t('opt_signed_in', s.user.login) });
  };

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setStatus(null);
    try {
      await fn();
    } catch (err) {
      setStatus({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const saveOrigin = (e: Event) => {
    e.preventDefault();
    let origin: string;
    try {
      origin = normaliseOrigin(originInput);
    } catch (err) {
      setStatus({ kind: 'error', text: err instanceof Error && err.message.startsWith('The API') ? err.message : t('opt_bad_url') });
      return;
    }
    // permissions.request must run inside the click's user gesture: before any await.
    const granted = needsPermission(origin) ? chrome.permissions.request({ origins: [`${origin}/*`] }) : Promise.resolve(true);
    void run(async () => {
      if (!(await granted)) throw new Error(t('opt_needs_permission', origin));
      const changed = origin !== settings.apiOrigin;
      const next = { ...settings, apiOrigin: origin };
      if (changed) {
        // A session belongs to one server.
        await clearAccount();
        setSession(null);
      }
      await writeStore({ settings: next });
      setSettings(next);
      setOriginInput(origin);
      await request('session/changed', {}).catch(() => undefined);
      setStatus({ kind: 'ok', text: t('opt_origin_saved', origin) });
    });
  };

  const signInWithToken = (e: Event) => {
    e.preventDefault();
    const pat = token.trim();
    if (!pat) return;
    void run(async () => {
      const s = await ok(signedOut(settings.apiOrigin).POST('/api/auth/pat', { body: { token: pat } }));
      await finishSignIn(s);
    });
  };

  const signInWithGitHub = () => void run(async () => finishSignIn(await githubOAuthSession(settings.apiOrigin, redirectUri)));

  const allowGists = () =>
    void run(async () => {
      const s = await githubOAuthSession(settings.apiOrigin, redirectUri, ['gist']);
      await finishSignIn(s);
      setStatus({ kind: 'ok', text: t('gist_grant_done', s.user.login) });
    });

  const afterSignOut = (note: StatusNote, deleted?: AccountDeletedDto) =>
    void readStore(['settings']).then(({ settings: kept }) => {
      setSettings(kept);
      setSession(null);
      setDeletion(deleted ?? null);
      setStatus(note);
    });

  const toggleNotify = (key: 'notifyDrops' | 'notifyNudges', on: boolean) => {
    const next = { ...settings, [key]: on };
    setSettings(next);
    void writeStore({ settings: next });
  };

  const signInForms = (
    <>
      {oauth === 'available' && (
        <p>
          <button type="button" class="primary" onClick={signInWithGitHub} disabled={busy}>
            {t('opt_sign_in_github')}
          </button>
        </p>
      )}
      {oauth === 'unreachable' && <p class="error">{t('opt_unreachable', settings.apiOrigin)}</p>}
      <form onSubmit={signInWithToken}>
        <label class="field">
          <span>{t('opt_token_label')}</span>
          <input name="token" type="password" autoComplete="off" spellcheck={false} value={token} onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit" class={oauth === 'available' ? '' : 'primary'} disabled={busy || !token.trim()}>
          {busy ? t('opt_signing_in') : t('opt_sign_in_token')}
        </button>
      </form>
      <TokenPermissions />
      <p class="muted small">{t('opt_token_kept')}</p>
    </>
  );

  return (
    <main>
      <div class="header">
        <SpriteView family="blob" state="thriving" stage="adult" size={56} />
        <h1>{t('opt_title')}</h1>
      </div>
      {status && (
        <p class={status.kind === 'ok' ? 'ok' : 'error'} role={status.kind === 'ok' ? 'status' : 'alert'} data-testid="options-status">
          {status.text}
        </p>
      )}

      {deletion && <DeletionReport result={deletion} />}

      <section aria-labelledby="server-title">
        <h2 id="server-title">{t('opt_server')}</h2>
        <form class="row" onSubmit={saveOrigin}>
          <label class="field">
            <span>{t('opt_origin_label')}</span>
            <input name="apiOrigin" type="url" required value={originInput} onInput={(e) => setOriginInput((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="submit" disabled={busy}>
            {t('opt_save')}
          </button>
        </form>
        <p class="muted small">{t('opt_origin_help', 'http://localhost:8787')}</p>
      </section>

      <section aria-labelledby="account-title">
        <h2 id="account-title">{t('opt_account')}</h2>
        {session && target ? (
          <>
            <AccountSection session={session} target={target} onSignedOut={afterSignOut} onNote={setStatus} />
            {tokenStatus?.status === 'rejected' && (
              <p class="error" role="alert" data-testid="options-token-rejected">
                {tokenStatus.reason ? t('opt_token_rejected_why', tokenStatus.reason.replace(/\.$/, '')) : t('opt_token_rejected')}
              </p>
            )}
            {(reauth || tokenStatus?.status === 'rejected') && (
              <div class="reauth" id="sign-in">
                <h3>{t('opt_sign_in_again')}</h3>
                <p class="small">{t('opt_sign_in_again_text')}</p>
                {signInForms}
              </div>
            )}
            {gistGrant && (
              <div class="reauth" id="gist" data-testid="gist-grant">
                <h3>{t('gist_grant_title')}</h3>
                <p class="small">{t('gist_grant_text')}</p>
                {oauth === 'available' ? (
                  <p>
                    <button type="button" class="primary" onClick={allowGists} disabled={busy}>
                      {t('gist_grant_button')}
                    </button>
                  </p>
                ) : (
                  <p class="small">{t('gist_grant_token_only')}</p>
                )}
              </div>
            )}
          </>
        ) : (
          signInForms
        )}
      </section>

      {target && (
        <section aria-labelledby="days-title">
          <h2 id="days-title">{t('opt_days')}</h2>
          <p class="muted small">{t('opt_days_help')}</p>
          <SettingsForm target={target} />
        </section>
      )}

      {session && <CoachKeySection />}
      {target && <ApiKeysSection target={target} />}

      <section aria-labelledby="notify-title">
        <h2 id="notify-title">{t('opt_notifications')}</h2>
        <label class="check">
          <input type="checkbox" checked={settings.notifyDrops} onChange={(e) => toggleNotify('notifyDrops', (e.currentTarget as HTMLInputElement).checked)} />
          {t('opt_notify_drops')}
        </label>
        <label class="check">
          <input name="notifyNudges" type="checkbox" checked={settings.notifyNudges} onChange={(e) => toggleNotify('notifyNudges', (e.currentTarget as HTMLInputElement).checked)} />
          {t('opt_notify_nudges')}
        </label>
      </section>
    </main>
  );
}
