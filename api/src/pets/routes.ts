/**
 * Pets: adopt, list, read, history, vet reports, revive, release.
 * Every lookup is scoped to the signed-in user (store.ts): another user's pet
 * id is a 404, indistinguishable from a missing one. A pet whose owner lost
 * read access to its repository stays listed and readable itself (with
 * `accessLostAt`), but its history and vet reports are 403 `access_lost`
 * (findOwnedPet).
 */
import { createHash } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../deps.ts';
import { notFound } from '../http/errors.ts';
import { etagMatches } from '../http/headers.ts';
import { route } from '../http/openapi.ts';
import { requireSessionOrKey } from '../http/api-key.ts';
import { requireSession } from '../http/require-session.ts';
import { countParam } from '../http/validate.ts';
import { adoptRepository, listAdoptableRepos, releaseWebhook, reregisterWebhook, revivePet } from './adoption.ts';
import { badgeSvg } from './badge-svg.ts';
import {
  AnalysisDetailSchema,
  AnalysisPageSchema,
  decodeAnalysisCursor,
  encodeAnalysisCursor,
  HistorySchema,
  PetCareSchema,
  PetListSchema,
  PetSchema,
  RepoListSchema,
  toAnalysisDetail,
  toAnalysisSummary,
  toHistoryDto,
  toPetDto,
} from './dto.ts';
import {
  analysesOfRepository,
  deletePet,
  findOwnedPet,
  findPetByRepoName,
  findPublicBadgePet,
  forgetRepository,
  listPets,
  ownPetOr404,
  petHistory,
  readPet,
  updatePetCare,
  visibleAnalysisOr404,
} from './store.ts';

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

const AdoptBody = z
  .object({
    repo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9_.-]{1,100}$/, 'expected "owner/name"')
      .meta({ description: 'The repository to adopt, as "owner/name"; the token you signed in with must be able to read it.', examples: ['octocat/hello-world'] }),
  })
  .meta({ id: 'AdoptRequest' });


const HistoryQuery = z.object({ limit: countParam(100, 1000) });

const AnalysesQuery = z.object({
  limit: countParam(20, 100),
  cursor: z
    .string()
    .transform((s, ctx) => {
      const c = decodeAnalysisCursor(s);
      if (!c) {
        ctx.issues.push({ code: 'custom', message: 'not a cursor this server issued', input: s });
        return z.NEVER;
      }
      return c;
    })
    .optional()
    .describe("The previous page's `nextCursor`; leave out for the newest page."),
});

const PET_NOT_FOUND = [404] as const;

/** The README badge is the one pet path without a session: it answers for the pet's badge_public instead. */
const BADGE_PATH = /\/pets\/[^/]+\/badge\.svg$/;
/** What a `pets:read` API key may read: the list, and each pet's PR checks (api/src/checks/routes.ts serves those). */
const KEY_READABLE_PATH = /\/pets(\/[^/]+\/checks(\/stats)?)?$/;
const BADGE_CACHE = 'public, max-age=300';
const BADGE_HEADERS = {
  ETag: 'A strong ETag of the SVG: send it back as If-None-Match.',
  'Cache-Control': BADGE_CACHE,
};
const etagOf = (svg: string) => `"${createHash('sha256').update(svg).digest('base64url').slice(0, 27)}"`;

/** 403 `access_lost`: the owner can no longer read the pet's repository on GitHub. */
const PET_DATA_ERRORS = [403, 404] as const;

export function petRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);
  // A personal API key with pets:read may list the pets and their PR checks (issue 16); every other pet route is the session's.
  const readAuth = requireSessionOrKey(deps, 'pets:read');
  const authUnlessBadge: MiddlewareHandler<AppEnv> = (c, next) =>
    BADGE_PATH.test(c.req.path) ? next() : c.req.method === 'GET' && KEY_READABLE_PATH.test(c.req.path) ? readAuth(c, next) : auth(c, next);
  const petOr404 = (userId: string, id: string) => ownPetOr404(deps.db, userId, id);
  const readablePet = (userId: string, id: string) => findOwnedPet(deps.db, userId, id);

  return new Hono<AppEnv>()
    .use('/repos', auth)
    // '/pets/*' covers '/pets' itself too.
    .use('/pets/*', authUnlessBadge)
    .use('/analyses/*', auth)
    .get(
      '/repos',
      route({
        tag: 'pets',
        summary: 'Your GitHub repositories, to pick one to adopt',
        description: 'Most recently pushed first, at most 300; each says whether you already adopted it.',
        security: 'session',
        responses: { 200: RepoListSchema },
        errors: [429, 502],
      }),
      async (c) => c.json({ items: await listAdoptableRepos(deps, c.get('userId')) }),
    )
    .get('/pets', route({ tag: 'pets', summary: 'Your pets', security: 'session', apiKeyScope: 'pets:read', responses: { 200: PetListSchema } }), async (c) =>
      c.json({ items: (await listPets(deps.db, c.get('userId'))).map((p) => toPetDto(p)) }),
    )
    .post(
      '/pets',
      route({
        tag: 'pets',
        summary: 'Adopt a repository',
        description:
          "Creates the repository's pet (an egg) and registers a webhook when this server has a public URL. Adopting a repository whose pet died revives it, with the same cooldown as `POST /api/pets/{id}/revive`.",
        security: 'session',
        body: AdoptBody,
        responses: {
          201: { description: 'Adopted: the new pet', schema: PetSchema },
          200: { description: 'A dead pet adopted again is revived', schema: PetSchema },
        },
        // 404: GitHub does not know the repository (or the token cannot see it); 409: already adopted, or still in its revival cooldown.
        errors: [404, 409, 429, 502],
      }),
      async (c) => {
        const { pet, status } = await adoptRepository(deps, c.get('userId'), c.req.valid('json').repo);
        return c.json(toPetDto(pet), status);
      },
    )
    .get(
      '/pets/by-repo/:owner/:name',
      route({ tag: 'pets', summary: 'Your pet on a repository, by its owner and name', security: 'session', responses: { 200: PetSchema }, errors: PET_NOT_FOUND }),
      async (c) => {
        const { owner, name } = c.req.param();
        if (!NAME.test(owner) || !NAME.test(name)) throw notFound('pet');
        const pet = await findPetByRepoName(deps.db, c.get('userId'), owner, name);
        if (!pet) throw notFound('pet');
        return c.json(toPetDto(pet));
      },
    )
    // Also served on node:http (fast-read.ts) for the plain case, from the same readPet and pet cache.
    .get('/pets/:id', route({ tag: 'pets', summary: 'One of your pets', security: 'session', responses: { 200: PetSchema }, errors: PET_NOT_FOUND }), async (c) =>
      c.json((await readPet(deps, c.get('userId'), c.req.param('id'))).dto),
    )
    .patch(
      '/pets/:id',
      route({
        tag: 'pets',
        summary: "Rename, favourite, reorder your pet, make its README badge public, or set its repository's PR-check thresholds",
        description:
          'Only the fields you send change. `GET /api/pets` lists favourites first, then by `position`. ' +
          "`checkThresholds` is the repository's (every adopter's checks of it are judged by it): 400 when `failAtDelta` would be above `warnBelowDelta`, 403 `access_lost` when you can no longer read the repository.",
        security: 'session',
        body: PetCareSchema,
        responses: { 200: { description: 'The pet as it is now', schema: PetSchema } },
        errors: PET_DATA_ERRORS,
      }),
      async (c) => {
        const pet = await petOr404(c.get('userId'), c.req.param('id'));
        return c.json(toPetDto(await updatePetCare(deps, pet, c.req.valid('json'))));
      },
    )
    .get(
      '/pets/:id/badge.svg',
      route({
        tag: 'pets',
        summary: "A pet's README badge (an SVG)",
        description:
          "No session: answers only when the pet's owner turned the badge on (`badgePublic`), 404 otherwise (as for a pet that does not exist). " +
          "A flat shields.io-style badge: the pet's sprite and \"tamagitto\", then its name and health, coloured by its state.",
        security: 'public',
        requestHeaders: { 'If-None-Match': 'The ETag of the badge you have: 304 when it is still current.' },
        responses: {
          200: { description: 'The badge', contentType: 'image/svg+xml', headers: BADGE_HEADERS },
          304: { description: 'Not modified: the If-None-Match ETag is current', headers: BADGE_HEADERS },
        },
        errors: PET_NOT_FOUND,
      }),
      async (c) => {
        const pet = await findPublicBadgePet(deps.db, c.req.param('id'));
        if (!pet) throw notFound('pet');
        const svg = badgeSvg(pet);
        const etag = etagOf(svg);
        const headers = { 'Cache-Control': BADGE_CACHE, ETag: etag, 'X-Content-Type-Options': 'nosniff' };
        if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
        return c.body(svg, 200, { ...headers, 'Content-Type': 'image/svg+xml; charset=utf-8' });
      },
    )
    .post(
      '/pets/:id/webhook',
      route({
        tag: 'pets',
        summary: "Register the pet's repository webhook again",
        description:
          "With your GitHub token: 200 with the pet (`webhook.registered`). Otherwise the reason is stored on the pet's `webhook.error` too: " +
          '403 `forbidden` when GitHub does not let the token add webhooks (repo admin and `admin:repo_hook`, fine-grained Webhooks: write), ' +
          '501 `not_configured` when this server has no PUBLIC_URL, 502 `github_error` when GitHub refuses or fails.',
        security: 'session',
        responses: { 200: { description: 'Registered: the pet', schema: PetSchema } },
        errors: [403, 404, 501, 502],
      }),
      async (c) => {
        const userId = c.get('userId');
        return c.json(toPetDto(await reregisterWebhook(deps, userId, await readablePet(userId, c.req.param('id')))));
      },
    )
    .get(
      '/pets/:id/history',
      route({ tag: 'pets', summary: "A pet's health history, newest first", security: 'session', query: HistoryQuery, responses: { 200: HistorySchema }, errors: PET_DATA_ERRORS }),
      async (c) => {
        const pet = await readablePet(c.get('userId'), c.req.param('id'));
        return c.json({ items: (await petHistory(deps.db, pet.id, c.req.valid('query').limit)).map(toHistoryDto) });
      },
    )
    .get(
      '/pets/:id/analyses',
      route({
        tag: 'pets',
        summary: "Vet reports of the pet's repository, newest first, a page at a time",
        security: 'session',
        query: AnalysesQuery,
        responses: { 200: AnalysisPageSchema },
        errors: PET_DATA_ERRORS,
      }),
      async (c) => {
        const pet = await readablePet(c.get('userId'), c.req.param('id'));
        const { limit, cursor } = c.req.valid('query');
        const rows = await analysesOfRepository(deps.db, pet.repository_id, { limit: limit + 1, before: cursor });
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return c.json({ items: page.map(toAnalysisSummary), nextCursor: rows.length > limit && last ? encodeAnalysisCursor(last) : null });
      },
    )
    .get(
      '/analyses/:id',
      route({
        tag: 'pets',
        summary: "One commit's full vet report",
        description: 'Visible to users who have a pet on that repository and can still read it on GitHub (403 `access_lost` otherwise).',
        security: 'session',
        responses: { 200: AnalysisDetailSchema },
        errors: PET_DATA_ERRORS,
      }),
      async (c) => c.json(toAnalysisDetail(await visibleAnalysisOr404(deps.db, c.get('userId'), c.req.param('id')))),
    )
    .post(
      '/pets/:id/revive',
      route({
        tag: 'pets',
        summary: 'Revive a dead pet',
        description:
          'Only after the 48 h cooldown: earlier is a 409 `cooldown` with Retry-After (seconds); a living pet is a 409 `conflict`; a pet whose repository you can no longer read is a 403 `access_lost`.',
        security: 'session',
        responses: { 200: { description: 'The revived pet', schema: PetSchema } },
        errors: [403, 404, 409],
      }),
      async (c) => c.json(toPetDto(await revivePet(deps, await readablePet(c.get('userId'), c.req.param('id'))))),
    )
    .delete(
      '/pets/:id',
      route({
        tag: 'pets',
        summary: 'Release a pet',
        description:
          "Deletes the pet with its history; your open sockets get a `pet.deleted` message. When nobody else has a pet on the repository, the webhook Tamagitto registered there is removed with your token (best effort: the server's log says whether GitHub confirmed it), and the repository's vet reports and stored deliveries are deleted.",
        security: 'session',
        responses: { 204: { description: 'Released' } },
        errors: PET_NOT_FOUND,
      }),
      async (c) => {
        const userId = c.get('userId');
        const pet = await petOr404(userId, c.req.param('id'));
        const lastPet = await deletePet(deps, userId, pet);
        if (lastPet && pet.repo.webhook_id !== null) {
          const r = await releaseWebhook(deps, userId, pet.repo);
          const repo = `${pet.repo.owner}/${pet.repo.name}`;
          if (r.removed) c.get('log').info({ repo }, 'last pet released: webhook removed');
          else c.get('log').warn({ repo, reason: r.error }, 'last pet released: webhook not removed');
        }
        if (lastPet) await forgetRepository(deps.db, pet.repository_id);
        return c.body(null, 204);
      },
    );
}
