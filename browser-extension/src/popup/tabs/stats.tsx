/**
 * Stats: pull requests merged and reviewed per day (`GET
 * /api/analytics/velocity`, the last 14 days) as a hand-drawn SVG bar chart —
 * a charting library would outweigh the rest of the popup — plus what the
 * coach's Claude answers cost (`GET /api/analytics/llm-usage`).
 */
import type { VelocityDto } from '@tamagitto/domain';
import { apiClient, ok, type ApiTarget } from '../../shared/api-client.ts';
import { rateLimitNotice, shortDay, velocityBars } from '../coaching-format.ts';
import { defineTab } from '../popup-tab.ts';
import { Notice, RemoteView } from '../remote-view.tsx';
import { useRemote } from '../use-remote.ts';

async function loadStats(target: ApiTarget, signal: AbortSignal) {
  const api = apiClient(target);
  const [velocity, usage] = await Promise.all([
    ok(api.GET('/api/analytics/velocity', { signal })),
    // Cost is a footnote: the chart still shows if this fails.
    ok(api.GET('/api/analytics/llm-usage', { params: { query: { days: 30 } }, signal })).catch(() => null),
  ]);
  return { velocity, usage };
}

const W = 320;
const H = 110;

export function VelocityChart({ days }: { days: VelocityDto['days'] }) {
  const { bars, max } = velocityBars(days, W, H);
  const first = days[0];
  const lastDay = days[days.length - 1];
  return (
    <figure class="velocity">
      <svg viewBox={`0 -12 ${W} ${H + 28}`} class="velocity-chart" role="img" aria-label={`Pull requests merged and reviewed per day, ${days.length} days; busiest day ${max}`}>
        <line x1={0} x2={W} y1={H} y2={H} class="axis" />
        <text x={0} y={-2} class="tick">{`${max}`}</text>
        <line x1={0} x2={W} y1={0} y2={0} class="grid" />
        {bars.map((b) => (
          <g key={b.day} class="bar-day" data-day={b.day}>
            <title>{`${b.day}: ${b.merged.value} merged, ${b.reviews.value} reviewed`}</title>
            <rect x={b.x} y={b.merged.y} width={b.width} height={b.merged.height} class="bar merged" />
            <rect x={b.x + b.width} y={b.reviews.y} width={b.width} height={b.reviews.height} class="bar reviewed" />
            <line x1={b.x + b.width} x2={b.x + b.width} y1={H} y2={H + 3} class="axis" />
          </g>
        ))}
        {first && (
          <text x={0} y={H + 14} class="tick">
            {shortDay(first.day)}
          </text>
        )}
        {lastDay && lastDay !== first && (
          <text x={W} y={H + 14} class="tick" text-anchor="end">
            {shortDay(lastDay.day)}
          </text>
        )}
      </svg>
    </figure>
  );
}

export function StatsTab({ target }: { target: ApiTarget }) {
  const [remote, retry] = useRemote(target, loadStats);
  return (
    <RemoteView remote={remote} what="Stats" retry={retry}>
      {({ velocity: v, usage }) => (
        <section>
          <Notice text={rateLimitNotice(v.rateLimit) ?? (v.truncated ? 'GitHub had more results than Tamagitto reads: the counts are a lower bound.' : null)} />
          <h2 class="section-title">Pull requests per day</h2>
          {v.totals.merged + v.totals.reviews === 0 ? (
            <p class="muted" data-state="empty">{`No pull requests merged or reviewed between ${v.from} and ${v.to}.`}</p>
          ) : (
            <VelocityChart days={v.days} />
          )}
          <p class="legend small" data-testid="velocity-totals">
            <span class="dot merged" aria-hidden="true" />
            {` ${v.totals.merged} merged `}
            <span class="dot reviewed" aria-hidden="true" />
            {` ${v.totals.reviews} reviewed · ${v.days.length} days`}
          </p>
          {usage && usage.totals.calls > 0 && (
            <p class="muted small" data-testid="llm-usage">{`Coach with Claude, last 30 days: ${usage.totals.calls} answer${usage.totals.calls === 1 ? '' : 's'}, $${usage.totals.costUsd.toFixed(2)} on your key`}</p>
          )}
        </section>
      )}
    </RemoteView>
  );
}

export const statsTab = defineTab({ id: 'stats', label: 'Stats', view: StatsTab });
