/**
 * Loads web-tree-sitter and the prebuilt grammars once per thread.
 *
 * web-tree-sitter is pinned to 0.22.6: tree-sitter-wasms 0.1.13 grammars were
 * built with tree-sitter-cli 0.20 and newer runtimes (0.27) refuse to load them.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Parser from 'web-tree-sitter';
import { LANGUAGES, type LanguageId } from './languages.ts';

export type { Parser };

const require = createRequire(import.meta.url);
const grammarDir = join(dirname(require.resolve('tree-sitter-wasms/package.json')), 'out');

let ready: Promise<void> | null = null;
const languages = new Map<LanguageId, Promise<Parser.Language>>();
const parsers = new Map<LanguageId, Promise<Parser>>();

function init(): Promise<void> {
  ready ??= Parser.init();
  return ready;
}

/**
 * The grammar loads of this thread, one after another. web-tree-sitter 0.22 links each grammar's
 * WebAssembly into one shared symbol table, and two loads at once fail — every one but the first
 * with "bad export type for 'tree_sitter_<lang>_external_scanner_create'" (a commit touching .ts and
 * .tsx files started both in the same turn; parser.test.ts shows it on the library itself).
 */
let loads: Promise<unknown> = Promise.resolve();

/** Keeps `promise` under `id` while it may still succeed: a rejected one is dropped, so the next call tries again. */
function remember<T>(cache: Map<LanguageId, Promise<T>>, id: LanguageId, promise: Promise<T>): Promise<T> {
  cache.set(id, promise);
  // A failed load is not kept: a thread that kept it failed every later file of that language.
  promise.catch(() => cache.get(id) === promise && cache.delete(id));
  return promise;
}

export async function loadLanguage(id: LanguageId): Promise<Parser.Language> {
  await init();
  const cached = languages.get(id);
  if (cached) return cached;
  const path = join(grammarDir, `tree-sitter-${LANGUAGES[id].grammar}.wasm`);
  const loaded = loads.then(() => Parser.Language.load(path));
  loads = loaded.catch(() => undefined);
  return remember(languages, id, loaded);
}

/**
 * One parser per language per thread, reused: creating one costs more than parsing a small file.
 * The promise is cached, so tasks arriving together on a cold thread share one parser.
 */
export function getParser(id: LanguageId): Promise<Parser> {
  return (
    parsers.get(id) ??
    remember(
      parsers,
      id,
      loadLanguage(id).then((language) => {
        const created = new Parser();
        created.setLanguage(language);
        return created;
      }),
    )
  );
}
