/**
 * What the github.com PR-page overlay (src/content/features/pr-prediction.tsx)
 * asks the worker about PR checks (issue 16): the newest check of a PR, a new
 * check, and opening one's report in the popup. The overlay never holds the
 * session: the worker calls the API with it. Collaborators are injected, so
 * this is unit-tested without chrome.
 */
import { apiClient, ok, type ApiTarget } from '../shared/api-client.ts';
import { newestForPr } from '../shared/check-report.ts';
import type { Req, Res } from '../shared/messages.ts';
import type { PetDto } from '@tamagitto/domain';

export interface CheckDeps {
  petByRepo: (req: { owner: string; name: string }) => Promise<{ pet: PetDto | null }>;
  currentTarget: () => Promise<ApiTarget | null>;
  openPet: (petId: string) => Promise<void>;
  /** Leaves the check for the popup to open (shared/check-intent.ts). */
  setIntent: (checkId: string) => Promise<void>;
  fetchFn?: typeof fetch;
}

/** How many of a pet's newest checks are searched for one PR (the list is newest first). */
export const CHECKS_SEARCHED = 100;

export function prUrl({ owner, name, number }: { owner: string; name: string; number: number }): string {
  return `https://github.com/${owner}/${name}/pull/${number}`;
}

export function checkRequests(deps: CheckDeps) {
  const target = async (): Promise<ApiTarget> => {
    const t = await deps.currentTarget();
    if (!t) throw new Error('Signed out');
    return t;
  };
  return {
    forPr: async (req: Req<'check/for-pr'>): Promise<Res<'check/for-pr'>> => {
      const { pet } = await deps.petByRepo({ owner: req.owner, name: req.name });
      if (!pet) return { petId: null, check: null };
      const { items } = await ok(
        apiClient(await target(), deps.fetchFn).GET('/api/pets/{id}/checks', { params: { path: { id: pet.id }, query: { limit: CHECKS_SEARCHED } } }),
      );
      return { petId: pet.id, check: newestForPr(items, req.number) };
    },
    request: async (req: Req<'check/request'>): Promise<Res<'check/request'>> =>
      ok(apiClient(await target(), deps.fetchFn).POST('/api/checks', { body: { pr: prUrl(req) } })),
    open: async ({ petId, checkId }: Req<'check/open'>): Promise<Res<'check/open'>> => {
      await deps.setIntent(checkId);
      await deps.openPet(petId);
      return { ok: true };
    },
  };
}

export type CheckRequests = ReturnType<typeof checkRequests>;
