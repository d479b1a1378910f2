/**
 * Options → Coach: the user's own Anthropic key for Claude answers. Optional:
 * without it the coach is rule-based. Kept in chrome.storage.session
 * (shared/anthropic-key.ts), so it is forgotten when the browser closes.
 */
import { useEffect, useState } from 'preact/hooks';
import { looksLikeAnthropicKey, readAnthropicKey, saveAnthropicKey } from '../shared/anthropic-key.ts';

export function CoachKeySection() {
  const [saved, setSaved] = useState<boolean | null>(null);
  const [input, setInput] = useState('');
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void readAnthropicKey().then((k) => setSaved(k !== null));
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!looksLikeAnthropicKey(input)) return setNote({ kind: 'error', text: 'That does not look like an API key (8–300 characters, no spaces).' });
    await saveAnthropicKey(input);
    setInput('');
    setSaved(true);
    setNote({ kind: 'ok', text: 'Key kept until you close the browser. The coach now answers with Claude.' });
  };
  const forget = async () => {
    await saveAnthropicKey(null);
    setSaved(false);
    setNote({ kind: 'ok', text: 'Key forgotten. The coach is rule-based again.' });
  };

  return (
    <section aria-labelledby="coach-title">
      <h2 id="coach-title">Coach</h2>
      <p data-testid="coach-key-state">{saved === null ? '' : saved ? 'Claude answers with your Anthropic key.' : 'Rule-based coach: no Anthropic key set.'}</p>
      <form class="row" onSubmit={(e) => void save(e)}>
        <label class="field">
          <span>Anthropic API key (optional)</span>
          <input name="anthropicKey" type="password" autoComplete="off" spellcheck={false} value={input} onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit" disabled={!input.trim()}>
          {saved ? 'Replace' : 'Use key'}
        </button>
        {saved && (
          <button type="button" onClick={() => void forget()}>
            Forget
          </button>
        )}
      </form>
      {note && (
        <p class={note.kind} role={note.kind === 'ok' ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
      <p class="muted small">
        Kept only in this browser's memory (chrome.storage.session) and forgotten when the browser closes. It is sent nowhere but your Tamagitto server, as the
        X-Anthropic-Key header of coach requests; the server passes it to Anthropic for that answer and never stores or logs it. Claude answers are billed to your key.
      </p>
    </section>
  );
}
