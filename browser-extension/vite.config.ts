import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.config.ts';
import { zipDist } from './scripts/zip-dist.ts';

/**
 * The popup's entry (src/popup/main.tsx) imports the app (start.tsx) itself, after the snapshot's
 * paint or at once: Vite preloads only static imports from the HTML, so without a snapshot the app's
 * chunks would be fetched only once the entry ran. Their names go in a <meta> before
 * public/popup-boot.js, which preloads them (<link rel="modulepreload">) only when it will not paint
 * the snapshot — preloading them always held the snapshot's paint back (bench/popup.ts, README).
 */
function popupAppModules(): Plugin {
  return {
    name: 'tamagitto:popup-app-modules',
    enforce: 'post',
    generateBundle(_, bundle) {
      const html = bundle['src/popup/index.html'];
      const start = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/popup/start.tsx'));
      if (!html || html.type !== 'asset' || !start || start.type !== 'chunk') return;
      const files = [start.fileName, ...start.imports].filter((f) => !String(html.source).includes(`/${f}"`));
      const meta = `<meta name="tamagitto:app-modules" content="${files.map((f) => `/${f}`).join(' ')}" />`;
      html.source = String(html.source).replace('<script src="/popup-boot.js">', `${meta}\n    <script src="/popup-boot.js">`);
    },
  };
}

export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } }), crx({ manifest }), zipDist(), popupAppModules()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Chrome 116+ only: no legacy transforms, smaller popup.
    target: 'chrome116',
    // Chrome has had <link rel="modulepreload"> since 66: the polyfill was one more extension-file
    // fetch at the popup's open, answered on the browser's UI thread beside popup-boot.js
    // (side by side in one browser, 3 runs of 20–40 opens: ratio to the empty page 1.36 → 1.25,
    // 1.36 → 1.30, 1.45 → 1.36).
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
