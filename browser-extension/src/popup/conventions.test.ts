/**
 * Conventions that keep the popup's tabs a registry (as src/content/conventions.test.ts
 * does for the github.com features): every file in tabs/ is one tab, exporting
 * one `defineTab` definition whose id is its file name, and tab-registry.ts
 * lists each of them once. The shell (app.tsx) draws only what the registry has,
 * so a tab file missing from it would silently never show.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PopupTab } from './popup-tab.ts';
import { TABS } from './tab-registry.ts';

const tabsDir = join(import.meta.dirname, 'tabs');
const tabFiles = readdirSync(tabsDir).filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'));

const looksLikeTab = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && 'view' in v;

async function definitionsIn(file: string): Promise<Record<string, unknown>[]> {
  const mod = (await import(join(tabsDir, file))) as Record<string, unknown>;
  return Object.values(mod).filter(looksLikeTab);
}

describe('popup tabs', () => {
  it('there is at least one, and the registry is not empty', () => {
    expect(tabFiles.length).toBeGreaterThan(0);
    expect(TABS.length).toBeGreaterThan(0);
  });

  it.each(tabFiles)('%s: exports one tab { id: file name, label, view(props), badge?(store) }', async (file) => {
    const tabs = await definitionsIn(file);
    expect(tabs).toHaveLength(1);
    const [tab] = tabs;
    expect(tab?.id).toBe(basename(file, extname(file)));
    expect(typeof tab?.label).toBe('string');
    expect((tab?.label as string).trim()).not.toBe('');
    expect(typeof tab?.view).toBe('function');
    // A view is a component: it takes one props object.
    expect((tab?.view as (p: unknown) => unknown).length).toBeLessThanOrEqual(1);
    expect(tab?.badge === undefined || typeof tab.badge === 'function').toBe(true);
    expect(Object.keys(tab ?? {}).filter((k) => !['id', 'label', 'view', 'badge'].includes(k))).toEqual([]);
  });

  it.each(tabFiles)('%s: is registered in tab-registry.ts', async (file) => {
    const [tab] = await definitionsIn(file);
    expect(TABS as readonly unknown[]).toContain(tab);
  });

  it('every registered tab has its own file in tabs/', () => {
    const ids = new Set(tabFiles.map((f) => basename(f, extname(f))));
    expect(TABS.map((t: PopupTab) => t.id).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('ids and labels are unique (ids build element ids; labels are how people and the e2e tests find a tab)', () => {
    const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
    expect(dupes(TABS.map((t: PopupTab) => t.id))).toEqual([]);
    expect(dupes(TABS.map((t: PopupTab) => t.label))).toEqual([]);
  });
});
