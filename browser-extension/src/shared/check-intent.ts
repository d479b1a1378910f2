/**
 * Which PR check the popup should open: the github.com overlay's prediction
 * was clicked (src/content/features/pr-prediction.tsx). As with
 * popup-intent.ts, the worker selects the pet, leaves the check id in
 * chrome.storage.session (memory only) and opens the popup; the Pet tab's PR
 * checks (src/popup/pr-checks.tsx) take it once. Older than a minute: ignored.
 */
const KEY = 'checkIntent';
export const CHECK_INTENT_TTL_MS = 60_000;

export interface CheckIntent {
  checkId: string;
  at: number;
}

export function validCheckIntent(raw: unknown, now: number): CheckIntent | null {
  if (!raw || typeof raw !== 'object') return null;
  const { checkId, at } = raw as Record<string, unknown>;
  if (typeof checkId !== 'string' || !checkId || typeof at !== 'number') return null;
  if (now - at < 0 || now - at > CHECK_INTENT_TTL_MS) return null;
  return { checkId, at };
}

export async function setCheckIntent(checkId: string): Promise<void> {
  await chrome.storage.session.set({ [KEY]: { checkId, at: Date.now() } satisfies CheckIntent });
}

/** Reads and removes the intent: it steers one popup open only. */
export async function takeCheckIntent(): Promise<CheckIntent | null> {
  const got = (await chrome.storage.session.get(KEY)) as Record<string, unknown>;
  if (got[KEY] === undefined) return null;
  await chrome.storage.session.remove(KEY);
  return validCheckIntent(got[KEY], Date.now());
}

let taken: Promise<CheckIntent | null> | null = null;

/**
 * `takeCheckIntent` once per popup page, the same answer to every caller. The
 * Pet tab starts it as it mounts, before the PR checks' own chunk (loaded
 * lazily) is in, so the take is not later than the page's first render.
 */
export function takeCheckIntentOnce(): Promise<CheckIntent | null> {
  return (taken ??= takeCheckIntent().catch(() => null));
}
