import type { AnalysisSummaryDto } from '@tamagitto/domain';
import { codeText, t, uiLanguage } from '../shared/i18n.ts';

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? '';
}

/** Only http(s) links from the API become hrefs (no javascript: URLs). */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function VetReports({ analyses }: { analyses: readonly AnalysisSummaryDto[] }) {
  if (analyses.length === 0) return <p class="muted small">{t('vet_none')}</p>;
  return (
    <ul class="vet-list">
      {analyses.slice(0, 3).map((a) => (
        <li key={a.id} class="vet">
          <div class="vet-head">
            <span class={`delta ${a.delta >= 0 ? 'up' : 'down'}`}>{`${a.delta >= 0 ? '+' : '−'}${Math.abs(a.delta).toLocaleString(uiLanguage(), { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`}</span>
            <span class="vet-msg" title={a.message}>
              {firstLine(a.message)}
            </span>
            {safeHref(a.url) ? (
              <a class="sha" href={safeHref(a.url)} target="_blank" rel="noreferrer noopener">
                {a.sha.slice(0, 7)}
              </a>
            ) : (
              <code class="sha">{a.sha.slice(0, 7)}</code>
            )}
          </div>
          {a.poorQuality && <span class="chip chip-warn">{t('vet_poor_quality')}</span>}
          {a.topFindings.length > 0 && (
            <ul class="findings">
              {a.topFindings.slice(0, 3).map((f, i) => (
                <li key={i} class={`sev-${f.severity}`}>
                  <span class="finding-group">{codeText('group', f.group)}</span> {f.message}{' '}
                  <span class="muted">
                    {f.file}
                    {f.line ? `:${f.line}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
