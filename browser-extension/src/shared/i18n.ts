/**
 * The extension's words in the user's language: `t(key, subs?)` reads
 * chrome.i18n (public/_locales/<lang>/messages.json, Chrome picks the
 * browser's language, English by default — manifest.config.ts's
 * default_locale). Where chrome.i18n is missing (unit tests: test/i18n-setup.ts)
 * the messages given to setFallbackMessages answer, with the same `$1`…`$9`
 * substitutions; the English file is not bundled (the popup's size budget).
 * Every key used in src/popup and src/options exists in both files:
 * src/shared/i18n.test.ts.
 */
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;
type Sub = string | number;

let fallback: Partial<Record<string, { message: string }>> = {};

/** The messages used where chrome.i18n is missing (tests). */
export function setFallbackMessages(messages: Partial<Record<string, { message: string }>>): void {
  fallback = messages;
}

/** Fills `$1`…`$9` like chrome.i18n does (`$$` is a literal dollar). */
export function fillMessage(message: string, subs: readonly string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}

export function t(key: MessageKey, subs?: Sub | readonly Sub[]): string {
  return tryT(key, subs) || key;
}

/**
 * A key built from a code the server sends (a pet's state, an error code):
 * its message, or '' when neither language has it, so the caller shows the
 * code's own (English) text instead. The keys each code builds are listed in
 * i18n.test.ts, which fails when one is missing.
 */
export function tryT(key: string, subs?: Sub | readonly Sub[]): string {
  const list = subs === undefined ? [] : (Array.isArray(subs) ? subs : [subs]).map(String);
  const message = fallback[key]?.message;
  return globalThis.chrome?.i18n?.getMessage?.(key, list) || (message ? fillMessage(message, list) : '');
}

/** A server code in words: `state_dying` → "dying" / "sterbend"; an unknown code as it is. */
export const codeText = (prefix: 'state' | 'stage' | 'species' | 'group' | 'puzzle_kind', code: string): string => tryT(`${prefix}_${code.replace(/-/g, '_')}`) || code;

/** "2h 5m" / "2h 5 Min.": amounts with narrow units in the words' language (Intl). */
export function durationText(parts: readonly (readonly [number, 'day' | 'hour' | 'minute' | 'second'])[]): string {
  return parts.map(([n, unit]) => new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit, unitDisplay: 'narrow' }).format(n)).join(' ');
}

/** The language the words are in ("en", "de"), for Intl formatting beside them. */
export function uiLanguage(): string {
  return globalThis.chrome?.i18n?.getUILanguage?.() || (typeof navigator === 'undefined' ? 'en' : navigator.language) || 'en';
}
