/**
 * parser.ts: grammars load one after another in a thread. web-tree-sitter 0.22 fails a second
 * grammar load started while another is under way ("bad export type for
 * 'tree_sitter_<lang>_external_scanner_create'"), and the engine starts the files of a commit
 * together: refined-github's commits touching .ts and .tsx files came back partial, a file "parse
 * failed", and a pool thread that kept the failed load failed every later file of that language.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createParsePool } from '../../src/analysis/parse-pool.ts';
import { getParser } from '../../src/analysis/parser.ts';
import type { LanguageId } from '../../src/analysis/languages.ts';

const require = createRequire(import.meta.url);

/** A function named `f` in each language parsed by tree-sitter (JavaScript goes to meriyah). */
const SOURCES: Partial<Record<LanguageId, string>> = {
  typescript: 'function f(a: number) { return a ? 1 : 2; }',
  tsx: 'function f() { return <b>{1}</b>; }',
  python: 'def f(a):\n    return 1 if a else 2\n',
  go: 'package p\nfunc f(a int) int { if a > 0 { return 1 }; return 2 }\n',
  rust: 'fn f(a: i32) -> i32 { if a > 0 { 1 } else { 2 } }\n',
  ruby: 'def f(a)\n  a ? 1 : 2\nend\n',
  java: 'class C { int f(int a) { return a > 0 ? 1 : 2; } }\n',
};
const LANGS = Object.keys(SOURCES) as LanguageId[];

describe('grammar loads', () => {
  it('web-tree-sitter 0.22 itself fails two loads at once (why parser.ts queues them)', () => {
    // In a process of its own: a failed load leaves that thread's symbol table half-linked.
    const lib = pathToFileURL(require.resolve('web-tree-sitter')).href;
    const dir = join(dirname(require.resolve('tree-sitter-wasms/package.json')), 'out');
    const script = `import Parser from ${JSON.stringify(lib)};
await Parser.init();
const r = await Promise.allSettled(['typescript', 'tsx'].map((g) => Parser.Language.load(${JSON.stringify(dir)} + '/tree-sitter-' + g + '.wasm')));
console.log(JSON.stringify(r.map((x) => (x.status === 'fulfilled' ? 'ok' : String(x.reason)))));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
    expect(out.filter((x) => x !== 'ok')).toEqual([expect.stringMatching(/bad export type for 'tree_sitter_\w+_external_scanner_create'/)]);
  });

  it('in this thread: every grammar asked for at once loads and parses', async () => {
    const parsers = await Promise.all(LANGS.map((l) => getParser(l)));
    const names = parsers.map((p, i) => {
      const tree = p.parse(SOURCES[LANGS[i]!]!);
      try {
        return tree.rootNode.hasError ? 'error' : 'ok';
      } finally {
        tree.delete();
      }
    });
    expect(names).toEqual(LANGS.map(() => 'ok'));
  });

  describe('in a fresh pool thread with every file in flight at once', () => {
    const pool = createParsePool({ size: 1, maxInFlightPerThread: LANGS.length });
    afterAll(() => pool.close());

    it('every file is parsed, none "parse failed"', async () => {
      const results = await Promise.allSettled(LANGS.map((language) => pool.parse({ source: SOURCES[language]!, language, countTests: false })));
      expect(results.map((r, i) => (r.status === 'fulfilled' ? `${LANGS[i]}: ${r.value.functions.map((f) => f.name.replace(/^C\./, '')).join()}` : `${LANGS[i]}: ${String(r.reason)}`))).toEqual(
        LANGS.map((l) => `${l}: f`),
      );
    });
  });
});
