/**
 * github.com PR pages (issue 16): beside the PR title, what merging would do
 * to the pet — "merging: −8 · 2 functions over complexity 15 · no tests" —
 * from the newest check of that PR, which the worker reads from the API
 * (`check/for-pr`; the page never sees the session). Without a check: "no
 * check yet — Check this PR" (`check/request`). A click on a prediction asks
 * the worker to open that report in the toolbar popup (`check/open`:
 * chrome.action.openPopup, or the popup page in a new tab where Chrome refuses
 * to open the popup). Runs on the conversation and files tabs; the registry
 * re-runs it on Turbo navigation between them. Live: the worker's
 * `check/updated` broadcast reads the check again. Nothing shows for a
 * repository without a pet, or signed out. When the check cannot be read or
 * asked for, one line says why and what a click does (overlay-failure.ts):
 * try again, or sign in again on the options page. Rendered in a shadow root.
 */
import { render } from 'preact';
import { errorText } from '../../shared/api-client.ts';
import { predictionLine, readReport } from '../../shared/check-report.ts';
import { t } from '../../shared/i18n.ts';
import { createBroadcastListener, request, type CheckDto } from '../../shared/messages.ts';
import type { PageFeature } from '../feature-registry.ts';
import { FAILURE_LINE, overlayFailure, type OverlayFailure } from '../overlay-failure.ts';
import { mountBeside, waitFor } from '../overlay-host.ts';
import { findPrTitle, PREDICTION_HOST_ATTRIBUTE } from '../selectors.ts';

/** /<owner>/<repo>/pull/<n>, its files, commits or checks tab. */
const PR_PATH = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/pull\/([1-9][0-9]{0,9})(?:\/(?:files|commits|checks)(?:\/.*)?)?\/?$/;

export function parsePrPath(url: URL): { owner: string; name: string; number: number } | null {
  if (url.hostname !== 'github.com') return null;
  const m = PR_PATH.exec(url.pathname);
  return m ? { owner: m[1]!, name: m[2]!, number: Number(m[3]) } : null;
}

const COLOR: Record<NonNullable<CheckDto['verdict']>, string> = { pass: '#1a7f37', warn: '#9a6700', fail: '#cf222e' };

const STYLE = `
:host { display: inline-flex; vertical-align: middle; margin: 0 8px; font-size: 0; }
button { all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px;
  border-radius: 999px; border: 1px solid var(--tg-color); font: 600 12px/20px system-ui, sans-serif; color: #1f2328;
  background: #ffffff; white-space: nowrap; }
button:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
button[disabled] { cursor: default; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.verdict { color: #ffffff; background: var(--tg-color); border-radius: 999px; padding: 0 6px; text-transform: uppercase; font-size: 10px; }
@media (prefers-color-scheme: dark) { button { color: #e6edf3; background: #0d1117; } }
`;

type View =
  | { kind: 'check'; petId: string; check: CheckDto }
  | { kind: 'absent'; petId: string }
  | { kind: 'requesting' }
  | { kind: 'failure'; failure: OverlayFailure; detail: string };

function Prediction({ view, onRequest, onRetry }: { view: View; onRequest: () => void; onRetry: () => void }) {
  if (view.kind === 'requesting') {
    return (
      <button type="button" disabled style={{ '--tg-color': '#59636e' }} data-testid="tamagitto-prediction">
        {t('overlay_check_requesting')}
      </button>
    );
  }
  if (view.kind === 'failure') {
    const { key, signIn } = FAILURE_LINE[view.failure];
    const act = signIn ? () => void request('options/open', { signIn: true }).catch(() => undefined) : onRetry;
    return (
      <button type="button" style={{ '--tg-color': '#cf222e' }} data-testid="tamagitto-prediction" data-failure={view.failure} title={view.detail} onClick={act}>
        <span class="vh">{t('overlay_prediction_label')}</span>
        {t(key)}
      </button>
    );
  }
  if (view.kind === 'absent') {
    return (
      <button type="button" style={{ '--tg-color': '#8250df' }} data-testid="tamagitto-prediction" onClick={onRequest}>
        {t('overlay_no_check')}
      </button>
    );
  }
  const { check, petId } = view;
  const report = readReport(check.report);
  const open = () => void request('check/open', { petId, checkId: check.id }).catch(() => undefined);
  if (check.status === 'done' && report && check.verdict) {
    const line = predictionLine(report);
    return (
      <button
        type="button"
        style={{ '--tg-color': COLOR[check.verdict] }}
        data-testid="tamagitto-prediction"
        data-verdict={check.verdict}
        title={t('overlay_open_report')}
        onClick={open}
      >
        <span class="vh">{t('overlay_prediction_label')}</span>
        <span class="verdict">{t(`check_verdict_${check.verdict}`)}</span>
        <span data-testid="tamagitto-prediction-line">{line}</span>
      </button>
    );
  }
  if (check.status === 'failed') {
    return (
      <button type="button" style={{ '--tg-color': '#cf222e' }} data-testid="tamagitto-prediction" onClick={open}>
        {t('overlay_check_failed')}
      </button>
    );
  }
  return (
    <button type="button" style={{ '--tg-color': '#59636e' }} data-testid="tamagitto-prediction" onClick={open}>
      {t('overlay_checking', Math.max(0, Math.min(100, check.progress)))}
    </button>
  );
}

export const prPrediction: PageFeature = {
  id: 'pr-prediction',
  matches: (url) => parsePrPath(url) !== null,
  async init(signal) {
    const pr = parsePrPath(new URL(location.href));
    if (!pr) return;
    // Only a repository with a pet gets the overlay: the worker answers that from its cache first.
    const petId = (await request('pet/by-repo', pr).catch(() => ({ pet: null }))).pet?.id;
    if (!petId || signal.aborted) return;
    const failed = (err: unknown): View | null => {
      const failure = overlayFailure(err);
      return failure && { kind: 'failure', failure, detail: errorText(err) };
    };
    let view: View | null;
    try {
      const { check } = await request('check/for-pr', pr);
      view = check ? { kind: 'check', petId, check } : { kind: 'absent', petId };
    } catch (err) {
      view = failed(err);
    }
    if (!view || signal.aborted) return;
    const title = await waitFor(findPrTitle, signal);
    if (!title || signal.aborted) return;

    const { host, mount } = mountBeside(title, PREDICTION_HOST_ATTRIBUTE, `${pr.number}`, STYLE, signal);

    let last: 'read' | 'ask' = 'read';
    const show = (next: View) => {
      if (!signal.aborted) render(<Prediction view={next} onRequest={() => void ask()} onRetry={() => void (last === 'ask' ? ask() : reread(true))} />, mount);
    };
    /** Reads the PR's check again; a failure replaces what is shown only when asked to (a click), else keeps it. */
    const reread = async (explain = false) => {
      try {
        const { check } = await request('check/for-pr', pr);
        show(check ? { kind: 'check', petId, check } : { kind: 'absent', petId });
      } catch (err) {
        const f = explain && failed(err);
        if (f) show(f);
      }
    };
    const ask = async () => {
      last = 'ask';
      show({ kind: 'requesting' });
      try {
        await request('check/request', pr);
        last = 'read';
        await reread(true);
      } catch (err) {
        show(failed(err) ?? { kind: 'failure', failure: 'other', detail: errorText(err) });
      }
    };
    show(view);

    // Turbo renders a tab's frame and moves the URL in either order: if the title we sat beside was replaced, sit beside the new one.
    const reattach = new MutationObserver(() => {
      if (host.isConnected) return;
      const next = findPrTitle();
      if (next) next.after(host);
    });
    reattach.observe(document.documentElement, { childList: true, subtree: true });

    const onMessage = createBroadcastListener({
      'check/updated': (m) => {
        if (m.prNumber === pr.number && m.petId === petId) void reread();
      },
    });
    chrome.runtime.onMessage.addListener(onMessage);
    signal.addEventListener(
      'abort',
      () => {
        chrome.runtime.onMessage.removeListener(onMessage);
        reattach.disconnect();
      },
      { once: true },
    );
  },
};
