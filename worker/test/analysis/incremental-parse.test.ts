/**
 * The after side of a file is parsed incrementally from the before tree; the
 * metrics must be exactly those of a fresh parse, whatever the edit looks like.
 */
import { describe, expect, it } from 'vitest';
import { analyseSource, analyseSourcePair, spanningEdit } from '../../src/analysis/function-metrics.ts';
import type { LanguageId } from '../../src/analysis/languages.ts';
import { loadCorpus } from './corpus.ts';

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
