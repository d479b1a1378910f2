/**
 * Stats: pull requests merged and reviewed per day (`GET
 * /api/analytics/velocity`, the last 14 days) as a hand-drawn SVG bar chart —
 * a charting library would outweigh the rest of the popup — plus what the
 * coach's Claude answers cost (`GET /api/analytics/llm-usage`), and the shown
 * pet's PR checks (issue 16, `GET /api/pets/{id}/checks/stats`): passed /
 * warned / failed per week, the median CI duration and the share of
 * AI-co-authored commits.
 */
import type { components, PetDto, VelocityDto } from '@tamagitto/domain';
import { useEffect, useState } from 'preact/hooks';
import { ApiRequestError, errorText } from '../../shared/api-client.ts';
import { formatDuration } from '../../shared/check-report.ts';
import { t, uiLanguage } from '../../shared/i18n.ts';
import { shownPet } from '../shown-pet.ts';
import { apiClient, ok, type ApiTarget } from '../../shared/api-client.ts';
import { rateLimitNotice, shortDay, velocityBars } from '../coaching-format.ts';
import type { TabProps } from '../popup-tab.ts';
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

/** "$0.42" / "0,42 $": the coach's cost in the words' language. */
const usd = (n: number) => new Intl.NumberFormat(uiLanguage(), { style: 'currency', currency: 'USD' }).format(n);

const W = 320;
const H = 110;

export function VelocityChart({ days }: { days: VelocityDto['days'] }) {
  const { bars, max } = velocityBars(days, W, H);
  const first = days[0];
  const lastDay = days[days.length - 1];
  return (
    <figure class="velocity">
      <svg viewBox={`0 -12 ${W} ${H + 28}`} class="velocity-chart" role="img" aria-label={t('stats_chart_label', [days.length, max])}>
        <line x1={0} x2={W} y1={H} y2={H} class="axis" />
        <text x={0} y={-2} class="tick">{`${max}`}</text>
        <line x1={0} x2={W} y1={0} y2={0} class="grid" />
        {bars.map((b) => (
          <g key={b.day} class="bar-day" data-day={b.day}>
            <title>{t('stats_bar_title', [shortDay(b.day), b.merged.value, b.reviews.value])}</title>
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

type CheckStats = components['schemas']['CheckStats'];

/** Stacked bars per week: pass at the bottom, then warn, then fail; heights scaled to the busiest week. */
export function checkWeekBars(weeks: CheckStats['weeks'], width: number, height: number) {
  const max = Math.max(1, ...weeks.map((w) => w.pass + w.warn + w.fail));
  const slot = width / Math.max(1, weeks.length);
  const bar = Math.max(2, slot * 0.7);
  return {
    max,
    bars: weeks.map((w, i) => {
      const h = (n: number) => (n / max) * height;
      const pass = h(w.pass);
      const warn = h(w.warn);
      const fail = h(w.fail);
      return {
        week: w.week,
        x: i * slot + (slot - bar) / 2,
        width: bar,
        pass: { y: height - pass, height: pass },
        warn: { y: height - pass - warn, height: warn },
        fail: { y: height - pass - warn - fail, height: fail },
        label: t('cstats_week', [w.week, w.pass, w.warn, w.fail]),
      };
    }),
  };
}

const CH = 70;

export function CheckStatsView({ stats }: { stats: CheckStats }) {
  const { bars, max } = checkWeekBars(stats.weeks, W, CH);
  const totals = stats.weeks.reduce((a, w) => ({ pass: a.pass + w.pass, warn: a.warn + w.warn, fail: a.fail + w.fail }), { pass: 0, warn: 0, fail: 0 });
  return (
    <div data-testid="check-stats">
      {stats.checks === 0 ? (
        <p class="muted small" data-state="empty">
          {t('cstats_empty')}
        </p>
      ) : (
        <figure class="velocity">
          <svg viewBox={`0 -12 ${W} ${CH + 16}`} class="velocity-chart" role="img" aria-label={t('cstats_chart_label', [stats.weeks.length, totals.pass, totals.warn, totals.fail])}>
            <line x1={0} x2={W} y1={CH} y2={CH} class="axis" />
            <text x={0} y={-2} class="tick">{`${max}`}</text>
            {bars.map((b) => (
              <g key={b.week} data-week={b.week}>
                <title>{b.label}</title>
                <rect x={b.x} y={b.pass.y} width={b.width} height={b.pass.height} style={{ fill: 'var(--up)' }} />
                <rect x={b.x} y={b.warn.y} width={b.width} height={b.warn.height} style={{ fill: 'var(--warn)' }} />
                <rect x={b.x} y={b.fail.y} width={b.width} height={b.fail.height} style={{ fill: 'var(--danger)' }} />
              </g>
            ))}
          </svg>
        </figure>
      )}
      <p class="legend small" data-testid="check-stats-totals">
        <span class="dot" style={{ background: 'var(--up)' }} aria-hidden="true" />
        {` ${t('cstats_passed', totals.pass)} `}
        <span class="dot" style={{ background: 'var(--warn)' }} aria-hidden="true" />
        {` ${t('cstats_warned', totals.warn)} `}
        <span class="dot" style={{ background: 'var(--danger)' }} aria-hidden="true" />
        {` ${t('cstats_failed', totals.fail)} · ${t('cstats_weeks', stats.weeks.length)}`}
      </p>
      <p class="small" data-testid="check-stats-ci">
        {stats.medianCiDurationS == null ? t('cstats_ci_none') : t('cstats_ci_median', formatDuration(stats.medianCiDurationS))}
      </p>
      <p class="small" data-testid="check-stats-ai">
        {stats.aiCoAuthoredShare == null ? t('cstats_ai_none') : t('cstats_ai_share', Math.round(stats.aiCoAuthoredShare * 100))}
      </p>
    </div>
  );
}

/** The shown pet's PR-check stats; their own request, so the velocity chart never waits for them. */
export function PetCheckStats({ pet, target }: { pet: Pick<PetDto, 'id' | 'repo'>; target: ApiTarget }) {
  const [state, setState] = useState<{ stats: CheckStats | null; error: string | null; quiet?: boolean }>({ stats: null, error: null });
  useEffect(() => {
    const ctrl = new AbortController();
    setState({ stats: null, error: null });
    ok(apiClient(target).GET('/api/pets/{id}/checks/stats', { params: { path: { id: pet.id } }, signal: ctrl.signal })).then(
      (stats) => !ctrl.signal.aborted && setState({ stats, error: null }),
      // A server without PR checks, or a repository out of reach (the Pet tab says so): no section.
      (err: unknown) =>
        !ctrl.signal.aborted &&
        setState({ stats: null, error: errorText(err), quiet: err instanceof ApiRequestError && (err.featureUnavailable || err.code === 'access_lost') }),
    );
    return () => ctrl.abort();
  }, [pet.id, target]);
  if (state.quiet) return null;
  return (
    <section aria-labelledby="check-stats-title">
      <h2 class="section-title" id="check-stats-title">
        {t('cstats_title', pet.repo.fullName)}
      </h2>
      {state.error ? (
        <p class="error" role="alert">
          {t('cstats_failed_load', state.error)}
        </p>
      ) : state.stats ? (
        <CheckStatsView stats={state.stats} />
      ) : (
        <p class="muted small">{t('cstats_loading')}</p>
      )}
    </section>
  );
}

export function StatsTab({ target, store, pets }: Pick<TabProps, 'target' | 'store' | 'pets'>) {
  const [remote, retry] = useRemote(target, loadStats);
  const pet = shownPet(store, pets);
  return (
    <>
    <RemoteView remote={remote} what={t('stats_what')} retry={retry}>
      {({ velocity: v, usage }) => (
        <section>
          <Notice text={rateLimitNotice(v.rateLimit) ?? (v.truncated ? t('stats_truncated') : null)} />
          <h2 class="section-title">{t('stats_prs_per_day')}</h2>
          {v.totals.merged + v.totals.reviews === 0 ? (
            <p class="muted" data-state="empty">{t('stats_none', [shortDay(v.from), shortDay(v.to)])}</p>
          ) : (
            <VelocityChart days={v.days} />
          )}
          <p class="legend small" data-testid="velocity-totals">
            <span class="dot merged" aria-hidden="true" />
            {` ${t('stats_merged', v.totals.merged.toLocaleString(uiLanguage()))} `}
            <span class="dot reviewed" aria-hidden="true" />
            {` ${t('stats_reviewed_days', [v.totals.reviews.toLocaleString(uiLanguage()), v.days.length])}`}
          </p>
          {usage && usage.totals.calls > 0 && (
            <p class="muted small" data-testid="llm-usage">{usage.totals.calls === 1 ? t('stats_usage_one', usd(usage.totals.costUsd)) : t('stats_usage', [usage.totals.calls.toLocaleString(uiLanguage()), usd(usage.totals.costUsd)])}</p>
          )}
        </section>
      )}
    </RemoteView>
    {pet && <PetCheckStats pet={pet} target={target} />}
    </>
  );
}
