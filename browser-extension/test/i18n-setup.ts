/** Unit tests run without chrome.i18n: t() answers in English from the locale file (src/shared/i18n.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFallbackMessages } from '../src/shared/i18n.ts';

setFallbackMessages(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'public', '_locales', 'en', 'messages.json'), 'utf8')) as Record<string, { message: string }>);
