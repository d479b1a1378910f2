import { describe, expect, it } from 'vitest';
import type { QueueFactorsDto } from '@tamagitto/domain';
import { factorChips, formatHours, formatMinutes, rateLimitNotice, shortDay, velocityBars } from './coaching-format.ts';
import { formatCountdown } from './tabs/pet.tsx';
import { sparkPoints } from './sparkline.tsx';
import { safeHref } from './vet-reports.tsx';

describe('formatCountdown', () => {
  it.each([
    [0, '0m'],
    [59_000, '1m'],
    [45 * 60_000, '45m'],
    [(2 * 60 + 5) * 60_000, '2h 5m'],
    [(48 * 60 + 30) * 60_000, '2d 0h'],
    [-5, '0m'],
  ])('%i ms → %s', (ms, text) => expect(formatCountdown(ms)).toBe(text));
});

describe('sparkPoints', () => {
  it('maps 0–100 to the box, oldest left, clamped', () => {
    expect(sparkPoints([0, 50, 100, 150], 30, 10)).toBe('0.0,10.0 10.0,5.0 20.0,0.0 30.0,0.0');
    expect(sparkPoints([], 30, 10)).toBe('');
  });
});

describe('safeHref', () => {
  it.each([
    ['https://github.com/o/r/commit/1', 'https://github.com/o/r/commit/1'],
    ['javascript:alert(1)', undefined],
    ['data:text/html,<b>', undefined],
    ['not a url', undefined],
    [null, undefined],
  ])('%s', (url, href) => expect(safeHref(url)).toBe(href));
});

const FACTORS: QueueFactorsDto = {
  sizeLines: 4,
  estimatedReviewMinutes: 5,
  ageHours: 3,
  waitingHours: 3,
  request: 'direct',
  ci: 'success',
  draft: false,
  blocked: false,
  approvals: null,
  changesRequested: null,
};
const RATE_OK = { limited: false, retryAfterSeconds: null, remaining: 4999, limit: 5000, resetAt: null, message: null };

describe('coaching format', () => {
  it.each([
    [0, '0m'],
    [5, '5m'],
    [125, '2h 5m'],
    [-3, '0m'],
  ])('formatMinutes(%i) → %s', (m, text) => expect(formatMinutes(m)).toBe(text));

  it.each([
    [0.5, '<1h'],
    [3, '3h'],
    [47, '47h'],
    [120, '5d'],
  ])('formatHours(%d) → %s', (h, text) => expect(formatHours(h)).toBe(text));

  it.each([
    ['a small direct review request with green CI', 'review_request', FACTORS, ['4 lines', '~5m', 'waiting 3h', 'asked you', 'CI ✓']],
    ['a big team request, failing CI, blocked', 'review_request', { ...FACTORS, sizeLines: 2000, estimatedReviewMinutes: 400, waitingHours: 120, request: 'team', ci: 'failure', blocked: true }, ['2000 lines', '~6h 40m', 'waiting 5d', 'asked your team', 'CI ✗', 'blocked']],
    ['an own draft PR with an approval and changes requested', 'own_pr', { ...FACTORS, request: null, ci: 'pending', draft: true, approvals: 1, changesRequested: true, ageHours: 30 }, ['4 lines', '~5m', '30h old', 'CI …', 'draft', '1 approval', 'changes requested']],
    ['an issue: no size, no CI', 'assigned_issue', { ...FACTORS, sizeLines: null, request: null, ci: 'none', ageHours: 96 }, ['~5m', '4d old']],
  ] as const)('factorChips: %s', (_name, kind, f, texts) => expect(factorChips(kind, f).map((c) => c.text)).toEqual(texts));

  it('rate-limit notice only when GitHub limited us or the data is stale', () => {
    expect(rateLimitNotice(RATE_OK)).toBeNull();
    expect(rateLimitNotice({ ...RATE_OK, limited: true, retryAfterSeconds: 30 })).toBe('GitHub is rate-limiting Tamagitto, so this may be incomplete or out of date; try again in 30 s.');
    expect(rateLimitNotice({ ...RATE_OK, limited: true, retryAfterSeconds: 600 })).toContain('try again in 10 min');
    expect(rateLimitNotice(RATE_OK, true)).toMatch(/^GitHub is rate-limiting/);
  });

  it('velocity bars: oldest left, scaled to the busiest day, zero stays flat', () => {
    const { bars, max } = velocityBars(
      [
        { day: '2026-11-23', merged: 2, reviews: 0 },
        { day: '2026-11-24', merged: 1, reviews: 4 },
      ],
      100,
      40,
    );
    expect(max).toBe(4);
    expect(bars.map((b) => [b.day, b.merged.height, b.reviews.height])).toEqual([
      ['2026-11-23', 20, 0],
      ['2026-11-24', 10, 40],
    ]);
    expect(bars[1]!.x).toBeGreaterThan(bars[0]!.x + bars[0]!.width * 2 - 0.001);
    expect(bars[0]!.reviews.y).toBe(40);
    expect(velocityBars([], 100, 40)).toEqual({ bars: [], max: 1 });
  });

  it('shortDay reads the calendar day without a time-zone shift', () => {
    expect(shortDay('2026-11-24')).toBe('Tue 24');
  });
});
