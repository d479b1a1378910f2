/**
 * Why the github.com overlay could not show what it came for, in one line of
 * cause and one action (issue 17, "Failures explained"): the worker's failure
 * keeps the API error's code and status (shared/messages.ts RequestFailed),
 * and this picks the words and what a click does. Pure, so it is unit-tested.
 */
import { githubRateLimited } from '../shared/api-client.ts';
import type { MessageKey } from '../shared/i18n.ts';

export type OverlayFailure = 'network' | 'github_rate_limited' | 'token' | 'session' | 'other';

/** The line (cause — action) for each failure, and whether its action is signing in again (else: try again). */
export const FAILURE_LINE: Record<OverlayFailure, { key: MessageKey; signIn: boolean }> = {
  network: { key: 'overlay_fail_network', signIn: false },
  github_rate_limited: { key: 'overlay_fail_github_rate_limited', signIn: false },
  token: { key: 'overlay_fail_token', signIn: true },
  session: { key: 'overlay_fail_session', signIn: true },
  other: { key: 'overlay_fail_other', signIn: false },
};

/**
 * A worker failure as one of the overlay's failures; null when there is
 * nothing to explain (a server without PR checks answers 404: the overlay stays away).
 *
 * @example overlayFailure({ code: 'network', status: 0 }) // 'network'
 */
export function overlayFailure(err: unknown): OverlayFailure | null {
  const { code, status, message } = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; status?: unknown; message?: unknown };
  if (status === 404) return null;
  if (code === 'network') return 'network';
  if (typeof code === 'string' && githubRateLimited(code, String(message ?? ''))) return 'github_rate_limited';
  if (code === 'github_unauthorized') return 'token';
  if (status === 401 || message === 'Signed out') return 'session';
  return 'other';
}
