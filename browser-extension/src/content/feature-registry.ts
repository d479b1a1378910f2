/**
 * Runs github.com features (refined-github style): each declares a URL
 * predicate and an `init(signal)`. GitHub navigates with Turbo/React without
 * reloading, so on every URL change or `turbo:render` the previous run is
 * aborted (features pass `{ signal }` to listeners and clean up on abort) and
 * matching features start again. A failing feature is logged, never thrown
 * into the page.
 */
export interface PageFeature {
  id: string;
  matches: (url: URL) => boolean;
  init: (signal: AbortSignal) => void | Promise<void>;
}

export interface RegistryOptions {
  win?: Window;
  /** Fallback URL check interval: catches navigations no event tells us about. */
  pollMs?: number;
}

export function startFeatures(features: readonly PageFeature[], { win = window, pollMs = 1000 }: RegistryOptions = {}): () => void {
  let current: AbortController | null = null;
  let lastHref = '';

  const run = () => {
    current?.abort();
    current = new AbortController();
    lastHref = win.location.href;
    const url = new URL(lastHref);
    for (const f of features) {
      let matched = false;
      try {
        matched = f.matches(url);
        if (!matched) continue;
        const out = f.init(current.signal);
        if (out instanceof Promise) out.catch((err: unknown) => console.warn(`[tamagitto] ${f.id} failed`, err));
      } catch (err) {
        console.warn(`[tamagitto] ${f.id} failed`, err);
      }
    }
  };
  const onMaybeNavigated = () => {
    if (win.location.href !== lastHref) run();
  };

  const life = new AbortController();
  const opts = { signal: life.signal };
  // Turbo replaces the page body: re-apply even if the URL did not change.
  win.document.addEventListener('turbo:render', run, opts);
  win.addEventListener('popstate', onMaybeNavigated, opts);
  // Navigation API (Chrome 102+) reports pushState/replaceState from the page's own world.
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  nav?.addEventListener('currententrychange', onMaybeNavigated, opts);
  const poll = win.setInterval(onMaybeNavigated, pollMs);
  life.signal.addEventListener('abort', () => win.clearInterval(poll));

  run();
  return () => {
    life.abort();
    current?.abort();
  };
}
