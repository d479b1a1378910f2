/**
 * What the github.com overlay asks the worker: which pet, if any, lives in a
 * repository. The user's own pets come from the cache in chrome.storage; any
 * other repo is asked of the API (`GET /api/pets/by-repo/:owner/:name`) and
 * the answer, a 404 ("no pet") included, is kept for a minute so browsing a
 * repo's pages does not ask again on every navigation. The worker forgets a
 * repo when its pet changes live, and everything on (re)boot or a deletion.
 */
import type { PetDto } from '@tamagitto/domain';
import { ApiRequestError, apiClient, ok, type ApiTarget } from '../shared/api-client.ts';

export const BY_REPO_TTL_MS = 60_000;

/** Cache key for "owner/name": GitHub's names are case-insensitive. */
export const repoKey = (fullName: string): string => fullName.toLowerCase();

export class ByRepoCache {
  private readonly entries = new Map<string, { pet: PetDto | null; at: number }>();

  constructor(
    private readonly ttlMs = BY_REPO_TTL_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The remembered answer (a pet, or null for "no pet there"), or undefined when unknown or older than the TTL. */
  get(fullName: string): { pet: PetDto | null } | undefined {
    const key = repoKey(fullName);
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.at < this.ttlMs) return { pet: hit.pet };
    this.entries.delete(key);
    return undefined;
  }

  set(fullName: string, pet: PetDto | null): void {
    this.entries.set(repoKey(fullName), { pet, at: this.now() });
  }

  forget(fullName: string): void {
    this.entries.delete(repoKey(fullName));
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export function fetchPetByRepo(target: ApiTarget, owner: string, name: string): Promise<PetDto> {
  return ok(apiClient(target).GET('/api/pets/by-repo/{owner}/{name}', { params: { path: { owner, name } } }));
}

export interface PetByRepoDeps {
  /** The signed-in user's pets, as cached. */
  ownPets: () => Promise<readonly PetDto[]>;
  currentTarget: () => Promise<ApiTarget | null>;
  fetchByRepo?: (target: ApiTarget, owner: string, name: string) => Promise<PetDto>;
}

/** The `pet/by-repo` answer: own pet, else a fresh cached answer, else the API's (signed out: no pet). */
export function petByRepo(cache: ByRepoCache, { ownPets, currentTarget, fetchByRepo = fetchPetByRepo }: PetByRepoDeps) {
  return async ({ owner, name }: { owner: string; name: string }): Promise<{ pet: PetDto | null }> => {
    const fullName = `${owner}/${name}`;
    const key = repoKey(fullName);
    const own = (await ownPets()).find((p) => repoKey(p.repo.fullName) === key);
    if (own) return { pet: own };
    const hit = cache.get(fullName);
    if (hit) return hit;
    const target = await currentTarget();
    if (!target) return { pet: null };
    try {
      const pet = await fetchByRepo(target, owner, name);
      cache.set(fullName, pet);
      return { pet };
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) {
        cache.set(fullName, null);
        return { pet: null };
      }
      throw err;
    }
  };
}
