/**
 * The user's own Anthropic key for the coach. It lives in
 * chrome.storage.session — memory only, gone when the browser closes, and not
 * readable by content scripts (Chrome's default access level for that area) —
 * and leaves the browser only as the `X-Anthropic-Key` header to our API,
 * which hands it to Anthropic and never stores it (api/src/coach/routes.ts).
 */
const STORAGE_KEY = 'anthropicKey';

export async function readAnthropicKey(): Promise<string | null> {
  const got = (await chrome.storage.session.get(STORAGE_KEY)) as Record<string, unknown>;
  const key = got[STORAGE_KEY];
  return typeof key === 'string' && key !== '' ? key : null;
}

/** `null` or '' forgets the key. */
export async function saveAnthropicKey(key: string | null): Promise<void> {
  const trimmed = key?.trim() ?? '';
  if (trimmed) await chrome.storage.session.set({ [STORAGE_KEY]: trimmed });
  else await chrome.storage.session.remove(STORAGE_KEY);
}

/** The same printable-ASCII shape the API accepts, so a typo is caught before a request. */
export function looksLikeAnthropicKey(key: string): boolean {
  return /^[\x21-\x7e]{8,300}$/.test(key.trim());
}
