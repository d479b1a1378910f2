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
    return { kind: 'ok', text: 'Signed out: the server revoked this session, and everything Tamagitto stored in this browser was cleared.' };
  const until = new Date(expiresAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const why = err instanceof DOMException && err.name === 'TimeoutError' ? 'it did not answer in time' : errorText(err).replace(/\.$/, '');
  return {
    kind: 'ok',
    text: `Signed out in this browser, which is cleared. The server could not be told (${why}), so the session stays valid there until it expires (${until}).`,
  };
}

/** "3 pets, 41 health history entries, …": the non-zero counts of a deletion, in words. */
export function deletedSummary(d: AccountDeletedDto['deleted']): string {
  const names: [keyof AccountDeletedDto['deleted'], string, string][] = [
    ['pets', 'pet', 'pets'],
    ['healthHistory', 'health history entry', 'health history entries'],
    ['repositories', 'repository nobody else adopted', 'repositories nobody else adopted'],
    ['vetReports', 'vet report', 'vet reports'],
    ['webhookDeliveries', 'stored push', 'stored pushes'],
    ['daySessions', 'day session', 'day sessions'],
    ['workBlocks', 'work block', 'work blocks'],
    ['conversations', 'coach conversation message', 'coach conversation messages'],
    ['puzzleAttempts', 'puzzle answer', 'puzzle answers'],
    ['badges', 'badge', 'badges'],
    ['coachingProfiles', 'coaching profile', 'coaching profiles'],
    ['nudgeClaims', 'nudge record', 'nudge records'],
    ['llmUsage', 'coach usage record', 'coach usage records'],
    ['sessions', 'sign-in session', 'sign-in sessions'],
  ];
  const parts = names.filter(([k]) => d[k] > 0).map(([k, one, many]) => `${d[k]} ${d[k] === 1 ? one : many}`);
  return parts.length ? parts.join(', ') : 'no data besides the account itself';
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
      onNote({ kind: 'ok', text: `Your data is downloading as ${name}. It holds everything stored about you except the GitHub token, which is never exported.` });
    } catch (err) {
      onNote({ kind: 'error', text: `Export failed: ${errorText(err)}` });
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
          text: notRemoved
            ? `Your account is deleted, but ${notRemoved === 1 ? 'one webhook' : `${notRemoved} webhooks`} could not be removed from GitHub: remove ${notRemoved === 1 ? 'it' : 'them'} by hand (listed below).`
            : 'Your account is deleted, and this browser is cleared.',
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
      <p>
        Signed in as <strong>{login}</strong>
        {session.user.name ? ` (${session.user.name})` : ''}.
      </p>
      <div class="button-row">
        <button type="button" onClick={() => void signOut()} disabled={busy !== null}>
          {busy === 'signout' ? 'Signing out…' : 'Sign out'}
        </button>
        <button type="button" onClick={() => void exportData()} disabled={busy !== null}>
          {busy === 'export' ? 'Preparing…' : 'Export my data'}
        </button>
        <button type="button" class="danger" onClick={openDelete} disabled={busy !== null}>
          Delete account…
        </button>
      </div>
      <p class="muted small">Sign out ends this session on the server too. The export is a JSON file of everything stored about you.</p>

      <dialog ref={dialog} class="dialog" aria-labelledby="delete-title" aria-describedby="delete-what" data-testid="delete-dialog">
        <form onSubmit={(e) => void deleteAccount(e)}>
          <h2 id="delete-title">Delete your Tamagitto account?</h2>
          <div id="delete-what">
            <p>This cannot be undone. The server deletes, for good:</p>
            <ul class="small">
              <li>your account, the stored GitHub token and every sign-in session;</li>
              <li>all your pets with their health history;</li>
              <li>day sessions and work blocks, coach conversations, the coaching profile, nudge records and your coach usage log;</li>
              <li>puzzle answers and badges;</li>
              <li>
                repositories nobody else adopted, with their vet reports and stored pushes — and first the <strong>webhooks</strong> Tamagitto registered on them on
                GitHub, removed with your token (you will see which ones, if any, could not be).
              </li>
            </ul>
            <p class="small">
              Not touched: your repositories and commits on GitHub (journal entries already written stay there), and repositories someone else also adopted.
            </p>
          </div>
          <label class="field">
            <span>{`Type your GitHub login (${login}) to confirm`}</span>
            <input name="confirmLogin" autoComplete="off" spellcheck={false} value={confirm} onInput={(e) => setConfirm((e.currentTarget as HTMLInputElement).value)} />
          </label>
          {deleteError && (
            <p class="error" role="alert">
              {`Not deleted: ${deleteError}`}
            </p>
          )}
          <div class="button-row">
            <button type="button" onClick={() => dialog.current?.close()} disabled={busy === 'delete'}>
              Cancel
            </button>
            <button type="submit" class="danger-strong" disabled={!matches || busy === 'delete'}>
              {busy === 'delete' ? 'Deleting…' : 'Delete my account'}
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
      <h2 id="deleted-title">What was deleted</h2>
      <p>{`Deleted: ${deletedSummary(result.deleted)}.`}</p>
      {result.webhooks.length > 0 ? (
        <ul class="webhook-results">
          {result.webhooks.map((w) => (
            <li key={w.repository} class={w.removed ? 'ok' : 'error'}>
              {w.removed
                ? `${w.repository}: webhook removed from GitHub.`
                : `${w.repository}: webhook NOT removed (${w.error ?? 'no reason given'}). Remove it by hand: github.com/${w.repository} → Settings → Webhooks.`}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">No webhook needed removing (none was registered on a repository only you had adopted).</p>
      )}
    </section>
  );
}
