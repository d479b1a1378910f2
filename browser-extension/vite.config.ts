import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.config.ts';
import { zipDist } from './scripts/zip-dist.ts';

export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } }), crx({ manifest }), zipDist()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Chrome 116+ only: no legacy transforms, smaller popup.
    target: 'chrome116',
    sourcemap: false,
  },
});
