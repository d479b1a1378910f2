/**
 * The two languages stay complete: English and German have the same keys with
 * the same `$1`…`$9` substitutions, every key the popup and options pages use
 * exists in both, and the views already moved to `t()` hold no hard-coded
 * English text between tags (a new string there fails here, not in a German
 * user's popup).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABS } from '../popup/tab-registry.ts';
import { fillMessage, t } from './i18n.ts';

const root = join(import.meta.dirname, '..', '..');
type Messages = Record<string, { message: string }>;
const locale = (lang: string) => JSON.parse(readFileSync(join(root, 'public', '_locales', lang, 'messages.json'), 'utf8')) as Messages;
const en = locale('en');
const de = locale('de');
const subsOf = (m: string) => [...new Set(m.match(/\$[1-9]/g) ?? [])].sort();

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourcesUnder(join(dir, d.name)) : /\.tsx?$/.test(d.name) && !d.name.includes('.test.') ? [join(dir, d.name)] : [],
  );
}
const views = [...sourcesUnder(join(root, 'src', 'popup')), ...sourcesUnder(join(root, 'src', 'options')), ...sourcesUnder(join(root, 'src', 'content')), join(root, 'src', 'shared', 'settings-form.tsx')];

/** Views whose every user-facing word goes through t(): no text between tags but punctuation, symbols and `{…}`. */
const TRANSLATED_VIEWS = ['src/popup/pet-care.tsx', 'src/popup/onboarding.tsx', 'src/popup/badge-share.tsx', 'src/options/token-permissions.tsx', 'src/popup/release-dialog.tsx', 'src/popup/token-banner.tsx', 'src/popup/failed-analyses.tsx',
  'src/popup/vet-reports.tsx', 'src/popup/quick-settings.tsx', 'src/shared/settings-form.tsx', 'src/options/options-app.tsx', 'src/options/github-oauth.ts',
  'src/options/account-section.tsx', 'src/options/coach-key.tsx', 'src/popup/remote-view.tsx', 'src/popup/tabs/day.tsx', 'src/popup/tabs/puzzle.tsx', 'src/popup/tabs/queue.tsx', 'src/popup/tabs/coach.tsx', 'src/content/features/pet-badge.tsx', 'src/popup/sparkline.tsx'];

describe('locales', () => {
  it('English and German have the same keys, each with the same substitutions, none empty', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(en)) {
      expect(message.trim(), key).not.toBe('');
      expect(de[key]?.message.trim(), key).not.toBe('');
      expect(subsOf(de[key]!.message), key).toEqual(subsOf(message));
    }
    // Chrome's rule for message names: ASCII letters, digits and underscores.
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
    // `$…$` is a named placeholder to Chrome ("$1$2" reads as one named "1"): undefined, the extension does not load at all.
    for (const [lang, messages] of [['en', en], ['de', de]] as const) {
      for (const [key, { message }] of Object.entries(messages)) expect(message, `${lang}.${key}`).not.toMatch(/\$[A-Za-z0-9_@]+\$/);
    }
  });

  it('every key the popup and options use exists in both', () => {
    const used = new Set<string>();
    for (const file of views) for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
    for (const tab of TABS) used.add(`tab_${tab.id}`);
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((k) => !(k in en) || !(k in de));
    expect(missing).toEqual([]);
  });

  it.each(TRANSLATED_VIEWS)('%s has no hard-coded text between tags', (file) => {
    // Comments and <code> (literal values such as a content type) are not words to translate.
    const src = readFileSync(join(root, file), 'utf8')
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
      .replace(/<code>[^<]*<\/code>/g, '');
    // An arrow's `=>` before a generic (`() => Promise<void>`) is code, not a tag's end.
    const texts = [...src.matchAll(/(?<!=)>([^<>{}]*[A-Za-z]{2}[^<>{}]*)</g)]
      .map((m) => m[1]!.trim())
      // A type argument's `>` (useState<…>(null); … useRef<) is code, not text.
      .filter((s) => !/[;=]|^\(/.test(s));
    expect(texts, relative(root, file)).toEqual([]);
  });
});

describe('t()', () => {
  it('falls back to English with substitutions when chrome.i18n is missing', () => {
    expect(t('pet_revive_in', '2d 3h')).toBe('Revive in 2d 3h');
    expect(t('care_move_up', 'Mona')).toBe('Move Mona up in your list');
    expect(fillMessage('$1 of $2 costs $$5', ['a', 'b'])).toBe('a of b costs $5');
  });

  it('takes what chrome.i18n answers when it has the message', () => {
    const seen: unknown[] = [];
    const g = globalThis as { chrome?: unknown };
    const before = g.chrome;
    g.chrome = { i18n: { getMessage: (k: string, s: string[]) => (seen.push([k, s]), k === 'tab_pet' ? 'Tier' : '') } };
    try {
      expect(t('tab_pet')).toBe('Tier');
      expect(t('tab_day')).toBe('Day');
      expect(seen).toEqual([
        ['tab_pet', []],
        ['tab_day', []],
      ]);
    } finally {
      g.chrome = before;
    }
  });
});
