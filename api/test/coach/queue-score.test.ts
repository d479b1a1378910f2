/** The confidence formula and the math-test sort, table-driven (formula in src/queue/queue-score.ts). */
import { describe, expect, it } from 'vitest';
import { QUEUE_REASON_PARAMS, type QueueFactorsDto, type QueueItemDto, type QueueItemKind } from '@tamagitto/domain';
import { mathTestSort, reviewMinutes, scoreItem } from '../../src/queue/queue-score.ts';

const f = (o: Partial<QueueFactorsDto>): QueueFactorsDto => ({
  sizeLines: 100, estimatedReviewMinutes: reviewMinutes(o.sizeLines === undefined ? 100 : o.sizeLines), ageHours: 24, waitingHours: 24,
  request: 'direct', ci: 'success', draft: false, blocked: false, approvals: null, changesRequested: null, ...o,
});

describe('confidence_score', () => {
  const cases: [string, QueueItemKind, Partial<QueueFactorsDto>, number][] = [
    // 100·(0.5·1/(1+0/250) + 0.2·1 + 0.15·1 + 0.15·1) = 100
    ['empty diff, green, direct, fresh', 'review_request', { sizeLines: 0 }, 100],
    // 0.5/(1+100/250)=0.357 → 35.7 + 20 + 15 + 15 = 85.7
    ['100 lines, green, direct', 'review_request', {}, 86],
    ['100 lines, team request', 'review_request', { request: 'team' }, 78],
    ['100 lines, CI failing', 'review_request', { ci: 'failure' }, 70],
    ['100 lines, CI pending', 'review_request', { ci: 'pending' }, 78],
    ['100 lines, no CI', 'review_request', { ci: 'none' }, 80],
    // 0.5/(1+1000/250)=0.1 → 10+20+15+15 = 60
    ['1000 lines', 'review_request', { sizeLines: 1000 }, 60],
    ['2000 lines, failing, team', 'review_request', { sizeLines: 2000, ci: 'failure', request: 'team' }, 32],
    ['draft gates to 30%', 'review_request', { draft: true }, 26],
    ['blocked gates to 50%', 'own_pr', { blocked: true }, 43],
    // ageDays 44 → fresh = 0 → 35.7+20+15 = 70.7
    ['44 days old lost its freshness', 'review_request', { ageHours: 44 * 24 }, 71],
    ['own PR approved with green CI is nearly done', 'own_pr', { sizeLines: 1500, approvals: 1, changesRequested: false }, 95],
    ['own PR with changes requested is not', 'own_pr', { sizeLines: 1500, approvals: 1, changesRequested: true }, 57],
    // issue: ease 0.5 → 25 + 0.2·0.7=14 + 0.15·0.6=9 + 15 = 63
    ['assigned issue', 'assigned_issue', { sizeLines: null, ci: 'none', request: null }, 63],
  ];
  it.each(cases)('%s', (_name, kind, factors, expected) => {
    const { score, breakdown } = scoreItem(kind, f(factors));
    expect(score).toBe(expected);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
    // The breakdown explains the score to within rounding.
    expect(Math.abs(breakdown.reduce((n, b) => n + b.points, 0) - score)).toBeLessThan(1);
  });

  it('estimates review minutes at ~300 lines an hour, 5 min minimum', () => {
    expect([0, 10, 100, 300, 1000, null].map(reviewMinutes)).toEqual([5, 5, 20, 60, 200, 60]);
  });
});

describe('math-test sort', () => {
  const item = (id: string, score: number, minutes: number, waiting: number, kind: QueueItemKind = 'review_request'): QueueItemDto => ({
    id, kind, repo: 'o/r', number: 1, title: id, url: '', author: 'hubot', createdAt: '', updatedAt: '', confidence_score: score,
    factors: f({ estimatedReviewMinutes: minutes, waitingHours: waiting }), breakdown: [],
  });
  it('first what you can finish with confidence, then what others waited on longest', () => {
    const sorted = mathTestSort([
      item('big-old', 40, 120, 200),
      item('quick-ok', 65, 10, 5),
      item('quick-best', 90, 20, 1),
      item('long-but-sure', 80, 90, 50),
      item('newer', 50, 60, 10),
    ]);
    expect(sorted.map((x) => x.item.id)).toEqual(['quick-best', 'quick-ok', 'big-old', 'long-but-sure', 'newer']);
    expect(sorted.map((x) => x.pass)).toEqual(['confidence', 'confidence', 'waiting', 'waiting', 'waiting']);
    expect(sorted[0]!.reason).toMatch(/^Quick win: 100 lines, ~20 min, CI success, asked of you directly/);
    expect(sorted[2]!.reason).toBe('hubot has waited 8 days for your review');
    // The same as a code with the params its translated line needs (QUEUE_REASON_PARAMS).
    expect(sorted[0]!.reasonCode).toEqual({ code: 'quick_win_sized_direct', params: { lines: 100, minutes: 20, ci: 'success' } });
    expect(sorted[2]!.reasonCode).toEqual({ code: 'waited_for_review', params: { author: 'hubot', hours: 200 } });
    for (const x of sorted) expect(Object.keys(x.reasonCode.params).sort(), x.reasonCode.code).toEqual([...QUEUE_REASON_PARAMS[x.reasonCode.code]].sort());
  });
});
