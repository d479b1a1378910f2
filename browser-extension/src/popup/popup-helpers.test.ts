import { describe, expect, it } from 'vitest';
import { badgeNames, chatReply, listOf, toPuzzle, toQueueItem, toVelocity } from './coaching-shapes.ts';
import { formatCountdown } from './pet-tab.tsx';
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

describe('coaching shapes are read tolerantly', () => {
  it('lists from items, bare arrays or other keys; junk is empty', () => {
    expect(listOf({ items: [{ a: 1 }, 2] })).toEqual([{ a: 1 }]);
    expect(listOf([{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(listOf({ days: [{ d: 1 }] }, 'days')).toEqual([{ d: 1 }]);
    expect(listOf('nope')).toEqual([]);
  });
  it('queue items, puzzles, velocity, badges, chat', () => {
    expect(toQueueItem({ title: 'Fix', url: 'https://x', score: 9, reasons: ['old', { label: 'small' }] })).toMatchObject({ title: 'Fix', score: 9, reasons: ['old', 'small'] });
    expect(toQueueItem({})).toMatchObject({ title: 'Untitled', url: null, score: null, reasons: [] });
    expect(toPuzzle({ puzzle: { id: 'p', title: 'T', prompt: 'Q?', choices: ['a', { label: 'b' }] } })).toMatchObject({ id: 'p', choices: ['a', 'b'], solved: false });
    expect(toPuzzle(null)).toBeNull();
    expect(toVelocity({ items: [{ date: 'd', merged: 2 }] })).toEqual([{ date: 'd', merged: 2, reviewed: 0 }]);
    expect(badgeNames({ items: [{ name: 'First blood' }] })).toEqual([{ name: 'First blood', description: '' }]);
    expect(chatReply({ reply: 'hi' })).toBe('hi');
    expect(chatReply(42)).toBe('');
  });
});
