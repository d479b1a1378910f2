/**
 * Options → Account while signed in: sign out (revokes the session on the
 * server, then clears this browser — clearing happens even when the server
 * cannot be told), export my data (the JSON of GET /api/me/export as a
 * download), and delete the account (a dialog that says what goes, confirmed
 * by typing the login; the answer lists the rows deleted and each webhook
 * removed or not).
 */
import type { AccountDeletedDto, SessionDto } from '@tamagitto/domain';
import { useRef, useState } from 'preact/hooks';
import { apiClient, ApiRequestError, errorText, type ApiTarget } from '../shared/api-client.ts';
import { t, uiLanguage, type MessageKey } from '../shared/i18n.ts';
import { request } from '../shared/messages.ts';
import { clearAccount } from '../shared/storage.ts';

/** How long sign-out waits for the server before clearing this browser anyway. */
const LOGOUT_TIMEOUT_MS = 5_000;

export type StatusNote = { kind: 'ok' | 'error'; text: string };

/** After the server said yes, or could not be asked: the browser forgets the account either way. */
async function forgetLocally(): Promise<void> {
  await clearAccount();
  await request('session/changed', {}).catch(() => undefined);
}

/** What sign-out says: the server revoked the session, or why it could not, and what that means. */
export function signOutNote(err: unknown, expiresAt: string): StatusNote {
  if (!err || (err instanceof ApiRequestError && err.unauthorized))
    return { kind: 'ok', text: t('acct_signed_out') };
  const until = new Date(expiresAt).toLocaleString(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  const why = err instanceof DOMException && err.name === 'TimeoutError' ? t('acct_no_answer') : errorText(err).replace(/\.$/, '');
  return { kind: 'ok', text: t('acct_signed_out_locally', [why, until]) };
}

/** "3 pets, 41 health history entries, …": the non-zero counts of a deletion, in words. */
export function deletedSummary(d: AccountDeletedDto['deleted']): string {
  // Each count in words: acct_del_NAME_one ("1 pet") and acct_del_NAME ("$1 pets").
  const names: [keyof AccountDeletedDto['deleted'], MessageKey, MessageKey][] = [
    ['pets', 'acct_del_pets_one', 'acct_del_pets'],
    ['healthHistory', 'acct_del_history_one', 'acct_del_history'],
    ['repositories', 'acct_del_repos_one', 'acct_del_repos'],
    ['vetReports', 'acct_del_vet_one', 'acct_del_vet'],
    ['webhookDeliveries', 'acct_del_pushes_one', 'acct_del_pushes'],
    ['daySessions', 'acct_del_days_one', 'acct_del_days'],
    ['workBlocks', 'acct_del_blocks_one', 'acct_del_blocks'],
    ['conversations', 'acct_del_messages_one', 'acct_del_messages'],
    ['puzzleAttempts', 'acct_del_answers_one', 'acct_del_answers'],
    ['badges', 'acct_del_badges_one', 'acct_del_badges'],
    ['coachingProfiles', 'acct_del_profiles_one', 'acct_del_profiles'],
    ['nudgeClaims', 'acct_del_nudges_one', 'acct_del_nudges'],
    ['llmUsage', 'acct_del_usage_one', 'acct_del_usage'],
    ['sessions', 'acct_del_sessions_one', 'acct_del_sessions'],
  ];
  const parts = names.filter(([k]) => d[k] > 0).map(([k, one, many]) => (d[k] === 1 ? t(one) : t(many, d[k].toLocaleString(uiLanguage()))));
  return parts.length ? parts.join(', ') : t('acct_del_nothing');
}

export function AccountSection({ session, target, onSignedOut, onNote }: { session: SessionDto; target: ApiTarget; onSignedOut: (note: StatusNote, deleted?: AccountDeletedDto) => void; onNote: (note: StatusNote | null) => void }) {
  const [busy, setBusy] = useState<null | 'signout' | 'export' | 'delete'>(null);
  const [confirm, setConfirm] = useState('');
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement | null>(null);
  const login = session.user.login;
  const matches = confirm.trim().toLowerCase() === login.toLowerCase();

  const signOut = async () => {
    setBusy('signout');
    onNote(null);
    let failure: unknown = null;
    try {
      await apiClient(target).POST('/api/auth/logout', { signal: AbortSignal.timeout(LOGOUT_TIMEOUT_MS) });
    } catch (err) {
      failure = err;
    }
    await forgetLocally();
    setBusy(null);
    onSignedOut(signOutNote(failure, session.expiresAt));
  };

  const exportData = async () => {
    setBusy('export');
    onNote(null);
    try {
      const { data, response } = await apiClient(target).GET('/api/me/export', { parseAs: 'blob' });
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `tamagitto-export-${login}.json`;
      const url = URL.createObjectURL(data as Blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      onNote({ kind: 'ok', text: t('acct_export_done', name) });
    } catch (err) {
      onNote({ kind: 'error', text: t('acct_export_failed', errorText(err)) });
    } finally {
      setBusy(null);
    }
  };

  const openDelete = () => {
    setConfirm('');
    setDeleteError(null);
    dialog.current?.showModal();
  };

  const deleteAccount = async (e: Event) => {
    e.preventDefault();
    if (!matches) return;
    setBusy('delete');
    setDeleteError(null);
    try {
      const { data } = await apiClient(target).DELETE('/api/me', { body: { confirm: confirm.trim() } });
      const result = data as AccountDeletedDto;
      dialog.current?.close();
      await forgetLocally();
      const notRemoved = result.webhooks.filter((w) => !w.removed).length;
      onSignedOut(
        {
          kind: notRemoved ? 'error' : 'ok',
          text: notRemoved ? (notRemoved === 1 ? t('acct_deleted_hook_left') : t('acct_deleted_hooks_left', notRemoved)) : t('acct_deleted'),
        },
        result,
      );
    } catch (err) {
      setDeleteError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <p>{session.user.name ? t('acct_signed_in_as_named', [login, session.user.name]) : t('acct_signed_in_as', login)}</p>
      <div class="button-row">
        <button type="button" onClick={() => void signOut()} disabled={busy !== null}>
          {busy === 'signout' ? t('acct_signing_out') : t('acct_sign_out')}
        </button>
        <button type="button" onClick={() => void exportData()} disabled={busy !== null}>
          {busy === 'export' ? t('acct_preparing') : t('acct_export')}
        </button>
        <button type="button" class="danger" onClick={openDelete} disabled={busy !== null}>
          {t('acct_delete_open')}
        </button>
      </div>
      <p class="muted small">{t('acct_help')}</p>

      <dialog ref={dialog} class="dialog" aria-labelledby="delete-title" aria-describedby="delete-what" data-testid="delete-dialog">
        <form onSubmit={(e) => void deleteAccount(e)}>
          <h2 id="delete-title">{t('acct_delete_title')}</h2>
          <div id="delete-what">
            <p>{t('acct_delete_intro')}</p>
            <ul class="small">
              <li>{t('acct_delete_account')}</li>
              <li>{t('acct_delete_pets')}</li>
              <li>{t('acct_delete_coaching')}</li>
              <li>{t('acct_delete_puzzles')}</li>
              <li>{t('acct_delete_repos')}</li>
            </ul>
            <p class="small">{t('acct_delete_kept')}</p>
          </div>
          <label class="field">
            <span>{t('acct_delete_confirm', login)}</span>
            <input name="confirmLogin" autoComplete="off" spellcheck={false} value={confirm} onInput={(e) => setConfirm((e.currentTarget as HTMLInputElement).value)} />
          </label>
          {deleteError && (
            <p class="error" role="alert">
              {t('acct_not_deleted', deleteError)}
            </p>
          )}
          <div class="button-row">
            <button type="button" onClick={() => dialog.current?.close()} disabled={busy === 'delete'}>
              {t('acct_cancel')}
            </button>
            <button type="submit" class="danger-strong" disabled={!matches || busy === 'delete'}>
              {busy === 'delete' ? t('acct_deleting') : t('acct_delete')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** What a deletion removed, shown after the account is gone (the page is signed out by then). */
export function DeletionReport({ result }: { result: AccountDeletedDto }) {
  return (
    <section aria-labelledby="deleted-title" data-testid="deletion-report">
      <h2 id="deleted-title">{t('acct_deleted_title')}</h2>
      <p>{t('acct_deleted_summary', deletedSummary(result.deleted))}</p>
      {result.webhooks.length > 0 ? (
        <ul class="webhook-results">
          {result.webhooks.map((w) => (
            <li key={w.repository} class={w.removed ? 'ok' : 'error'}>
              {w.removed ? t('acct_hook_removed', w.repository) : t('acct_hook_not_removed', [w.repository, w.error ?? t('acct_no_reason')])}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">{t('acct_no_hooks')}</p>
      )}
    </section>
  );
}
