/**
 * Options → Coach: the user's own Anthropic key for Claude answers. Optional:
 * without it the coach is rule-based. Kept in chrome.storage.session
 * (shared/anthropic-key.ts), so it is forgotten when the browser closes.
 */
import { useEffect, useState } from 'preact/hooks';
import { looksLikeAnthropicKey, readAnthropicKey, saveAnthropicKey } from '../shared/anthropic-key.ts';
import { t } from '../shared/i18n.ts';

export function CoachKeySection() {
  const [saved, setSaved] = useState<boolean | null>(null);
  const [input, setInput] = useState('');
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void readAnthropicKey().then((k) => setSaved(k !== null));
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!looksLikeAnthropicKey(input)) return setNote({ kind: 'error', text: t('ck_bad_key') });
    await saveAnthropicKey(input);
    setInput('');
    setSaved(true);
    setNote({ kind: 'ok', text: t('ck_saved') });
  };
  const forget = async () => {
    await saveAnthropicKey(null);
    setSaved(false);
    setNote({ kind: 'ok', text: t('ck_forgotten') });
  };

  return (
    <section aria-labelledby="coach-title">
      <h2 id="coach-title">{t('ck_title')}</h2>
      <p data-testid="coach-key-state">{saved === null ? '' : saved ? t('ck_state_key') : t('ck_state_rules')}</p>
      <form class="row" onSubmit={(e) => void save(e)}>
        <label class="field">
          <span>{t('ck_label')}</span>
          <input name="anthropicKey" type="password" autoComplete="off" spellcheck={false} value={input} onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit" disabled={!input.trim()}>
          {saved ? t('ck_replace') : t('ck_use')}
        </button>
        {saved && (
          <button type="button" onClick={() => void forget()}>
            {t('ck_forget')}
          </button>
        )}
      </form>
      {note && (
        <p class={note.kind} role={note.kind === 'ok' ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
      <p class="muted small">{t('ck_help')}</p>
    </section>
  );
}
