import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const SITE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the site with its real vite.config.ts into `outDir`, so tests and
 * benches never race over site/dist with a developer's own build.
 */
export async function buildSite(outDir: string): Promise<void> {
  await build({
    root: SITE_DIR,
    configFile: `${SITE_DIR}/vite.config.ts`,
    // The config imports workspace TypeScript (the sprites); see package.json.
    configLoader: 'runner',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
}
