/**
 * The popup's entry: as small as can be. When popup-boot.js put the snapshot
 * of the first screen on screen (snapshot.ts), the app's code loads only once
 * that frame is on screen, so fetching and compiling it does not hold the
 * paint back; otherwise at once. start.tsx then renders (or takes the
 * snapshot over).
 */
const painted = (window as Window & { __tamagittoSnapshot?: Promise<boolean> }).__tamagittoSnapshot?.catch(() => false) ?? Promise.resolve(false);

/**
 * Resolves once the page's first contentful paint is on screen (the snapshot's frame), at the
 * latest after 300 ms (a page that is never shown reports no paint). Not at the frame's
 * requestAnimationFrame: that comes 10–30 ms before the frame is presented, and the app's module
 * fetches and their compiling then competed with rastering and presenting it — on the popup's
 * renderer and on the browser process, which answers every fetch of an extension file
 * (browser-extension/bench/popup-trace.ts traces one open).
 */
const afterPaint = () =>
  new Promise<void>((resolve) => {
    if (performance.getEntriesByName('first-contentful-paint').length > 0) return resolve();
    const seen = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      seen.disconnect();
      resolve();
    });
    seen.observe({ type: 'paint', buffered: true });
    setTimeout(() => {
      seen.disconnect();
      resolve();
    }, 300);
  });

void painted.then(async (p) => {
  if (p) await afterPaint();
  await import('./start.tsx');
});
