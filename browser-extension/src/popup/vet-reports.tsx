import type { AnalysisSummaryDto } from '@tamagitto/domain';
import { useEffect, useState } from 'preact/hooks';
import { codeText, t, uiLanguage } from '../shared/i18n.ts';
import type * as ServerLinesModule from './server-lines.ts';
import { snapshotRender } from './snapshot.ts';

export type ServerLines = typeof ServerLinesModule;
let serverLines: ServerLines | null = null;
let loadingLines: Promise<unknown> | null = null;

/**
 * The wording of the server's codes (server-lines.ts: queue reasons, vet
 * findings), loaded in its own chunk on first use; null until it is in, and
 * always for an English reader, who reads the server's own words.
 */
export function useServerLines(): ServerLines | null {
  const [, loaded] = useState(0);
  useEffect(() => {
    if (serverLines || uiLanguage().startsWith('en')) return;
    let alive = true;
    (loadingLines ??= import('./server-lines.ts').then((m) => (serverLines = m))).then(
      () => alive && loaded(1),
      () => (loadingLines = null), // A failed load is asked again by the next mount.
    );
    return () => {
      alive = false;
    };
  }, []);
  // The snapshot is the first screen of a fresh page, before this chunk is in (snapshot.ts).
  return snapshotRender.on ? null : serverLines;
}

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
  const words = useServerLines();
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
          {a.partial && (
            <p class="muted small" data-testid="vet-partial">
              {t('vet_partial')}
            </p>
          )}
          {a.topFindings.length > 0 && (
            <ul class="findings">
              {a.topFindings.slice(0, 3).map((f, i) => (
                <li key={i} class={`sev-${f.severity}`}>
                  <span class="finding-group">{codeText('group', f.group)}</span> {words ? words.findingText(f) : f.message}{' '}
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
