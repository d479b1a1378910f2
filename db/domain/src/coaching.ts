/**
 * Coaching profiles. The product asks for "Peter/Ransom detection" without
 * defining it; we detect two work patterns:
 *
 * - Peter — starts much, finishes little: many own PRs open at once (≥ 4), or
 *   most recent work blocks abandoned early (≥ 4 blocks in 14 days, at least
 *   half shorter than 20 minutes).
 * - Ransom — others' work waits on you: ≥ 2 review requests older than 2 days.
 *
 * When both match, Ransom wins: a teammate blocked on you costs more than
 * your own unfinished work. The profile picks the coach's prompt style and
 * which nudges fire.
 */

export type CoachPattern = 'peter' | 'ransom' | 'balanced';


export interface ProfileSignals {
  openOwnPrs: number | null;
  agingReviewRequests: number | null;
  blocks14d: number;
  shortBlocks14d: number;
}

export const PETER_OPEN_PRS = 4;
export const PETER_MIN_BLOCKS = 4;
export const SHORT_BLOCK_MIN = 20;
export const RANSOM_AGING_REVIEWS = 2;

export function detectPattern(s: ProfileSignals): CoachPattern {
  const ransom = (s.agingReviewRequests ?? 0) >= RANSOM_AGING_REVIEWS;
  const peter = (s.openOwnPrs ?? 0) >= PETER_OPEN_PRS || (s.blocks14d >= PETER_MIN_BLOCKS && s.shortBlocks14d / s.blocks14d >= 0.5);
  return ransom ? 'ransom' : peter ? 'peter' : 'balanced';
}

/** How each pattern is coached: the system-prompt style and the one-line nudge flavour. */
export const PATTERN_STYLE: Record<CoachPattern, { prompt: string; focus: string }> = {
  peter: {
    prompt: 'This developer starts many things and finishes few. Be warm but firm: steer every answer towards finishing one open item before starting another.',
    focus: 'Finish one thing before starting the next.',
  },
  ransom: {
    prompt: 'Teammates are waiting on this developer’s reviews. Steer answers towards unblocking others first: short reviews, clear decisions.',
    focus: 'Unblock your teammates first.',
  },
  balanced: {
    prompt: 'This developer’s work pattern is balanced. Be brief, concrete and encouraging.',
    focus: 'Keep the rhythm.',
  },
};

