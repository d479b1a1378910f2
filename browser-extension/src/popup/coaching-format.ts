/**
 * Pure formatting of the coaching DTOs (`@tamagitto/domain`,
 * db/domain/src/api/contract.ts, "Coaching features") for the Queue, Puzzle, Stats and Day tabs: kept apart from the
 * components so they are table-tested.
 */
import type { GithubRateDto, QueueFactorsDto, QueueItemKind, VelocityDto } from '@tamagitto/domain';
import { durationText, t, uiLanguage } from '../shared/i18n.ts';

/** "45m", "2h 5m", "0m". */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  return durationText(m < 60 ? [[m, 'minute']] : [[Math.floor(m / 60), 'hour'], [m % 60, 'minute']]);
}

/** "3h", "2d": how long something has waited, coarse on purpose. */
export function formatHours(hours: number): string {
  const h = Math.max(0, hours);
  if (h < 1) return `<${durationText([[1, 'hour']])}`;
  return durationText([h < 48 ? [Math.round(h), 'hour'] : [Math.round(h / 24), 'day']]);
}

export interface FactorChip {
  text: string;
  tone: 'good' | 'bad' | 'neutral';
}

/**
 * The factors behind a confidence score, as short chips.
 *
 * @example factorChips({ sizeLines: 4, estimatedReviewMinutes: 5, ci: 'success', ... }) // → [{ text: '4 lines', ... }, { text: '~5m', ... }, { text: 'CI ✓', tone: 'good' }, ...]
 */
export function factorChips(kind: QueueItemKind, f: QueueFactorsDto): FactorChip[] {
  const chips: FactorChip[] = [];
  if (f.sizeLines !== null) chips.push({ text: f.sizeLines === 1 ? t('fc_one_line') : t('fc_lines', f.sizeLines), tone: f.sizeLines > 800 ? 'bad' : 'neutral' });
  chips.push({ text: `~${formatMinutes(f.estimatedReviewMinutes)}`, tone: 'neutral' });
  if (kind === 'review_request') {
    chips.push({ text: t('fc_waiting', formatHours(f.waitingHours)), tone: f.waitingHours >= 24 ? 'bad' : 'neutral' });
    if (f.request) chips.push({ text: f.request === 'direct' ? t('fc_asked_you') : t('fc_asked_team'), tone: 'neutral' });
  } else chips.push({ text: t('fc_old', formatHours(f.ageHours)), tone: 'neutral' });
  const ci: Record<QueueFactorsDto['ci'], FactorChip | null> = {
    success: { text: 'CI ✓', tone: 'good' },
    failure: { text: 'CI ✗', tone: 'bad' },
    pending: { text: 'CI …', tone: 'neutral' },
    none: null,
  };
  const c = ci[f.ci];
  if (c) chips.push(c);
  if (f.draft) chips.push({ text: t('fc_draft'), tone: 'bad' });
  if (f.blocked) chips.push({ text: t('fc_blocked'), tone: 'bad' });
  if (f.approvals !== null) chips.push({ text: f.approvals === 1 ? t('fc_one_approval') : t('fc_approvals', f.approvals), tone: f.approvals > 0 ? 'good' : 'neutral' });
  if (f.changesRequested) chips.push({ text: t('fc_changes_requested'), tone: 'bad' });
  return chips;
}

/** What to tell the user when GitHub throttled us; null when all is well. */
export function rateLimitNotice(rate: GithubRateDto, stale = false, fetchedAt?: string): string | null {
  if (!rate.limited && !stale) return null;
  const parts = [fetchedAt ? t('rl_limited_from', new Date(fetchedAt).toLocaleTimeString(uiLanguage(), { hour: '2-digit', minute: '2-digit' })) : t('rl_limited')];
  if (rate.retryAfterSeconds !== null) parts.push(t('rl_try_again_in', formatWait(rate.retryAfterSeconds)));
  return `${parts.join('; ')}.`;
}

function formatWait(seconds: number): string {
  return seconds < 90 ? `${Math.max(1, Math.round(seconds))} s` : `${Math.round(seconds / 60)} min`;
}

export interface VelocityBar {
  day: string;
  x: number;
  width: number;
  merged: { y: number; height: number; value: number };
  reviews: { y: number; height: number; value: number };
}

/**
 * Geometry of the velocity chart: one group per day (oldest left), two bars
 * each, heights scaled to the busiest day. Zero stays zero high.
 */
export function velocityBars(days: VelocityDto['days'], width: number, height: number): { bars: VelocityBar[]; max: number } {
  const max = Math.max(1, ...days.map((d) => Math.max(d.merged, d.reviews)));
  const slot = days.length ? width / days.length : 0;
  // A clear gap between days so each day's pair of bars reads as one group.
  const gap = Math.min(8, slot * 0.3);
  const bar = Math.max(1, (slot - gap) / 2);
  const bars = days.map((d, i) => {
    const h = (v: number) => (v / max) * height;
    return {
      day: d.day,
      x: i * slot + gap / 2,
      width: bar,
      merged: { y: height - h(d.merged), height: h(d.merged), value: d.merged },
      reviews: { y: height - h(d.reviews), height: h(d.reviews), value: d.reviews },
    };
  });
  return { bars, max };
}

/** "Mon 24" from '2026-11-24', read as a calendar day (no time zone shift). */
export function shortDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return `${d.toLocaleDateString(uiLanguage(), { weekday: 'short', timeZone: 'UTC' })} ${d.getUTCDate()}`;
}
