/**
 * Stage 1 (classify-files.ts): one changed file in, what it is and what its
 * added lines say out. Table-driven: each row is a file as the queue consumer
 * or the git reader builds it, and the facts the engine relies on.
 */
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '@tamagitto/domain';
import { classifyFile, dangerousLineFindings, kindOf, NO_CHANGES_REASON, readChanges, resolveSides, type ClassifiedFile } from '../../src/analysis/classify-files.ts';

// Split so that secret scanners do not flag this test file itself.
const TOKEN = 'ghp_' + 'R8xk2LpQ9vTz4Wm7Yb1Nc5Hd3Jf6Gs0Ae8Ku';

/** A patch adding `lines` at the top of the file. */
function addPatch(lines: string[]): string {
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
}

function added(path: string, lines: string[], withContents = true): ChangedFile {
  const after = `${lines.join('\n')}\n`;
  return { path, status: 'added', additions: lines.length, deletions: 0, patch: addPatch(lines), ...(withContents ? { before: null, after } : {}) };
}

/** The facts of a classification the engine uses, in a shape a table can hold. */
function facts(c: ClassifiedFile) {
  if (c.type === 'skipped') return { type: c.type, reason: c.skipped.reason, partial: c.partial };
  const lines = { rules: c.lines.findings.map((f) => f.rule), secrets: c.lines.secrets, lint: c.lines.lintViolations };
  if (c.type === 'coverage') return { type: c.type, before: c.coverage.before, after: c.coverage.after, ...lines };
  const s = c.source;
  return { type: c.type, kind: s.kind, language: s.language, excluded: s.excluded, added: s.changes.added.length, removed: s.changes.removed.length, before: s.before, after: s.after, ...lines };
}

const LOG = 'console.log(value);';

describe('classifyFile', () => {
  it.each<[string, ChangedFile, ReturnType<typeof facts>]>([
    ['binary file: skipped, the result stays complete', { path: 'img/logo.png', status: 'added', additions: 0, deletions: 0, binary: true }, { type: 'skipped', reason: 'binary', partial: false }],
    ['missing patch and contents: skipped, partial', { path: 'src/huge.ts', status: 'modified', additions: 9000, deletions: 10 }, { type: 'skipped', reason: NO_CHANGES_REASON, partial: true }],
    [
      'code file: language by extension, style rules on added lines',
      added('src/pet.ts', ['export const x = 1;', LOG]),
      { type: 'source', kind: 'code', language: 'typescript', excluded: false, added: 2, removed: 0, before: null, after: `export const x = 1;\n${LOG}\n`, rules: ['no-debug-leftover'], secrets: 0, lint: 1 },
    ],
    [
      'a Gemfile is Ruby but a manifest: not code (no functions, no lines of code to test)',
      added('Gemfile', ["gem 'rack-test'"]),
      { type: 'source', kind: 'other', language: 'ruby', excluded: false, added: 1, removed: 0, before: null, after: "gem 'rack-test'\n", rules: ['dependency-update'], secrets: 0, lint: 0 },
    ],
    [
      'test file: output is allowed',
      added('src/pet.test.ts', [LOG]),
      { type: 'source', kind: 'test', language: 'typescript', excluded: false, added: 1, removed: 0, before: null, after: `${LOG}\n`, rules: [], secrets: 0, lint: 0 },
    ],
    [
      "a long line in a JSDoc block without leading asterisks (ky's style) is prose: no max-line-length",
      added('source/errors/HTTPError.ts', ['/**', `The error has a \`response\` property with the \`Response\` object, a \`request\` property with the \`Request\` object, and a \`data\` property.`, '*/', 'export class HTTPError extends Error {}']),
      { type: 'source', kind: 'code', language: 'typescript', excluded: false, added: 4, removed: 0, before: null, after: `/**\nThe error has a \`response\` property with the \`Response\` object, a \`request\` property with the \`Request\` object, and a \`data\` property.\n*/\nexport class HTTPError extends Error {}\n`, rules: [], secrets: 0, lint: 0 },
    ],
    [
      "a CI script under .github/: output is allowed (refined-github's .github/workflows/daily.js)",
      added('.github/workflows/daily.js', [LOG]),
      { type: 'source', kind: 'code', language: 'javascript', excluded: false, added: 1, removed: 0, before: null, after: `${LOG}\n`, rules: [], secrets: 0, lint: 0 },
    ],
    [
      "a Rake task: output is allowed (jekyll's rake/rubocop.rake)",
      added('rake/rubocop.rake', ['puts "done"']),
      { type: 'source', kind: 'code', language: 'ruby', excluded: false, added: 1, removed: 0, before: null, after: 'puts "done"\n', rules: [], secrets: 0, lint: 0 },
    ],
    [
      'the same line in library code is a leftover',
      added('lib/jekyll/site.rb', ['puts "done"']),
      { type: 'source', kind: 'code', language: 'ruby', excluded: false, added: 1, removed: 0, before: null, after: 'puts "done"\n', rules: ['no-debug-leftover'], secrets: 0, lint: 1 },
    ],
    [
      "a benchmark script: output is allowed (svelte's benchmarking/run.js)",
      added('benchmarking/run.js', [LOG]),
      { type: 'source', kind: 'code', language: 'javascript', excluded: false, added: 1, removed: 0, before: null, after: `${LOG}\n`, rules: [], secrets: 0, lint: 0 },
    ],
    [
      'command-line script: output is allowed',
      added('bin/tool.js', [LOG]),
      { type: 'source', kind: 'code', language: 'javascript', excluded: false, added: 1, removed: 0, before: null, after: `${LOG}\n`, rules: [], secrets: 0, lint: 0 },
    ],
    [
      'node_modules/: excluded, no style rules',
      added('node_modules/x/index.js', [LOG]),
      { type: 'source', kind: 'code', language: 'javascript', excluded: true, added: 1, removed: 0, before: null, after: `${LOG}\n`, rules: [], secrets: 0, lint: 0 },
    ],
    [
      '*.min.js: excluded',
      added('public/app.min.js', [LOG]),
      { type: 'source', kind: 'code', language: 'javascript', excluded: true, added: 1, removed: 0, before: null, after: `${LOG}\n`, rules: [], secrets: 0, lint: 0 },
    ],
    [
      'generated file (marker in its first lines): excluded',
      added('src/schema.ts', ['// Code generated by kysely-codegen. DO NOT EDIT.', LOG]),
      { type: 'source', kind: 'code', language: 'typescript', excluded: true, added: 2, removed: 0, before: null, after: `// Code generated by kysely-codegen. DO NOT EDIT.\n${LOG}\n`, rules: [], secrets: 0, lint: 0 },
    ],
    [
      'lock file: excluded, not scanned for secrets (hashes), reported as a dependency update',
      { path: 'package-lock.json', status: 'modified', additions: 1, deletions: 0, patch: `@@ -3,0 +4 @@\n+  "resolved": "${TOKEN}",` },
      { type: 'source', kind: 'other', language: null, excluded: true, added: 1, removed: 0, before: undefined, after: undefined, rules: ['dependency-update'], secrets: 0, lint: 0 },
    ],
    [
      'secret in code: counted, one error finding',
      added('src/gh.ts', [`export const token = '${TOKEN}';`]),
      { type: 'source', kind: 'code', language: 'typescript', excluded: false, added: 1, removed: 0, before: null, after: `export const token = '${TOKEN}';\n`, rules: ['secret/github-token'], secrets: 1, lint: 0 },
    ],
    [
      'excluded file: still scanned for secrets',
      added('dist/config.js', [`const k = "AKIA${'Q4ZL7NVC2WJ3RT5K'}";`]),
      { type: 'source', kind: 'code', language: 'javascript', excluded: true, added: 1, removed: 0, before: null, after: `const k = "AKIA${'Q4ZL7NVC2WJ3RT5K'}";\n`, rules: ['secret/aws-access-key-id'], secrets: 1, lint: 0 },
    ],
    [
      'doc file: no language, no style rules',
      added('docs/guide.md', ['# Guide', 'TODO: write   ']),
      { type: 'source', kind: 'doc', language: null, excluded: false, added: 2, removed: 0, before: null, after: '# Guide\nTODO: write   \n', rules: [], secrets: 0, lint: 0 },
    ],
    [
      'unknown kind: other',
      added('config/app.yaml', ['port: 80']),
      { type: 'source', kind: 'other', language: null, excluded: false, added: 1, removed: 0, before: null, after: 'port: 80\n', rules: [], secrets: 0, lint: 0 },
    ],
    [
      'script without extension: language by shebang',
      added('bin/release', ['#!/usr/bin/env node', 'run();']),
      { type: 'source', kind: 'code', language: 'javascript', excluded: false, added: 2, removed: 0, before: null, after: '#!/usr/bin/env node\nrun();\n', rules: [], secrets: 0, lint: 0 },
    ],
    [
      'dotenv file added: sensitive (counts like a dangerous call)',
      added('.env', ['PORT=80']),
      { type: 'source', kind: 'other', language: null, excluded: false, added: 1, removed: 0, before: null, after: 'PORT=80\n', rules: ['sensitive-file'], secrets: 0, lint: 3 },
    ],
    [
      'dotenv file removed: not a leak',
      { path: '.env', status: 'removed', additions: 0, deletions: 1, patch: '@@ -1 +0,0 @@\n-PORT=80' },
      { type: 'source', kind: 'other', language: null, excluded: false, added: 0, removed: 1, before: 'PORT=80\n', after: null, rules: [], secrets: 0, lint: 0 },
    ],
    [
      'removed file without contents: its patch is the whole before side',
      { path: 'src/old.py', status: 'removed', additions: 0, deletions: 2, patch: '@@ -1,2 +0,0 @@\n-def f():\n-    return 1' },
      { type: 'source', kind: 'code', language: 'python', excluded: false, added: 0, removed: 2, before: 'def f():\n    return 1\n', after: null, rules: [], secrets: 0, lint: 0 },
    ],
    [
      'added file without contents: its patch is the whole after side',
      added('src/new.go', ['package pet', 'func F() {}'], false),
      { type: 'source', kind: 'code', language: 'go', excluded: false, added: 2, removed: 0, before: null, after: 'package pet\nfunc F() {}\n', rules: [], secrets: 0, lint: 0 },
    ],
    [
      'added file whose patch is not all of it (cut): after side unknown',
      { path: 'src/new.go', status: 'added', additions: 5, deletions: 0, patch: addPatch(['package pet']) },
      { type: 'source', kind: 'code', language: 'go', excluded: false, added: 1, removed: 0, before: null, after: undefined, rules: [], secrets: 0, lint: 0 },
    ],
    [
      'renamed file: judged by its new path, sides as fetched',
      { path: 'src/pet.test.ts', previousPath: 'src/pet.spec.ts', status: 'renamed', additions: 1, deletions: 1, patch: '@@ -1 +1 @@\n-it("a", () => {});\n+it("b", () => {});' },
      { type: 'source', kind: 'test', language: 'typescript', excluded: false, added: 1, removed: 1, before: undefined, after: undefined, rules: [], secrets: 0, lint: 0 },
    ],
    [
      'contents without a patch: changed lines by comparing them',
      { path: 'src/a.rb', status: 'modified', additions: 1, deletions: 1, before: 'x = 1\ny = 2\n', after: 'x = 1\ny = 3\n' },
      { type: 'source', kind: 'code', language: 'ruby', excluded: false, added: 1, removed: 1, before: 'x = 1\ny = 2\n', after: 'x = 1\ny = 3\n', rules: [], secrets: 0, lint: 0 },
    ],
    [
      'dependency manifest: names the packages to review',
      { path: 'package.json', status: 'modified', additions: 1, deletions: 0, patch: '@@ -5,0 +6 @@\n+    "left-pad": "^1.3.0",' },
      { type: 'source', kind: 'other', language: null, excluded: false, added: 1, removed: 0, before: undefined, after: undefined, rules: ['dependency-update'], secrets: 0, lint: 0 },
    ],
    [
      'coverage report with both sides: line coverage of each',
      { path: 'coverage/lcov.info', status: 'modified', additions: 1, deletions: 1, before: 'LF:200\nLH:140\n', after: 'LF:200\nLH:150\n', patch: '@@ -2 +2 @@\n-LH:140\n+LH:150' },
      { type: 'coverage', before: 70, after: 75, rules: [], secrets: 0, lint: 0 },
    ],
    [
      'coverage report added from its patch: no before side',
      added('coverage.out', ['mode: set', 'a/b.go:1.1,2.2 2 1', 'a/b.go:3.1,4.2 2 0'], false),
      { type: 'coverage', before: null, after: 50, rules: [], secrets: 0, lint: 0 },
    ],
  ])('%s', (_title, file, expected) => {
    expect(facts(classifyFile(file))).toEqual(expected);
  });

  it('masks a secret: the finding names it without echoing it', () => {
    const c = classifyFile(added('src/gh.ts', [`export const token = '${TOKEN}';`]));
    expect(c.type).toBe('source');
    const finding = c.type === 'source' ? c.lines.findings[0] : undefined;
    expect(finding).toMatchObject({ group: 'security', severity: 'error', rule: 'secret/github-token', file: 'src/gh.ts', line: 1 });
    expect(finding?.message).toContain('ghp_… (40 chars)');
    expect(JSON.stringify(c.type === 'source' ? c.lines : null)).not.toContain(TOKEN.slice(4, 12));
  });

  describe('a secret the file already held (moved, re-indented, renamed) is shown, not counted', () => {
    const KEY = `SECRET_KEY = "${'5f352379324c22463451387a'}0aec5d2f"`;
    /** `docs/config.rst` whose line 3 was `before` and is now `after`, both sides' contents read. */
    const edited = (beforeLine: string, afterLine: string, extra: string[] = []): ChangedFile => {
      const head = ['Configuration', '============='];
      return {
        path: 'docs/config.rst',
        status: 'modified',
        additions: 1 + extra.length,
        deletions: 1,
        patch: `@@ -3 +3,${1 + extra.length} @@\n-${beforeLine}\n+${afterLine}${extra.map((l) => `\n+${l}`).join('')}`,
        before: `${[...head, beforeLine].join('\n')}\n`,
        after: `${[...head, afterLine, ...extra].join('\n')}\n`,
      };
    };
    const security = (c: ClassifiedFile) => (c.type === 'source' ? { rules: c.lines.findings.filter((f) => f.group === 'security').map((f) => f.rule), secrets: c.lines.secrets } : null);

    it('re-indented: secret-moved, nothing counted (it fails with a plain secret finding, counted, without the check)', () => {
      const c = classifyFile(edited(KEY, `    ${KEY}`));
      expect(security(c)).toEqual({ rules: ['secret-moved'], secrets: 0 });
      const finding = c.type === 'source' ? c.lines.findings.find((f) => f.rule === 'secret-moved') : undefined;
      expect(finding).toMatchObject({ severity: 'warning', line: 3, params: { description: expect.any(String), masked: expect.stringContaining('(32 chars)') } });
      expect(JSON.stringify(finding)).not.toContain('0aec5d2f');
    });

    it('a new value beside it still counts', () => {
      const fresh = `API_TOKEN = "${'9c1e77b04d2a5f83e6b1'}d0c4a7f29e53"`;
      expect(security(classifyFile(edited(KEY, `    ${KEY}`, [fresh])))).toEqual({ rules: ['secret-moved', 'secret/generic-high-entropy'], secrets: 1 });
    });

    it('a changed value counts', () => {
      expect(security(classifyFile(edited(KEY, KEY.replace('5f35', '7a21'))))).toEqual({ rules: ['secret/generic-high-entropy'], secrets: 1 });
    });

    it('from the removed lines alone when only the patch is known (GitHub sent no contents)', () => {
      const { before: _b, after: _a, ...patchOnly } = edited(KEY, `    ${KEY}`);
      expect(security(classifyFile(patchOnly))).toEqual({ rules: ['secret-moved'], secrets: 0 });
    });
  });

  it('shows at most three findings per rule and file, but counts up to ten', () => {
    const c = classifyFile(added('src/noisy.ts', Array.from({ length: 12 }, (_, i) => `const v${i} = 1; // TODO ${i}`)));
    const lines = c.type === 'source' ? c.lines : undefined;
    expect(lines?.findings.map((f) => f.line)).toEqual([1, 2, 3]);
    expect(lines?.findings[2]?.message).toBe('TODO added (and 9 more in this file)');
    expect(lines?.lintViolations).toBe(10);
  });
});

describe('kindOf', () => {
  it.each([
    ['README.md', null, 'doc'],
    ['docs/api.py', 'python', 'code'],
    ['tests/test_pet.py', 'python', 'test'],
    ['src/__tests__/fixture.json', null, 'test'],
    ['src/pet.ts', 'typescript', 'code'],
    ['Makefile', null, 'other'],
  ] as const)('%s (%s) → %s', (path, language, kind) => {
    expect(kindOf(path, language)).toBe(kind);
  });
});

describe('readChanges and resolveSides', () => {
  it.each<[string, ChangedFile, { added: number[]; removed: number[] } | null]>([
    ['from the patch', { path: 'a', status: 'modified', additions: 1, deletions: 1, patch: '@@ -3,2 +3,2 @@\n keep\n-old\n+new' }, { added: [4], removed: [4] }],
    ['from both contents', { path: 'a', status: 'modified', additions: 1, deletions: 0, before: 'a\n', after: 'a\nb\n' }, { added: [2], removed: [] }],
    ['added, after only', { path: 'a', status: 'added', additions: 2, deletions: 0, after: 'a\nb\n' }, { added: [1, 2], removed: [] }],
    ['removed, before only', { path: 'a', status: 'removed', additions: 0, deletions: 1, before: 'a\n' }, { added: [], removed: [1] }],
    ['modified, one side only', { path: 'a', status: 'modified', additions: 1, deletions: 0, after: 'a\n' }, null],
  ])('%s', (_title, file, expected) => {
    const changes = readChanges(file);
    expect(changes && { added: changes.added.map((l) => l.line), removed: changes.removed.map((l) => l.line) }).toEqual(expected);
  });

  it.each<[string, ChangedFile, { before: string | null | undefined; after: string | null | undefined }]>([
    ['modified: as fetched', { path: 'a', status: 'modified', additions: 1, deletions: 0, patch: '@@ -1 +1,2 @@\n a\n+b', before: 'a\n', after: 'a\nb\n' }, { before: 'a\n', after: 'a\nb\n' }],
    ['modified, not fetched: unknown', { path: 'a', status: 'modified', additions: 1, deletions: 0, patch: '@@ -1 +1,2 @@\n a\n+b' }, { before: undefined, after: undefined }],
    ['added from its whole patch', { path: 'a', status: 'added', additions: 2, deletions: 0, patch: '@@ -0,0 +1,2 @@\n+a\n+b' }, { before: null, after: 'a\nb\n' }],
    ['removed from its whole patch', { path: 'a', status: 'removed', additions: 0, deletions: 1, patch: '@@ -1 +0,0 @@\n-a' }, { before: 'a\n', after: null }],
    ['added, empty file', { path: 'a', status: 'added', additions: 0, deletions: 0, patch: '' }, { before: null, after: undefined }],
  ])('%s', (_title, file, expected) => {
    const changes = readChanges(file);
    expect(changes).not.toBeNull();
    if (changes) expect(resolveSides(file, changes)).toEqual(expected);
  });
});

describe('dangerousLineFindings (the line rules behind the syntax tree)', () => {
  it.each([
    ['src/run.js', 'javascript', ['eval(code);', 'exec(`ls ${dir}`);'], ['no-eval', 'no-shell-injection'], 6],
    ['run.py', 'python', ['os.system(f"rm {path}")'], ['no-shell-injection'], 3],
    ['src/run.js', 'javascript', ['// eval(code) in a comment'], [], 0],
    ['main.go', 'go', ['db.Query("SELECT * FROM t WHERE id = " + id)'], ['no-sql-concatenation'], 3],
  ] as const)('%s: %j → %j', (path, language, lines, rules, lint) => {
    const c = classifyFile({ path, status: 'added', additions: lines.length, deletions: 0, patch: addPatch([...lines]) });
    expect(c.type === 'source' && c.source.language).toBe(language);
    if (c.type !== 'source') return;
    const found = dangerousLineFindings(c.source);
    expect(found.findings.map((f) => f.rule)).toEqual(rules);
    expect(found.lintViolations).toBe(lint);
  });
});
