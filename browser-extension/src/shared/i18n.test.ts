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
import { CHECK_REASON_PARAMS, FINDING_PARAMS, PARTIAL_REASON_PARAMS, QUEUE_REASON_PARAMS, SECRET_FINDING_PARAMS, SKIPPED_PARAMS, SPECIES, STAGES, STATES } from '@tamagitto/domain';
import { TABS } from '../popup/tab-registry.ts';
import { findingText, reasonText } from '../popup/server-lines.ts';
import { FAILURE_LINE } from '../content/overlay-failure.ts';
import { MOOD_COUNT } from './pet-state.ts';
import { codeText, durationText, fillMessage, t, tryT } from './i18n.ts';

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

/** Every view (a .tsx file): no text between tags but punctuation, symbols and `{…}` — each user-facing word goes through t(). */
const TRANSLATED_VIEWS = views.filter((f) => f.endsWith('.tsx')).map((f) => relative(root, f));

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

  it('every code the server sends has its words in both: states, stages, species, families, moods, error and nudge codes', () => {
    // The error and nudge codes as the API's OpenAPI document lists them (generated into @tamagitto/domain).
    const generated = readFileSync(join(root, '..', 'db', 'domain', 'src', 'api', 'openapi.ts'), 'utf8');
    const union = (name: string) => [...(new RegExp(`\\b${name}: ((?:"[a-z_]+"(?: \\| )?)+);`).exec(generated)?.[1] ?? '').matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
    const errorCodes = union('ErrorCode');
    const puzzleKinds = [...(/\bPuzzleKind: ((?:"[a-z-]+"(?: \| )?)+);/.exec(generated)?.[1] ?? '').matchAll(/"([a-z-]+)"/g)].map((m) => m[1]!.replace(/-/g, '_'));
    const groups = [...(/\bgroup: ((?:"[a-z]+"(?: \| )?)+);/.exec(generated)?.[1] ?? '').matchAll(/"([a-z]+)"/g)].map((m) => m[1]!);
    expect(puzzleKinds).toContain('code_reading');
    expect(groups).toContain('security');
    const nudgeKinds = union('NudgeKind');
    expect(errorCodes).toContain('rate_limited');
    expect(nudgeKinds).toContain('long_block');
    const families = Object.keys(SPECIES);
    const keys = [
      ...STATES.map((s) => `state_${s}`),
      ...STAGES.map((s) => `stage_${s}`),
      ...Object.values(SPECIES).flat().map((s) => `species_${s}`),
      ...families.map((f) => `flavour_${f}`),
      ...STATES.flatMap((s) => Array.from({ length: MOOD_COUNT[s] }, (_, i) => `mood_${s}_${i + 1}`)),
      ...errorCodes.map((c) => `err_${c}`),
      'err_github_rate_limited',
      ...nudgeKinds.map((k) => `nudge_title_${k}`),
      ...puzzleKinds.map((k) => `puzzle_kind_${k}`),
      ...groups.map((g) => `group_${g}`),
      ...Object.values(FAILURE_LINE).map((f) => f.key),
    ];
    expect(keys.filter((k) => !(k in en) || !(k in de))).toEqual([]);
    // Free text the server words in English, sent with a code: the queue's reasons (codes from the OpenAPI document,
    // params per code from QUEUE_REASON_PARAMS) and every vet finding rule the worker emits (FINDING_PARAMS). Each
    // line uses exactly its params, as $1…$n.
    const reasonCodes = union('QueueReasonCode');
    expect(reasonCodes).toEqual(Object.keys(QUEUE_REASON_PARAMS));
    const lines: [string, number][] = [
      ...reasonCodes.map((c): [string, number] => [`queue_reason_${c}`, QUEUE_REASON_PARAMS[c as keyof typeof QUEUE_REASON_PARAMS].length]),
      ...Object.entries(FINDING_PARAMS).map(([rule, names]): [string, number] => [`finding_${rule.replace(/-/g, '_')}`, names.length]),
      ['finding_secret', SECRET_FINDING_PARAMS.length],
      ['finding_more', 1],
      // A PR check's reasons (the report's reasonCodes).
      ...Object.entries(CHECK_REASON_PARAMS).map(([code, names]): [string, number] => [`check_reason_${code}`, names.length]),
      // Why a file was skipped (skippedFiles[].code), the "(N more files)" entry, why a PR check's report is partial.
      ...Object.entries(SKIPPED_PARAMS).map(([code, names]): [string, number] => [`skipped_${code}`, names.length]),
      ['skipped_more_files', 1],
      ...Object.entries(PARTIAL_REASON_PARAMS).map(([code, names]): [string, number] => [`check_partial_${code}`, names.length]),
    ];
    expect(lines.filter(([k]) => !(k in en) || !(k in de)).map(([k]) => k)).toEqual([]);
    for (const [k, n] of lines) expect(subsOf(en[k]!.message), k).toEqual(Array.from({ length: n }, (_, i) => `$${i + 1}`));
    expect(union('CiState').filter((s) => !(`queue_ci_${s}` in en))).toEqual([]);
    // Both languages have as many mood lines as MOOD_COUNT says, no more (a line added to one file only would never show).
    for (const s of STATES) expect(Object.keys(en).filter((k) => k.startsWith(`mood_${s}_`)).length, s).toBe(MOOD_COUNT[s]);
  });

  it.each(TRANSLATED_VIEWS)('%s has no hard-coded text between tags, in a template literal shown as text, or in a spoken attribute', (file) => {
    // Comments and <code> (literal values such as a content type) are not words to translate.
    const src = readFileSync(join(root, file), 'utf8')
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
      .replace(/<code>[^<]*<\/code>/g, '');
    // An arrow's `=>` before a generic (`() => Promise<void>`) is code, not a tag's end.
    const texts = [...src.matchAll(/(?<!=)>([^<>{}]*[A-Za-z]{2}[^<>{}]*)</g)]
      .map((m) => m[1]!.trim())
      // Code between a comparison's `>` and a generic's `<`: a type argument (useState<…>(null); … useRef<), a ternary, a path.
      .filter((s) => !/[;=]|^[()]|\?\s*\(|^\/[\w/]*\/$/.test(s))
      // The product's name is a name in every language.
      .filter((s) => s !== 'Tamagitto');
    // {`… ${x} …`} as a child, and aria-label / title / placeholder / alt: words outside the ${…} are hard-coded.
    const words = (lit: string) => /[A-Za-z]{2}/.test(lit.replace(/\$\{[^}]*\}/g, ''));
    const literals = [...src.matchAll(/[>\s]\{`([^`]*)`\}/g), ...src.matchAll(/\b(?:aria-label|title|placeholder|alt)=(?:"([^"]*)"|\{`([^`]*)`\})/g)]
      .map((m) => m[1] ?? m[2] ?? '')
      .filter((lit) => words(lit) && !/^https?:\/\/\S+$/.test(lit));
    expect([...texts, ...literals], relative(root, file)).toEqual([]);
  });
});

describe('t()', () => {
  it('codes in words: a known code translated, an unknown one as it is; durations with Intl units', () => {
    expect(codeText('state', 'dying')).toBe('dying');
    expect(codeText('species', 'axolotl')).toBe('axolotl');
    expect(tryT('err_teapot')).toBe('');
    expect(durationText([[2, 'hour'], [5, 'minute']])).toBe('2h 5m');
  });

  it('words a queue reason and a vet finding from their codes in German; the server\'s English for an unknown code or missing params', () => {
    const g = globalThis as { chrome?: unknown };
    const before = g.chrome;
    g.chrome = { i18n: { getUILanguage: () => 'de', getMessage: (k: string, s: string[]) => (de[k] ? fillMessage(de[k].message, s) : '') } };
    try {
      const rec = (code: string, params: Record<string, string | number>) => ({ reason: 'English', reasonCode: { code, params } }) as unknown as Parameters<typeof reasonText>[0];
      expect(reasonText(rec('waited_for_review', { author: 'hubot', hours: 200 }))).toBe(`hubot wartet seit ${durationText([[8, 'day']])} auf dein Review`);
      expect(reasonText(rec('quick_win_sized', { lines: 1200, minutes: 20, ci: 'success' }))).toBe(`Schnell erledigt: ${(1200).toLocaleString('de')} Zeilen, ~${durationText([[20, 'minute']])}, CI grün — zuerst abschließen`);
      expect(reasonText(rec('teapot', {}))).toBe('English');
      const finding = (rule: string, params?: Record<string, string | number>) => ({ group: 'style' as const, severity: 'info' as const, rule, file: 'a.ts', message: 'English', params });
      expect(findingText(finding('complexity-increase', { before: 3, after: 9, change: 6 }))).toBe('zyklomatische Komplexität 3 → 9 (+6)');
      expect(findingText(finding('no-todo', { marker: 'FIXME', more: 2 }))).toBe('FIXME hinzugefügt (und 2 weitere in dieser Datei)');
      expect(findingText(finding('secret/github-pat', { description: 'GitHub token', masked: 'ghp_…' }))).toBe('GitHub token hinzugefügt (ghp_…): widerrufen und aus der Historie entfernen');
      // A secret the file already held: its own line, not "hinzugefügt".
      expect(findingText(finding('secret-moved', { description: 'GitHub token', masked: 'ghp_…' }))).toBe(
        'GitHub token verschoben (ghp_…): stand schon vor diesem Commit in der Datei und zählt daher nicht als hinzugefügt; es bleibt in der Historie — widerrufen, falls es echt ist',
      );
      expect(findingText(finding('dependency-removed', { packages: 'copy-rename-maven-plugin' }))).toBe('Abhängigkeiten entfernt: copy-rename-maven-plugin');
      // …or one the commit removed from another of its files: that file is named.
      expect(findingText(finding('secret-moved-from', { description: 'GitHub token', masked: 'ghp_…', from: 'settings.py' }))).toBe(
        'GitHub token verschoben (ghp_…) aus settings.py, wo dieser Commit es entfernt hat, und zählt daher nicht als hinzugefügt; es bleibt in der Historie — widerrufen, falls es echt ist',
      );
      expect(findingText(finding('max-line-length'))).toBe('English');
      expect(findingText(finding('teapot', {}))).toBe('English');
    } finally {
      g.chrome = before;
    }
  });

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
