/**
 * A pet's failed analyses and the retry action: the deliveries of the pet's repository that the
 * worker dead-lettered (worker/src/retry-policy.ts), with their cause. Scoped like every pet
 * route: another user's pet is a 404.
 */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { findOwnedPet } from '../pets/store.ts';
import { FailedDeliveriesSchema, RetriedSchema, toFailedDeliveryDto } from './dto.ts';
import { failedOfRepository, retryFailedOfRepository } from './store.ts';

export function deliveryRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);
  return new Hono<AppEnv>()
    .use('/pets/:id/failed', auth)
    .use('/pets/:id/retry-failed', auth)
    .get(
      '/pets/:id/failed',
      route({
        tag: 'pets',
        summary: "The pet's failed analyses",
        description:
          'Deliveries of the pet’s repository whose analysis failed for good: GitHub kept failing for over a day, or something else went wrong a few times. Each says why. `POST /api/pets/{id}/retry-failed` tries them again.',
        security: 'session',
        responses: { 200: FailedDeliveriesSchema },
        // 403 `access_lost`: you can no longer read the repository on GitHub.
        errors: [403, 404],
      }),
      async (c) => {
        const pet = await findOwnedPet(deps.db, c.get('userId'), c.req.param('id'));
        return c.json({ failed: (await failedOfRepository(deps.db, pet.repo.github_id)).map(toFailedDeliveryDto) });
      },
    )
    .post(
      '/pets/:id/retry-failed',
      route({
        tag: 'pets',
        summary: "Retry the pet's failed analyses",
        description: 'Queues every failed delivery of the pet’s repository for analysis again, with a fresh retry budget. Each commit still counts once.',
        security: 'session',
        responses: { 202: RetriedSchema },
        // 403 `access_lost`: you can no longer read the repository on GitHub.
        errors: [403, 404],
      }),
      async (c) => {
        const pet = await findOwnedPet(deps.db, c.get('userId'), c.req.param('id'));
        return c.json({ retried: await retryFailedOfRepository(deps, pet.repo.github_id) }, 202);
      },
    );
}
