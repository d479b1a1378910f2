/**
 * The popup's entry: as small as can be. When popup-boot.js put the snapshot
 * of the first screen on screen (snapshot.ts), the app's code loads only once
 * that frame has painted, so compiling it does not hold the paint back;
 * otherwise at once. start.tsx then renders (or takes the snapshot over).
 */
const painted = (window as Window & { __tamagittoSnapshot?: Promise<boolean> }).__tamagittoSnapshot?.catch(() => false) ?? Promise.resolve(false);

/** Resolves after the browser has painted the current frame. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

void painted.then(async (p) => {
  if (p) await afterPaint();
  await import('./start.tsx');
});
