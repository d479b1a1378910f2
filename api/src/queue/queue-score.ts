/**
 * The work queue's `confidence_score` and the "math-test sort".
 *
 * confidence_score — how confidently you can *finish* an item now, 0–100:
 *
 *   ease       = 1 / (1 + lines / 250)          250 changed lines halve it: review
 *                                                quality drops past ~200–400 LOC
 *                                                (SmartBear/Cisco review study).
 *                                                Issues (size unknown): 0.5.
 *                                                Own PR approved with green CI: ≥ 0.9
 *                                                (all that is left is merging).
 *   ci         = success 1 · none 0.7 · pending 0.6 · failure 0.2
 *   directness = review asked of you 1 · own PR 1 · assigned issue 0.6 · team review 0.5
 *   fresh      = 1 − min(1, max(0, ageDays − 14) / 30)   context fades after two weeks
 *
 *   score = round(100 · (0.50·ease + 0.20·ci + 0.15·directness + 0.15·fresh) · gate)
 *   gate  = 0.3 for a draft, 0.5 when blocked (conflicts / blocked label), else 1
 *
 * Estimated review minutes = max(5, ceil(lines / 5)) — about 300 lines an hour;
 * an issue is estimated at 60 minutes.
 *
 * Math-test sort: as in a timed exam, first answer what you can finish with
 * confidence (score ≥ 60, ≤ 30 min and CI not failing — a red PR will need
 * another round however small it is; best score first), then what others
 * have waited on longest (waiting hours, then score). Top 3 get a reason.
 */
import type { CiState, QueueFactorsDto, QueueItemDto, QueueDto, QueueItemKind, QueueReasonCode, RecommendationsDto } from '@tamagitto/domain';

export const WEIGHTS = { ease: 0.5, ci: 0.2, directness: 0.15, fresh: 0.15 } as const;
const CI_VALUE: Record<CiState, number> = { success: 1, none: 0.7, pending: 0.6, failure: 0.2 };
export const QUICK_WIN = { minScore: 60, maxMinutes: 30 } as const;

export function reviewMinutes(lines: number | null): number {
  return lines === null ? 60 : Math.max(5, Math.ceil(lines / 5));
}

export function scoreItem(kind: QueueItemKind, f: QueueFactorsDto): { score: number; breakdown: QueueItemDto['breakdown'] } {
  let ease = f.sizeLines === null ? 0.5 : 1 / (1 + f.sizeLines / 250);
  if (kind === 'own_pr' && (f.approvals ?? 0) > 0 && !f.changesRequested && f.ci === 'success') ease = Math.max(ease, 0.9);
  const ci = CI_VALUE[f.ci];
  const directness = kind === 'own_pr' ? 1 : kind === 'assigned_issue' ? 0.6 : f.request === 'team' ? 0.5 : 1;
  const ageDays = f.ageHours / 24;
  const fresh = 1 - Math.min(1, Math.max(0, ageDays - 14) / 30);
  const gate = f.draft ? 0.3 : f.blocked ? 0.5 : 1;
  const parts = [
    { factor: 'size', v: WEIGHTS.ease * ease, note: f.sizeLines === null ? 'size unknown' : `${f.sizeLines} changed lines (~${f.estimatedReviewMinutes} min)` },
    { factor: 'ci', v: WEIGHTS.ci * ci, note: `CI ${f.ci}` },
    { factor: 'request', v: WEIGHTS.directness * directness, note: kind === 'own_pr' ? 'your own PR' : kind === 'assigned_issue' ? 'assigned issue' : `${f.request ?? 'direct'} review request` },
    { factor: 'age', v: WEIGHTS.fresh * fresh, note: `${Math.round(ageDays)} days old` },
  ];
  const base = parts.reduce((n, p) => n + p.v, 0);
  const breakdown = parts.map((p) => ({ factor: p.factor, points: Math.round(p.v * 100 * 10) / 10, note: p.note }));
  if (gate < 1) breakdown.push({ factor: f.draft ? 'draft' : 'blocked', points: -Math.round(base * 100 * (1 - gate) * 10) / 10, note: f.draft ? 'draft: not ready to finish' : 'blocked: conflicts or waiting on something else' });
  return { score: Math.max(0, Math.min(100, Math.round(100 * base * gate))), breakdown };
}

function hours(h: number): string {
  return h >= 48 ? `${Math.floor(h / 24)} days` : `${Math.round(h)} h`;
}

type Reason = { reason: string; reasonCode: { code: QueueReasonCode; params: Record<string, string | number> } };

/** The English line, and the same as a code with params (QUEUE_REASON_PARAMS in @tamagitto/domain) for clients in other languages. */
function reasonFor(item: QueueItemDto, pass: 'confidence' | 'waiting'): Reason {
  const f = item.factors;
  const r = (reason: string, code: QueueReasonCode, params: Record<string, string | number>): Reason => ({ reason, reasonCode: { code, params } });
  if (pass === 'confidence') {
    const size = f.sizeLines === null ? '' : `${f.sizeLines} lines, `;
    if (item.kind === 'own_pr' && (f.approvals ?? 0) > 0 && f.ci === 'success') return r(`Ready to land: approved, CI green — merge ${item.id} first`, 'ready_to_land', { id: item.id });
    const direct = f.request === 'direct';
    const code = f.sizeLines === null ? (direct ? 'quick_win_direct' : 'quick_win') : direct ? 'quick_win_sized_direct' : 'quick_win_sized';
    const params = { ...(f.sizeLines !== null && { lines: f.sizeLines }), minutes: f.estimatedReviewMinutes, ci: f.ci };
    return r(`Quick win: ${size}~${f.estimatedReviewMinutes} min, CI ${f.ci}${direct ? ', asked of you directly' : ''} — finish it first`, code, params);
  }
  if (item.kind === 'review_request' && f.waitingHours > 0) {
    const reason = `${item.author ?? 'Someone'} has waited ${hours(f.waitingHours)} for your review`;
    return item.author ? r(reason, 'waited_for_review', { author: item.author, hours: f.waitingHours }) : r(reason, 'waited_for_review_someone', { hours: f.waitingHours });
  }
  if (item.kind === 'own_pr' && f.changesRequested) return r(`Changes were requested on your PR ${hours(f.ageHours)} after opening — address them`, 'changes_requested', { hours: f.ageHours });
  if (item.kind === 'own_pr') return r(`Your PR has been open ${hours(f.ageHours)} — push it over the line`, 'own_pr_open', { hours: f.ageHours });
  return r(`Assigned to you ${hours(f.ageHours)} ago`, 'assigned', { hours: f.ageHours });
}

/**
 * @example
 * mathTestSort(queue.reviewRequests.concat(queue.ownPullRequests, queue.assignedIssues)).slice(0, 3)
 */
export function mathTestSort(items: QueueItemDto[]): RecommendationsDto['items'] {
  const quick = (i: QueueItemDto) =>
    i.confidence_score >= QUICK_WIN.minScore && i.factors.estimatedReviewMinutes <= QUICK_WIN.maxMinutes && i.factors.ci !== 'failure';
  const first = items.filter(quick).sort((a, b) => b.confidence_score - a.confidence_score || b.factors.waitingHours - a.factors.waitingHours);
  const rest = items.filter((i) => !quick(i)).sort((a, b) => b.factors.waitingHours - a.factors.waitingHours || b.confidence_score - a.confidence_score);
  return [...first.map((item) => ({ item, pass: 'confidence' as const })), ...rest.map((item) => ({ item, pass: 'waiting' as const }))].map((x, i) => ({
    rank: i + 1,
    pass: x.pass,
    ...reasonFor(x.item, x.pass),
    item: x.item,
  }));
}

/**
 * The top `n` of the whole queue in math-test order: what the popup recommends and the coach mentions.
 *
 * @example
 * topRecommendations(await buildQueue(deps, userId)) // at most 3 ranked items
 */
export function topRecommendations(q: Pick<QueueDto, 'reviewRequests' | 'ownPullRequests' | 'assignedIssues'>, n = 3): RecommendationsDto['items'] {
  return mathTestSort([...q.reviewRequests, ...q.ownPullRequests, ...q.assignedIssues]).slice(0, n);
}
