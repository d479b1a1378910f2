/**
 * Options → API keys (issue 16): personal keys for CI to request PR checks
 * (`checks:write`) or read pets and their checks (`pets:read`), sent as
 * `X-API-Key`. POST /api/keys answers the key once — it is shown here that
 * one time with a copy button and never stored by the extension; the server
 * keeps only its hash. GET /api/keys lists name, prefix, scopes, created and
 * last used; DELETE /api/keys/{id} revokes one after a confirmation.
 */
import type { components } from '@tamagitto/domain';
import { useEffect, useState } from 'preact/hooks';
import { apiClient, errorText, ok, type ApiTarget } from '../shared/api-client.ts';
import { t, uiLanguage, type MessageKey } from '../shared/i18n.ts';

type ApiKey = components['schemas']['ApiKey'];
type Scope = components['schemas']['ApiKeyScope'];
type Created = components['schemas']['CreatedApiKey'];

export const SCOPES: readonly { scope: Scope; label: MessageKey }[] = [
  { scope: 'checks:write', label: 'keys_scope_checks_write' },
  { scope: 'pets:read', label: 'keys_scope_pets_read' },
];

function when(iso: string | null): string {
  if (!iso) return t('keys_never');
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
}

export function ApiKeysSection({ target }: { target: ApiTarget }) {
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Set<Scope>>(() => new Set<Scope>(['checks:write']));
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const load = async (signal?: AbortSignal) => {
    try {
      const r = await ok(apiClient(target).GET('/api/keys', { signal }));
      if (!signal?.aborted) {
        setKeys(r.keys);
        setLoadError(null);
      }
    } catch (err) {
      if (!signal?.aborted) setLoadError(t('keys_load_failed', errorText(err)));
    }
  };
  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [target]);

  const create = async (e: Event) => {
    e.preventDefault();
    if (!name.trim() || scopes.size === 0) return;
    setBusy(true);
    setNote(null);
    setCopied(false);
    try {
      const key = await ok(apiClient(target).POST('/api/keys', { body: { name: name.trim(), scopes: SCOPES.map((s) => s.scope).filter((s) => scopes.has(s)) } }));
      setCreated(key);
      setName('');
      await load();
    } catch (err) {
      setNote({ kind: 'error', text: t('keys_create_failed', errorText(err)) });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (key: ApiKey) => {
    setBusy(true);
    setNote(null);
    try {
      await ok(apiClient(target).DELETE('/api/keys/{id}', { params: { path: { id: key.id } } }));
      setConfirming(null);
      if (created?.id === key.id) setCreated(null);
      setNote({ kind: 'ok', text: t('keys_revoked', key.name) });
      await load();
    } catch (err) {
      setNote({ kind: 'error', text: t('keys_revoke_failed', errorText(err)) });
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      setNote({ kind: 'error', text: t('keys_copy_failed') });
    }
  };

  const toggle = (scope: Scope, on: boolean) =>
    setScopes((prev) => {
      const next = new Set(prev);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });

  return (
    <section aria-labelledby="keys-title" data-testid="api-keys">
      <h2 id="keys-title">{t('keys_title')}</h2>
      <p class="muted small">{t('keys_intro')}</p>

      <form onSubmit={(e) => void create(e)} data-testid="api-key-form">
        <label class="field">
          <span>{t('keys_name')}</span>
          <input name="keyName" maxLength={100} autoComplete="off" value={name} placeholder={t('keys_name_example')} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <fieldset class="scopes">
          <legend>{t('keys_scopes')}</legend>
          {SCOPES.map(({ scope, label }) => (
            <label class="check" key={scope}>
              <input type="checkbox" name={`scope-${scope}`} checked={scopes.has(scope)} onChange={(e) => toggle(scope, (e.currentTarget as HTMLInputElement).checked)} />
              <span>
                <code>{scope}</code> {t(label)}
              </span>
            </label>
          ))}
        </fieldset>
        {scopes.size === 0 && <p class="muted small">{t('keys_pick_scope')}</p>}
        <button type="submit" disabled={busy || !name.trim() || scopes.size === 0}>
          {t('keys_create')}
        </button>
      </form>

      {created && (
        <div class="new-key" role="status" data-testid="api-key-created">
          <p>
            <strong>{t('keys_created_title', created.name)}</strong> {t('keys_created_once')}
          </p>
          <div class="row">
            <label class="field">
              <span>{t('keys_the_key')}</span>
              <input readOnly value={created.key} data-testid="api-key-value" spellcheck={false} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
            </label>
            <button type="button" onClick={() => void copy()}>
              {copied ? t('keys_copied') : t('keys_copy')}
            </button>
          </div>
          <button type="button" onClick={() => setCreated(null)}>
            {t('keys_done')}
          </button>
        </div>
      )}

      {note && (
        <p class={note.kind === 'ok' ? 'ok' : 'error'} role={note.kind === 'ok' ? 'status' : 'alert'} data-testid="api-keys-note">
          {note.text}
        </p>
      )}

      <h3>{t('keys_list_title')}</h3>
      {loadError ? (
        <p class="error" role="alert">
          {loadError}
        </p>
      ) : keys === null ? (
        <p class="muted small">{t('keys_loading')}</p>
      ) : keys.length === 0 ? (
        <p class="muted" data-state="empty" data-testid="api-keys-empty">
          {t('keys_empty')}
        </p>
      ) : (
        <ul class="key-list" data-testid="api-key-list">
          {keys.map((k) => (
            <li key={k.id} data-key-id={k.id}>
              <div>
                <strong>{k.name}</strong> <code>{`${k.prefix}…`}</code>
              </div>
              <div class="small">{k.scopes.join(', ')}</div>
              <div class="muted small">{t('keys_dates', [when(k.createdAt), when(k.lastUsedAt)])}</div>
              {confirming === k.id ? (
                <div class="row" role="group" aria-label={t('keys_confirm_label', k.name)}>
                  <span class="small">{t('keys_confirm', k.name)}</span>
                  <button type="button" class="danger" disabled={busy} onClick={() => void revoke(k)}>
                    {t('keys_revoke_confirm')}
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    {t('keys_cancel')}
                  </button>
                </div>
              ) : (
                <button type="button" aria-label={t('keys_revoke_named', k.name)} onClick={() => setConfirming(k.id)}>
                  {t('keys_revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
