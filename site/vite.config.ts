import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { SpriteSheet, faviconSvg, renderBrand, renderGallery, renderHero, renderStages } from './src/build/sprite-markup.ts';

const SPRITES_CSS = 'virtual:tamagitto-sprites.css';

/**
 * The head, header and footer every page shares, written once in `partials/`
 * and pasted over `<!-- partial:NAME -->` at build time: the pages stay plain
 * HTML files (no router, no script needed to render them). Runs before
 * `sprites()`, so the header's own sprite marker is filled in too.
 */
function partials(): Plugin {
  const dir = resolve(import.meta.dirname, 'partials');
  return {
    name: 'tamagitto-partials',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html.replace(/^([ \t]*)<!-- partial:([\w-]+) -->/gm, (_m, indent: string, name: string) =>
          readFileSync(resolve(dir, `${name}.html`), 'utf8')
            .trimEnd()
            .replace(/^/gm, indent),
        ),
    },
  };
}

/**
 * Inlines the real sprites (spriteSvg from @tamagitto/domain) into the HTML at build time
 * (`<!-- tamagitto:NAME -->` markers) and serves their CSS as
 * a virtual stylesheet, so the page needs no sprite code and no inline styles
 * (the CSP in the Caddyfile forbids them).
 */
function sprites(): Plugin {
  const sheet = new SpriteSheet();
  const sections: Record<string, string> = {
    brand: renderBrand(sheet),
    hero: renderHero(sheet),
    gallery: renderGallery(sheet),
    stages: renderStages(sheet),
  };
  return {
    name: 'tamagitto-sprites',
    resolveId: (id) => (id === SPRITES_CSS ? `\0${SPRITES_CSS}` : undefined),
    load: (id) => (id === `\0${SPRITES_CSS}` ? sheet.css() : undefined),
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html.replace(/<!-- tamagitto:(\w+) -->/g, (m, name: string) => {
          const section = sections[name];
          if (section === undefined) throw new Error(`unknown sprite marker ${m}`);
          return section;
        }),
    },
    configureServer(server) {
      server.middlewares.use('/favicon.svg', (_req, res) => {
        res.setHeader('Content-Type', 'image/svg+xml');
        res.end(faviconSvg());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'favicon.svg', source: faviconSvg() });
    },
  };
}

export default defineConfig({
  plugins: [partials(), sprites()],
  build: {
    // Every page is a real HTML file so links work without a router or JS.
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        privacy: resolve(import.meta.dirname, 'privacy.html'),
        404: resolve(import.meta.dirname, '404.html'),
      },
    },
    // One small stylesheet and script: inlining would need CSP exceptions.
    assetsInlineLimit: 0,
  },
});
