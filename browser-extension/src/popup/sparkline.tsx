import type { HealthEntryDto } from '@tamagitto/domain';
import { t } from '../shared/i18n.ts';

/** Points for a 0–100 series, oldest left. Exported for tests. */
export function sparkPoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - (Math.min(100, Math.max(0, v)) / 100) * height).toFixed(1)}`)
    .join(' ');
}

export function Sparkline({ history }: { history: readonly HealthEntryDto[] }) {
  // The API answers newest first; a chart reads left → right in time.
  const values = [...history].reverse().map((h) => h.healthAfter);
  if (values.length < 2) return <p class="muted small">{t('spark_soon')}</p>;
  const w = 300;
  const h = 40;
  const last = values[values.length - 1] ?? 0;
  const first = values[0] ?? 0;
  return (
    <svg class="sparkline" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" role="img" aria-label={t('spark_label', [values.length, Math.round(first), Math.round(last)])}>
      <polyline points={`0,${h} ${sparkPoints(values, w, h)} ${w},${h}`} class="spark-fill" />
      <polyline points={sparkPoints(values, w, h)} class="spark-line" fill="none" />
    </svg>
  );
}
