import { describe, expect, it } from 'vitest';
import type { PetDto } from '@tamagitto/domain';
import { badgeFor, SIGNED_OUT_BADGE, toolbarBadge } from './badge.ts';
import { STATE_COLOR } from '../shared/pet-state.ts';

const pet = (id: string, fullName: string, health: number, state: PetDto['state']): PetDto =>
  ({ id, name: id, health, state, stage: 'adult', family: 'blob', repo: { fullName } }) as PetDto;

const pets = [pet('a', 'octo/cat', 72.4, 'healthy'), pet('b', 'octo/dog', 15, 'dying'), pet('c', 'octo/rip', 0, 'dead')];

describe('badgeFor', () => {
  it('shows the pet of the current tab repo, coloured by state', () => {
    expect(badgeFor(pets, 'https://github.com/Octo/Dog/pull/1', null)).toMatchObject({ text: '15', color: STATE_COLOR.dying });
  });
  it('falls back to the favourite, then to the first pet', () => {
    expect(badgeFor(pets, 'https://example.com', 'b').text).toBe('15');
    expect(badgeFor(pets, undefined, null)).toMatchObject({ text: '72', color: STATE_COLOR.healthy });
  });
  it('marks a dead pet and is empty without pets', () => {
    expect(badgeFor(pets, 'https://github.com/octo/rip', null).text).toBe('✝');
    expect(badgeFor([], 'https://github.com/octo/cat', null).text).toBe('');
  });
});

describe('toolbarBadge', () => {
  it('signed out: no number and a hint to sign in, whatever is cached', () => {
    expect(toolbarBadge(false, pets, 'https://github.com/octo/cat', 'a')).toEqual({ text: '', color: '#57606a', title: 'Tamagitto — sign in from the options page' });
    expect(toolbarBadge(false, pets, undefined, null)).toBe(SIGNED_OUT_BADGE);
  });
  it('signed in: the pet badge, with its name in the tooltip', () => {
    expect(toolbarBadge(true, pets, 'https://github.com/octo/cat', null)).toEqual({
      text: '72',
      color: STATE_COLOR.healthy,
      title: 'Tamagitto — a (octo/cat): healthy, 72/100',
    });
  });
});
