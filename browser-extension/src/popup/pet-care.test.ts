import type { PetDto } from '@tamagitto/domain';
import { describe, expect, it } from 'vitest';
import { makePet } from '../../test/e2e/support/fake-api.ts';
import { badgeMarkdown, dropOrder, moveOrder, sortPets } from './pet-care.tsx';

const pet = (id: string, over: Partial<PetDto> = {}) => makePet({ id, fullName: `mona/${id}`, name: id, ...over });

describe('sortPets', () => {
  it('favourites first, then by position (none last), ties in the given order', () => {
    const pets = [pet('a'), pet('b', { position: 1 }), pet('c', { favourite: true }), pet('d', { position: 0 }), pet('e', { favourite: true, position: 0 })];
    expect(sortPets(pets).map((p) => p.id)).toEqual(['e', 'c', 'd', 'b', 'a']);
  });
});

describe('moveOrder', () => {
  const pets = [pet('a'), pet('b'), pet('c'), pet('f', { favourite: true })];

  it('swaps with the neighbour and numbers everyone whose position changes (the favourite first, at 0)', () => {
    expect(moveOrder(pets, 'b', 1)).toEqual([
      ['f', 0],
      ['a', 1],
      ['c', 2],
      ['b', 3],
    ]);
    expect(moveOrder(pets, 'b', -1)).toEqual([
      ['f', 0],
      ['b', 1],
      ['a', 2],
      ['c', 3],
    ]);
  });

  it('does not move past the ends, nor across the favourites', () => {
    expect(moveOrder(pets, 'f', -1)).toBeNull();
    expect(moveOrder(pets, 'a', -1)).toBeNull();
    expect(moveOrder(pets, 'c', 1)).toBeNull();
    expect(moveOrder(pets, 'nope', 1)).toBeNull();
  });

  it('leaves out pets already at their place', () => {
    const placed = [pet('a', { position: 0 }), pet('b', { position: 1 }), pet('c', { position: 2 })];
    expect(moveOrder(placed, 'c', -1)).toEqual([
      ['c', 1],
      ['b', 2],
    ]);
  });
});

describe('dropOrder (a pet dragged onto another)', () => {
  const placed = [pet('a', { position: 0 }), pet('b', { position: 1 }), pet('c', { position: 2 }), pet('d', { position: 3 }), pet('f', { favourite: true })];

  it('takes the place of the pet it was dropped on; the ones between shift by one', () => {
    expect(dropOrder(placed, 'd', 'a')).toEqual([
      ['f', 0],
      ['d', 1],
      ['a', 2],
      ['b', 3],
      ['c', 4],
    ]);
    const numbered = [pet('f', { favourite: true, position: 0 }), ...placed.slice(0, 4).map((p, i) => ({ ...p, position: i + 1 }))];
    expect(dropOrder(numbered, 'a', 'c')).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
    ]);
  });

  it('onto itself, onto an unknown pet or across the favourites: nothing to save', () => {
    expect(dropOrder(placed, 'b', 'b')).toBeNull();
    expect(dropOrder(placed, 'b', 'nope')).toBeNull();
    expect(dropOrder(placed, 'nope', 'b')).toBeNull();
    expect(dropOrder(placed, 'a', 'f')).toBeNull();
  });
});

describe('badgeMarkdown', () => {
  it('links the badge to the repository, with the name as alt text, brackets escaped', () => {
    expect(badgeMarkdown('http://localhost:8787/', pet('x', { name: 'Mona [Jr]' }))).toBe(
      '[![Mona \\[Jr\\]](http://localhost:8787/api/pets/x/badge.svg)](https://github.com/mona/x)',
    );
  });
});
