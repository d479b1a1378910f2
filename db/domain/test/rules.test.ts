import { describe, expect, it } from 'vitest';
import { clampHealth, familyForLanguage, speciesFor, stateForHealth } from '../src/index.ts';

describe('stateForHealth', () => {
  it.each([
    [100, 'thriving'], [80, 'thriving'], [79.99, 'healthy'], [60, 'healthy'], [59, 'okay'], [40, 'okay'],
    [39.5, 'poor'], [20, 'poor'], [19.9, 'dying'], [0.1, 'dying'], [0, 'dying'],
  ] as const)('%s → %s', (h, s) => expect(stateForHealth(h)).toBe(s));
});

describe('familyForLanguage', () => {
  it.each([
    ['JavaScript', 'pet'], ['TypeScript', 'pet'], ['Python', 'plant'], ['Go', 'robot'], ['Rust', 'robot'], ['C++', 'robot'],
    ['Java', 'golem'], ['C#', 'golem'], ['Ruby', 'blob'], [null, 'blob'], ['', 'blob'],
  ] as const)('%s → %s', (lang, fam) => expect(familyForLanguage(lang)).toBe(fam));
});

describe('speciesFor / clampHealth', () => {
  it('is stable per repo and within the family', () => {
    expect(speciesFor('pet', 1296269)).toBe(speciesFor('pet', 1296269));
    expect(['cat', 'dog', 'hamster']).toContain(speciesFor('pet', 7));
  });
  it('clamps to 0..100', () => {
    expect(clampHealth(120)).toBe(100);
    expect(clampHealth(-3)).toBe(0);
    expect(clampHealth(55.555)).toBe(55.56);
  });
});
