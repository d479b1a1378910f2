/**
 * What every github.com feature does to sit beside a title: wait for the
 * element GitHub renders late, then mount in a shadow root (so GitHub's CSS
 * and ours cannot collide) right after it, replacing any host a previous run
 * left, and unmount when the feature's signal aborts.
 */
import { render } from 'preact';

/** Resolves with the element, or null after `timeoutMs` or on abort. */
export function waitFor(find: () => Element | null, signal: AbortSignal, timeoutMs = 8000): Promise<Element | null> {
  const now = find();
  if (now || signal.aborted) return Promise.resolve(now);
  return new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      const el = find();
      if (el) done(el);
    });
    const timer = setTimeout(() => done(null), timeoutMs);
    const done = (el: Element | null) => {
      obs.disconnect();
      clearTimeout(timer);
      resolve(el);
    };
    signal.addEventListener('abort', () => done(null), { once: true });
    obs.observe(document.documentElement, { childList: true, subtree: true });
  });
}

/** A `<span hostAttribute=value>` after `anchor` with `css` in its shadow root; `mount` is where to render. Removed on abort. */
export function mountBeside(anchor: Element, hostAttribute: string, value: string, css: string, signal: AbortSignal): { host: HTMLElement; mount: HTMLElement } {
  document.querySelectorAll(`[${hostAttribute}]`).forEach((el) => el.remove());
  const host = document.createElement('span');
  host.setAttribute(hostAttribute, value);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const mount = document.createElement('span');
  shadow.append(style, mount);
  anchor.after(host);
  signal.addEventListener(
    'abort',
    () => {
      render(null, mount);
      host.remove();
    },
    { once: true },
  );
  return { host, mount };
}
