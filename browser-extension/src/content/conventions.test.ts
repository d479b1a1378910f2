/**
 * Conventions that keep the overlay maintainable (after refined-github's
 * build/features.test.ts): every feature file exports one PageFeature whose
 * id is its file name and is registered in main.tsx, and every github.com
 * selector names an example page, so a broken one can be checked by eye.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PR_TITLE_SELECTORS, REPO_TITLE_SELECTORS } from './selectors.ts';

const featuresDir = join(import.meta.dirname, 'features');
const featureFiles = readdirSync(featuresDir).filter((f) => f.endsWith('.tsx') && !f.includes('.test.'));

describe('content features', () => {
  it('there is at least one', () => expect(featureFiles.length).toBeGreaterThan(0));

  it.each(featureFiles)('%s: exports a feature with matching id, URL predicate and init(signal)', async (file) => {
    const mod = (await import(join(featuresDir, file))) as Record<string, { id?: unknown; matches?: unknown; init?: unknown }>;
    const features = Object.values(mod).filter((v) => v && typeof v === 'object' && 'init' in v);
    expect(features).toHaveLength(1);
    const [feature] = features;
    expect(feature?.id).toBe(basename(file, '.tsx'));
    expect(typeof feature?.matches).toBe('function');
    expect(typeof feature?.init).toBe('function');
    expect((feature?.init as (s: AbortSignal) => unknown).length).toBe(1);
  });

  it.each(featureFiles)('%s: is registered in main.tsx', (file) => {
    const main = readFileSync(join(featuresDir, '../main.tsx'), 'utf8');
    expect(main).toContain(`./features/${basename(file, '.tsx')}.tsx`);
  });
});

describe('selectors.ts', () => {
  const source = readFileSync(join(import.meta.dirname, 'selectors.ts'), 'utf8');
  it.each([...REPO_TITLE_SELECTORS, ...PR_TITLE_SELECTORS].map((s) => s.selector))('%s has an example github.com page', (selector) => {
    const at = source.indexOf(`'${selector}'`);
    const before = source.slice(Math.max(0, source.lastIndexOf('{', at)), at);
    expect(before).toMatch(/Example: https:\/\/github\.com\//);
  });

  it('no other file under src/content queries the DOM with a literal selector', () => {
    const files = ['main.tsx', 'feature-registry.ts', 'overlay-host.ts', ...featureFiles.map((f) => `features/${f}`)];
    for (const f of files) {
      const code = readFileSync(join(import.meta.dirname, f), 'utf8');
      expect(code, f).not.toMatch(/querySelector(All)?\(\s*['"`](?!\[\$\{)/);
    }
  });
});
