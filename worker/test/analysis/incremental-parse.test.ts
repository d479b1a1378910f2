/**
 * The after side of a file is parsed incrementally from the before tree; the
 * metrics must be exactly those of a fresh parse, whatever the edit looks like.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseSource, analyseSourcePair, editsBetween, spanningEdit } from '../../src/analysis/function-metrics.ts';
import { detectLanguage } from '../../src/analysis/index.ts';
import type { LanguageId } from '../../src/analysis/languages.ts';
import { getParser, type Parser } from '../../src/analysis/parser.ts';
import { loadCorpus, REPO_ROOT } from './corpus.ts';

const BASE = `// Größe: the pet's size in "Einheiten" — non-ASCII before the edits matters (UTF-16 indexes)
export function grow(pet, food = 1) {
  if (pet.hungry && food > 0) {
    pet.size += food;
  }
  return pet;
}

export const shrink = (pet) => (pet.size > 1 ? pet.size - 1 : pet.size);
`;

const EDITS: { title: string; language: LanguageId; before: string; after: string }[] = [
  { title: 'insert a branch in the middle', language: 'javascript', before: BASE, after: BASE.replace('    pet.size += food;', '    pet.size += food;\n    if (pet.size > 10 || pet.old) pet.tired = true;') },
  { title: 'delete a function', language: 'javascript', before: BASE, after: BASE.slice(0, BASE.indexOf('export const shrink')) },
  { title: 'edit the first line', language: 'javascript', before: BASE, after: `/* ✨ */ ${BASE}` },
  { title: 'append at the end', language: 'javascript', before: BASE, after: `${BASE}export function rest(pet) { return pet?.tired ?? false; }\n` },
  { title: 'scattered edits', language: 'javascript', before: BASE, after: BASE.replace('food = 1', 'food = 2, bonus = 0').replace('pet.size - 1', 'pet.size - (pet.sick ? 2 : 1)') },
  { title: 'identical sides', language: 'javascript', before: BASE, after: BASE },
  { title: 'Python', language: 'python', before: 'def f(a):\n    return a\n', after: 'def f(a):\n    """Doc."""\n    if a and a > 1:\n        return a\n    return 0\n' },
];

describe('incremental parse of the after side', () => {
  it.each(EDITS)('$title', async ({ language, before, after }) => {
    const pair = await analyseSourcePair(before, after, language);
    expect(pair.before).toEqual(await analyseSource(before, language));
    expect(pair.after).toEqual(await analyseSource(after, language));
  });

  it('matches fresh parses on real files with a block of lines removed', async () => {
    for (const file of loadCorpus(0.05)) {
      const lines = file.source.split('\n');
      const at = Math.floor(lines.length / 3);
      const before = [...lines.slice(0, at), ...lines.slice(at + 25)].join('\n');
      const pair = await analyseSourcePair(before, file.source, 'javascript');
      expect(pair.after, file.path).toEqual(await analyseSource(file.source, 'javascript'));
    }
  });

  it('spans the edit from the first to the last differing character', () => {
    expect(spanningEdit('ab\ncd\nef', 'ab\ncX\nef')).toEqual({
      startIndex: 4,
      oldEndIndex: 5,
      newEndIndex: 5,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 1, column: 2 },
      newEndPosition: { row: 1, column: 2 },
    });
  });
});

/** Every node of a tree in document order: type, field, range, positions, missing — what a fresh parse must equal. */
function dump(tree: Parser.Tree): string[] {
  const out: string[] = [];
  const c = tree.walk();
  let depth = 0;
  for (;;) {
    out.push(`${depth} ${c.nodeType}${c.nodeIsMissing ? ' MISSING' : ''} ${c.currentFieldName ?? '-'} ${c.startIndex}-${c.endIndex} ${c.startPosition.row}:${c.startPosition.column}-${c.endPosition.row}:${c.endPosition.column}`);
    if (c.gotoFirstChild()) {
      depth++;
      continue;
    }
    while (!c.gotoNextSibling()) {
      if (!c.gotoParent()) {
        c.delete();
        return out;
      }
      depth--;
    }
  }
}

/** The after side parsed from the before tree edited by `editsBetween` — with no fallback — and afresh. */
async function incrementalAndFresh(before: string, after: string, language: LanguageId): Promise<{ incremental: string[]; fresh: string[]; edits: number; errors: boolean }> {
  const parser = await getParser(language);
  const old = parser.parse(before);
  const edits = editsBetween(before, after);
  for (const e of edits) old.edit(e);
  const incremental = parser.parse(after, old);
  const fresh = parser.parse(after);
  try {
    return { incremental: dump(incremental), fresh: dump(fresh), edits: edits.length, errors: old.rootNode.hasError || fresh.rootNode.hasError };
  } finally {
    old.delete();
    incremental.delete();
    fresh.delete();
  }
}

const TS_BASE = `// Größe in "Einheiten" — 🐾 non-ASCII and a surrogate pair before the edits (UTF-16 indexes)
import { feed } from './food';

export class Pet {
  size = 1;
  constructor(private readonly name: string) {}

  grow(food: number = 1): void {
    if (food > 0 && this.size < 10) {
      this.size += food;
    }
  }
}

export function shrink(pet: Pet): number {
  return pet.size > 1 ? pet.size - 1 : pet.size;
}

export const rename = (pet: Pet, name?: string) => name ?? pet.toString();
`;

const insertAfterLine = (text: string, line: number, inserted: string) => {
  const lines = text.split('\n');
  lines.splice(line, 0, inserted);
  return lines.join('\n');
};

const TREE_EDITS: { title: string; language: LanguageId; before: string; after: string }[] = [
  { title: 'two far-apart hunks', language: 'typescript', before: TS_BASE, after: insertAfterLine(TS_BASE.replace("import { feed } from './food';", "import { feed, water } from './food';"), 18, 'export function drink(pet: Pet): void {\n  if (pet.size) water(pet);\n}\n') },
  { title: 'edits at the very start and the very end', language: 'typescript', before: TS_BASE, after: `/* 🐶 */ ${TS_BASE}export default Pet;` },
  { title: 'a changed line holding multi-byte characters', language: 'typescript', before: TS_BASE, after: TS_BASE.replace('Größe in "Einheiten" — 🐾', 'Größe in 单位 — 🐾🐾 ünd'). replace('pet.size - 1', 'pet.size - 1 /* ½ */') },
  { title: 'multi-byte characters inserted before later hunks', language: 'typescript', before: TS_BASE, after: TS_BASE.replace('size = 1;', "size = 1;\n  label = '𝒫𝑒𝓉 — ✨';").replace('name ?? pet.toString()', 'name ?? `${pet}`') },
  { title: 'CRLF line ends', language: 'typescript', before: TS_BASE.replaceAll('\n', '\r\n'), after: TS_BASE.replace('this.size += food;', 'this.size += food * 2;\n      log(food);').replaceAll('\n', '\r\n') },
  { title: 'CRLF turned into LF', language: 'typescript', before: TS_BASE.replaceAll('\n', '\r\n'), after: TS_BASE },
  { title: 'a lone CR inside a line', language: 'typescript', before: TS_BASE, after: TS_BASE.replace('size = 1;', 'size = 1;\r// after a CR') },
  { title: 'no final newline, edited last line', language: 'typescript', before: TS_BASE.trimEnd(), after: `${TS_BASE.trimEnd()} // renamed` },
  { title: 'final newline added', language: 'typescript', before: TS_BASE.trimEnd(), after: TS_BASE },
  { title: 'final newline removed', language: 'typescript', before: TS_BASE, after: TS_BASE.trimEnd() },
  { title: 'from empty', language: 'typescript', before: '', after: TS_BASE },
  { title: 'to empty', language: 'typescript', before: TS_BASE, after: '' },
  { title: 'identical sides', language: 'typescript', before: TS_BASE, after: TS_BASE },
  { title: 'every line changed', language: 'typescript', before: TS_BASE, after: TS_BASE.split('\n').map((l) => (l ? `${l} ` : l)).join('\n') },
  { title: 'more hunks than edits are allowed (one spanning edit)', language: 'typescript', before: Array.from({ length: 500 }, (_, i) => `export const a${i} = ${i};\n`).join(''), after: Array.from({ length: 500 }, (_, i) => `export const a${i} = ${i % 2 ? i : `f(${i})`};\n`).join('') },
  { title: 'a syntax error introduced', language: 'typescript', before: TS_BASE, after: TS_BASE.replace('if (food > 0 && this.size < 10) {', 'if (food > 0 && this.size < 10 {') },
  { title: 'a syntax error repaired', language: 'typescript', before: TS_BASE.replace('return pet.size > 1', 'return pet.size > > 1'), after: TS_BASE },
  { title: 'TSX', language: 'tsx', before: 'export const A = () => <div className="a">{1}</div>;\n\nexport function B() {\n  return <span>b</span>;\n}\n', after: 'export const A = () => <div className="a">{1 + 1}</div>;\n\nexport function B() {\n  if (x) return null;\n  return <span>b — ü</span>;\n}\n' },
  { title: 'Python', language: 'python', before: 'def f(a):\n    return a\n\n\ndef g(b):\n    return b\n', after: 'def f(a):\n    """Doc — ü."""\n    return a\n\n\ndef g(b):\n    if b:\n        return b\n    return None\n' },
  { title: 'Go', language: 'go', before: 'package p\n\nfunc F(a int) int {\n\treturn a\n}\n\nfunc G() {}\n', after: 'package p\n\n// F — ü\nfunc F(a int) int {\n\treturn a\n}\n\nfunc G() {\n\tif true {\n\t}\n}\n' },
];

describe('incremental parse with one edit per changed run of lines', () => {
  it.each(TREE_EDITS)('$title: the same tree and metrics as a fresh parse', async ({ language, before, after }) => {
    const { incremental, fresh, errors } = await incrementalAndFresh(before, after, language);
    // With syntax errors on a side the engine parses the after side afresh (parseAfter); without, the trees must match.
    if (!errors) expect(incremental).toEqual(fresh);
    for (const countTests of [false, true]) {
      const pair = await analyseSourcePair(before, after, language, { countTests, dangerousCalls: true });
      expect(pair.before).toEqual(await analyseSource(before, language, { countTests }));
      expect(pair.after).toEqual(await analyseSource(after, language, { countTests, dangerousCalls: true }));
    }
  });

  it('makes one edit per hunk, last first, with offsets in the before text', () => {
    const before = 'a\nb\nc\nd\ne\n';
    const after = 'a\nB!\nc\nd\ne\nf\n';
    expect(editsBetween(before, after)).toEqual([
      { startIndex: 10, oldEndIndex: 10, newEndIndex: 12, startPosition: { row: 5, column: 0 }, oldEndPosition: { row: 5, column: 0 }, newEndPosition: { row: 6, column: 0 } },
      { startIndex: 2, oldEndIndex: 4, newEndIndex: 5, startPosition: { row: 1, column: 0 }, oldEndPosition: { row: 2, column: 0 }, newEndPosition: { row: 2, column: 0 } },
    ]);
    // A last line without its newline ends inside the row; columns count UTF-16 code units.
    expect(editsBetween('x\ny', 'x\n🐾z')).toEqual([{ startIndex: 2, oldEndIndex: 3, newEndIndex: 5, startPosition: { row: 1, column: 0 }, oldEndPosition: { row: 1, column: 1 }, newEndPosition: { row: 1, column: 3 } }]);
    expect(editsBetween(TS_BASE, TS_BASE)).toEqual([]);
  });

  // Real before/after pairs: every file in a language tree-sitter parses that the last commits of a
  // repository modified. This repository's history, and ky's (the analyse-cli bench's TypeScript
  // repository) where a clone is at hand (ANALYSE_CLI_REPO or the bench's own clone).
  const RECENT_COMMITS = 40;
  const kyClone = [process.env.ANALYSE_CLI_REPO, join(REPO_ROOT, 'bench', 'results', 'analyse-cli', 'ky.git')].find((r) => r !== undefined && existsSync(r));
  const repositories: [string, string | undefined][] = [
    ['this repository', hasHistory(REPO_ROOT, RECENT_COMMITS) ? REPO_ROOT : undefined],
    ['sindresorhus/ky', kyClone],
  ];
  // Reported as skipped without the history (a shallow clone) or without a ky clone. 40 commits: enough
  // pairs with several hunks, and ~4 s rather than ~10 here (~40 s on a loaded machine with 100).
  for (const [name, repo] of repositories) it.skipIf(!repo)(`equals fresh parses on every file the last ${RECENT_COMMITS} commits of ${name} modified`, async () => {
    const git = (...args: string[]) => execFileSync('git', ['-C', repo!, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const commits = git('rev-list', '--first-parent', '--no-merges', '-n', String(RECENT_COMMITS), 'HEAD').trim().split('\n');
    let pairs = 0;
    let multiHunk = 0;
    for (const sha of commits) {
      const parents = git('rev-list', '--parents', '-n', '1', sha).trim().split(' ');
      if (parents.length < 2) continue;
      for (const path of git('diff-tree', '--no-commit-id', '-r', '--diff-filter=M', '--name-only', `${sha}^`, sha).split('\n')) {
        const language = path ? detectLanguage(path, '') : null;
        if (!language || language === 'javascript') continue; // JavaScript is meriyah's (js-metrics.ts)
        const before = git('show', `${sha}^:${path}`);
        const after = git('show', `${sha}:${path}`);
        if (before.length > 512 * 1024 || after.length > 512 * 1024) continue;
        const { incremental, fresh, edits, errors } = await incrementalAndFresh(before, after, language);
        if (!errors) expect(incremental, `${sha} ${path}`).toEqual(fresh);
        const pair = await analyseSourcePair(before, after, language, { dangerousCalls: true });
        expect(pair.after, `${sha} ${path}`).toEqual(await analyseSource(after, language, { dangerousCalls: true }));
        pairs++;
        if (edits > 1) multiHunk++;
      }
    }
    expect(pairs).toBeGreaterThan(20);
    expect(multiHunk).toBeGreaterThan(5);
  }, 120_000);
});

function hasHistory(repo: string, commits: number): boolean {
  try {
    return Number(execFileSync('git', ['-C', repo, 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }).trim()) > commits;
  } catch {
    return false;
  }
}
