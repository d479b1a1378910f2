import { describe, expect, it, vi } from 'vitest';
import type { PetDto } from '@tamagitto/domain';
import { ApiRequestError, type ApiTarget } from '../shared/api-client.ts';
import { BY_REPO_TTL_MS, ByRepoCache, petByRepo, repoKey } from './by-repo.ts';

const pet = (id: string, fullName: string): PetDto => ({ id, name: id, repo: { fullName } }) as PetDto;
const target: ApiTarget = { origin: 'http://api.test', token: 'jwt' };

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('repoKey', () => {
  it('is the full name in lower case (GitHub names are case-insensitive)', () => {
    expect(repoKey('Octo/Cat')).toBe('octo/cat');
    expect(repoKey('octo/cat')).toBe(repoKey('OCTO/CAT'));
  });
});

describe('ByRepoCache', () => {
  it('answers by any casing until the TTL has passed, then forgets', () => {
    const c = clock();
    const cache = new ByRepoCache(BY_REPO_TTL_MS, c.now);
    const cat = pet('p1', 'octo/cat');
    cache.set('Octo/Cat', cat);
    expect(cache.get('octo/cat')).toEqual({ pet: cat });
    c.advance(BY_REPO_TTL_MS - 1);
    expect(cache.get('OCTO/cat')).toEqual({ pet: cat });
    c.advance(1);
    expect(cache.get('octo/cat')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('remembers "no pet" as null, distinct from unknown', () => {
    const cache = new ByRepoCache(1000, clock().now);
    cache.set('octo/none', null);
    expect(cache.get('octo/none')).toEqual({ pet: null });
    expect(cache.get('octo/other')).toBeUndefined();
  });

  it('forgets one repo (any casing) or everything', () => {
    const cache = new ByRepoCache(1000, clock().now);
    cache.set('octo/a', null);
    cache.set('octo/b', null);
    cache.forget('OCTO/A');
    expect(cache.get('octo/a')).toBeUndefined();
    expect(cache.get('octo/b')).toEqual({ pet: null });
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('petByRepo', () => {
  function setup(own: PetDto[] = [], signedIn = true) {
    const c = clock();
    const cache = new ByRepoCache(BY_REPO_TTL_MS, c.now);
    const fetchByRepo = vi.fn<(t: ApiTarget, owner: string, name: string) => Promise<PetDto>>();
    const lookup = petByRepo(cache, { ownPets: async () => own, currentTarget: async () => (signedIn ? target : null), fetchByRepo });
    return { c, cache, fetchByRepo, lookup };
  }

  it('answers an own pet from the cached list without asking the API', async () => {
    const mine = pet('p1', 'Octo/Cat');
    const { lookup, fetchByRepo, cache } = setup([mine]);
    expect(await lookup({ owner: 'octo', name: 'CAT' })).toEqual({ pet: mine });
    expect(fetchByRepo).not.toHaveBeenCalled();
    expect(cache.size).toBe(0);
  });

  it("asks the API once per TTL for someone else's repo", async () => {
    const theirs = pet('p9', 'other/lib');
    const { lookup, fetchByRepo, c } = setup();
    fetchByRepo.mockResolvedValue(theirs);
    expect(await lookup({ owner: 'other', name: 'lib' })).toEqual({ pet: theirs });
    expect(await lookup({ owner: 'Other', name: 'Lib' })).toEqual({ pet: theirs });
    expect(fetchByRepo).toHaveBeenCalledTimes(1);
    expect(fetchByRepo).toHaveBeenCalledWith(target, 'other', 'lib');
    c.advance(BY_REPO_TTL_MS);
    await lookup({ owner: 'other', name: 'lib' });
    expect(fetchByRepo).toHaveBeenCalledTimes(2);
  });

  it('keeps a 404 as "no pet"', async () => {
    const { lookup, fetchByRepo } = setup();
    fetchByRepo.mockRejectedValue(new ApiRequestError(404, 'not_found', 'No pet'));
    expect(await lookup({ owner: 'x', name: 'y' })).toEqual({ pet: null });
    expect(await lookup({ owner: 'x', name: 'y' })).toEqual({ pet: null });
    expect(fetchByRepo).toHaveBeenCalledTimes(1);
  });

  it('rethrows other failures and does not cache them', async () => {
    const { lookup, fetchByRepo, cache } = setup();
    fetchByRepo.mockRejectedValue(new ApiRequestError(500, 'internal', 'Boom'));
    await expect(lookup({ owner: 'x', name: 'y' })).rejects.toThrow('Boom');
    expect(cache.size).toBe(0);
  });

  it('signed out: no pet, no request', async () => {
    const { lookup, fetchByRepo } = setup([], false);
    expect(await lookup({ owner: 'x', name: 'y' })).toEqual({ pet: null });
    expect(fetchByRepo).not.toHaveBeenCalled();
  });
});
