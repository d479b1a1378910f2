/**
 * Keeps chrome.storage.local in step with the API: full refreshes (popup
 * open, polling while the socket is down) and live `pet.updated` events.
 */
import type { PetDto, ServerMessage } from '@tamagitto/domain';
import { apiClient, ok, type ApiTarget } from '../shared/api-client.ts';
import { isAlarmingDrop } from '../shared/pet-state.ts';
import { readStore, writeStore, type PetDetails } from '../shared/storage.ts';

export async function currentTarget(): Promise<ApiTarget | null> {
  const { settings, session } = await readStore(['settings', 'session']);
  return session ? { origin: settings.apiOrigin, token: session.token } : null;
}

export async function refreshPets(target: ApiTarget): Promise<PetDto[]> {
  const { items } = await ok(apiClient(target).GET('/api/pets'));
  await writeStore({ pets: { items, fetchedAt: new Date().toISOString() } });
  return items;
}

export async function refreshPetDetails(target: ApiTarget, petId: string): Promise<PetDetails> {
  const api = apiClient(target);
  const [history, analyses] = await Promise.all([
    ok(api.GET('/api/pets/{id}/history', { params: { path: { id: petId }, query: { limit: 30 } } })),
    ok(api.GET('/api/pets/{id}/analyses', { params: { path: { id: petId }, query: { limit: 5 } } })),
  ]);
  const details: PetDetails = { history: history.items, analyses: analyses.items, fetchedAt: new Date().toISOString() };
  const { petDetails } = await readStore(['petDetails']);
  await writeStore({ petDetails: { ...petDetails, [petId]: details } });
  return details;
}

export type PetUpdate = Extract<ServerMessage, { type: 'pet.updated' }>;

/**
 * Applies a live update to the cached list. Returns the updated pet and
 * whether it was an alarming drop, or null when the pet is not cached (the
 * caller then does a full refresh).
 */
export async function applyPetUpdate(msg: PetUpdate): Promise<{ pet: PetDto; alarming: boolean } | null> {
  const { pets } = await readStore(['pets']);
  const prev = pets?.items.find((p) => p.id === msg.petId);
  if (!pets || !prev) return null;
  const pet: PetDto = { ...prev, health: msg.health, state: msg.state, stage: msg.stage, lastCommitAt: msg.sha ? msg.at : prev.lastCommitAt };
  await writeStore({
    pets: { items: pets.items.map((p) => (p.id === pet.id ? pet : p)), fetchedAt: pets.fetchedAt },
    lastChange: { petId: pet.id, delta: msg.delta, at: msg.at },
  });
  return { pet, alarming: isAlarmingDrop(prev.state, pet.state) };
}

export async function removePet(petId: string): Promise<void> {
  const { pets, petDetails } = await readStore(['pets', 'petDetails']);
  const rest = { ...petDetails };
  delete rest[petId];
  await writeStore({
    pets: pets ? { items: pets.items.filter((p) => p.id !== petId), fetchedAt: pets.fetchedAt } : null,
    petDetails: rest,
  });
}
