/**
 * PR checks (issue 16): request one for a pull request, follow it, list a pet's. The check routes
 * take a session or a personal API key with `checks:write` (http/api-key.ts), so CI can call them.
 */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { requireSessionOrKey } from '../http/api-key.ts';
import { route } from '../http/openapi.ts';
import { findOwnedPet } from '../pets/store.ts';
import { CheckCreatedSchema, CheckSchema, ChecksPageSchema, ChecksQuery, CheckStatsSchema, CreateCheckSchema, OpenPullsSchema, parsePrUrl, PullsQuery, toCheckDto } from './dto.ts';
import { checkStats, checksPage, openPulls, requestCheck, visibleCheckOr404 } from './store.ts';

export function checkRoutes(deps: AppDeps) {
  const checksWrite = requireSessionOrKey(deps, 'checks:write');
  return new Hono<AppEnv>()
    .use('/checks', checksWrite)
    .use('/checks/*', checksWrite)
    .post(
      '/checks',
      route({
        tag: 'checks',
        summary: 'Check a pull request',
        description:
          'Queues a check of the PR’s head: what merging it would do to the pet. The repository must be one you adopted, and your GitHub token must be able to read the PR. ' +
          'One check per (repository, PR, head SHA): 202 for a new one, 200 with the same id for a repeat — except that a repeat of a `failed` or `superseded` check queues it again (202, the same id). A newer head supersedes the PR’s unfinished checks.',
        security: 'session',
        apiKeyScope: 'checks:write',
        body: CreateCheckSchema,
        responses: { 202: CheckCreatedSchema, 200: { description: 'This head already has a check: the same one.', schema: CheckCreatedSchema } },
        errors: [404, 429, 502],
      }),
      async (c) => {
        const pr = parsePrUrl(c.req.valid('json').pr)!;
        const { check, created } = await requestCheck(deps, c.get('userId'), pr);
        return c.json({ id: check.id, status: check.status }, created ? 202 : 200);
      },
    )
    .get(
      '/checks/:id',
      route({
        tag: 'checks',
        summary: 'One PR check',
        description: 'Its status and progress; the report and verdict once done.',
        security: 'session',
        apiKeyScope: 'checks:write',
        responses: { 200: CheckSchema },
        // 403 `access_lost`: you can no longer read the repository on GitHub.
        errors: [403, 404],
      }),
      async (c) => {
        const { check, repo } = await visibleCheckOr404(deps, c.get('userId'), c.req.param('id'));
        return c.json(toCheckDto(check, repo));
      },
    )
    .get(
      '/pets/:id/checks',
      route({
        tag: 'checks',
        summary: "The pet's PR checks",
        description: 'Newest first; `before` pages back.',
        security: 'session',
        apiKeyScope: 'pets:read',
        query: ChecksQuery,
        responses: { 200: ChecksPageSchema },
        // 403 `access_lost`: you can no longer read the repository on GitHub.
        errors: [403, 404],
      }),
      async (c) => {
        const pet = await findOwnedPet(deps.db, c.get('userId'), c.req.param('id'));
        const { limit, before } = c.req.valid('query');
        const page = await checksPage(deps, pet.repository_id, { limit, before });
        return c.json({ items: page.items.map((x) => toCheckDto(x, pet.repo)), nextBefore: page.next });
      },
    )
    .get(
      '/pets/:id/pulls',
      route({
        tag: 'checks',
        summary: "The pet's open pull requests with their checks",
        description:
          'The repository’s open pull requests, read from GitHub with your token (most recently updated first), each with its newest check or null — a PR without one can be checked with `POST /api/checks`. ' +
          'GitHub failing is a 502 `github_error` (429 `rate_limited` when it limits the token, 401 `github_unauthorized` when it rejects it).',
        security: 'session',
        query: PullsQuery,
        responses: { 200: OpenPullsSchema },
        // 403 `access_lost`: you can no longer read the repository on GitHub.
        errors: [403, 404, 429, 502],
      }),
      async (c) => {
        const userId = c.get('userId');
        const pet = await findOwnedPet(deps.db, userId, c.req.param('id'));
        return c.json(await openPulls(deps, userId, pet, c.req.valid('query').limit));
      },
    )
    .get(
      '/pets/:id/checks/stats',
      route({
        tag: 'checks',
        summary: "The pet's PR check stats",
        description: 'Checks passed / warned / failed per week, the median CI duration and the share of AI-co-authored commits, over the last 12 weeks.',
        security: 'session',
        apiKeyScope: 'pets:read',
        responses: { 200: CheckStatsSchema },
        // 403 `access_lost`: you can no longer read the repository on GitHub.
        errors: [403, 404],
      }),
      async (c) => {
        const pet = await findOwnedPet(deps.db, c.get('userId'), c.req.param('id'));
        return c.json(await checkStats(deps, pet.repository_id));
      },
    );
}
