/**
 * The states every coaching tab shares: loading, error with retry, and "not
 * available on this server" (a 404 for the whole feature — an older API).
 */
import type { ComponentChildren } from 'preact';
import { t } from '../shared/i18n.ts';
import type { Remote } from './use-remote.ts';

/** `what` is the feature's name in the user's language ("Day sessions", "Tagessitzungen"), as a heading would write it. */
export function Unavailable({ what }: { what: string }) {
  return (
    <div class="empty-state" data-state="unavailable">
      <h2>{t('rv_unavailable', what)}</h2>
      <p class="muted">{t('rv_unavailable_text')}</p>
    </div>
  );
}

export function RemoteView<T>({ remote, what, retry, children }: { remote: Remote<T>; what: string; retry: () => void; children: (data: T) => ComponentChildren }) {
  if (remote.kind === 'loading')
    return (
      <p class="muted" role="status" data-state="loading">
        {t('rv_loading')}
      </p>
    );
  if (remote.kind === 'unavailable') return <Unavailable what={what} />;
  if (remote.kind === 'error')
    return (
      <div data-state="error">
        <p class="error" role="alert">
          {remote.message}
        </p>
        <button type="button" class="secondary" onClick={retry}>
          {t('rv_try_again')}
        </button>
      </div>
    );
  return <>{children(remote.data)}</>;
}

/** A rate-limit or partial-data notice: shown, never blocking the data under it. */
export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p class="notice small" role="status" data-testid="rate-limit">
      {text}
    </p>
  );
}

