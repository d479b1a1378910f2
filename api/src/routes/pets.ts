/**
 * Pets: adopt, list, read, history, vet reports, revive, release.
 * Every lookup is scoped to the signed-in user: another user's pet id is a
 * 404, indistinguishable from a missing one.
 */
import {
  CHANNELS,
  deleteEntity,
  findRepositoryByFullName,
  getAnalysis,
  getEntityForUpdate,
  getEntityForUserByRepo,
  listAnalyses,
  listEntitiesForUser,
  listHistory,
  petHealthTransaction,
  setWebhook,
  upsertRepository,
  type EntityWithRepo,
} from '@tamagitto/db';
import { familyForLanguage, reviveCooldownLeftMs, speciesFor } from '@tamagitto/domain';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AnalysisPageDto, HistoryDto, PetListDto, RepoDto } from '@tamagitto/domain';
import type { AppDeps, AppEnv } from '../deps.ts';
import { toAnalysisDetail, toAnalysisSummary, toHistoryDto, toPetDto } from '../dto.ts';
import { AppError, notFound } from '../http/errors.ts';
import { githubError } from '../github/client.ts';
import { registerWebhook } from '../github/register-webhook.ts';
import { userGithubToken } from '../github/user-token.ts';
import { requireSession } from '../http/require-session.ts';
import { jsonBody, UUID } from '../http/validate.ts';
import { ownPetOr404 } from './own-pet.ts';

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const adoptBody = z.object({
  repo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9_.-]{1,100}$/, 'expected "owner/name"'),
});
/** The adopt picker lists the most recently pushed repositories, up to this many. */
const MAX_REPOS = 300;

function limitParam(v: string | undefined, def: number, max: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new AppError(400, 'validation_failed', `limit: an integer 1–${max}`);
  return n;
}

export function petRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);

  const petOr404 = (userId: string, id: string) => ownPetOr404(deps.db, userId, id);

  /** Dead pets come back only after the cooldown: 409 with the time left. */
  function assertRevivable(pet: EntityWithRepo) {
    if (pet.state !== 'dead' || !pet.died_at) throw new AppError(409, 'conflict', `${pet.name} is alive: nothing to revive`);
    const left = reviveCooldownLeftMs(new Date(pet.died_at), deps.now());
    if (left > 0) {
      const hours = Math.floor(left / 3600_000);
      const minutes = Math.ceil((left % 3600_000) / 60_000);
      const readyAt = new Date(deps.now().getTime() + left);
      throw new AppError(409, 'cooldown', `revival cooldown: ${hours} h ${minutes} min left (until ${readyAt.toISOString()})`, {
        'Retry-After': String(Math.ceil(left / 1000)),
      });
    }
  }

  async function revive(pet: EntityWithRepo): Promise<EntityWithRepo> {
    assertRevivable(pet);
    const { value: revived } = await petHealthTransaction(deps, async (tx) => {
      const locked = await getEntityForUpdate(tx.trx, pet.id);
      const r = locked && (await tx.change(locked, { reason: 'revive' }, { note: 'revived' }));
      // Another request revived it first: the pet is alive again, which is what the caller wanted to know.
      if (!r?.applied) throw new AppError(409, 'conflict', `${pet.name} is alive: nothing to revive`);
      return r.pet;
    });
    return { ...revived, repo: pet.repo };
  }

  return new Hono<AppEnv>()
    .use('/repos', auth)
    .use('/pets', auth)
    .use('/pets/*', auth)
    .use('/analyses/*', auth)
    .get('/repos', async (c) => {
      const userId = c.get('userId');
      const gh = deps.github(await userGithubToken(deps, userId));
      let repos;
      try {
        let seen = 0;
        // Stop at MAX_REPOS: pages past it would only be thrown away.
        repos = await gh.paginate(gh.rest.repos.listForAuthenticatedUser, { per_page: 100, sort: 'pushed' }, (r, done) => {
          seen += r.data.length;
          if (r.data.length < 100 || seen >= MAX_REPOS) done();
          return r.data;
        });
      } catch (err) {
        throw githubError(err, 'listing your repositories');
      }
      const pets = await listEntitiesForUser(deps.db, userId);
      const adopted = new Map(pets.map((p) => [p.repo.github_id, p.id]));
      const items: RepoDto[] = repos.slice(0, MAX_REPOS).map((r) => ({
        githubId: r.id,
        owner: r.owner.login,
        name: r.name,
        fullName: r.full_name,
        language: r.language ?? null,
        private: r.private,
        description: r.description ?? null,
        pushedAt: r.pushed_at ?? null,
        adopted: adopted.has(r.id),
        petId: adopted.get(r.id) ?? null,
      }));
      return c.json({ items });
    })
    .get('/pets', async (c) => {
      const body: PetListDto = { items: (await listEntitiesForUser(deps.db, c.get('userId'))).map((p) => toPetDto(p)) };
      return c.json(body);
    })
    .post('/pets', async (c) => {
      const userId = c.get('userId');
      const { repo } = await jsonBody(c, adoptBody);
      const [owner, name] = repo.split('/') as [string, string];
      const gh = deps.github(await userGithubToken(deps, userId));
      let info;
      try {
        info = (await gh.rest.repos.get({ owner, repo: name })).data;
      } catch (err) {
        throw githubError(err, `repository ${repo}`, { resource: true });
      }
      const repository = await upsertRepository(deps.db, {
        githubId: info.id,
        owner: info.owner.login,
        name: info.name,
        language: info.language ?? null,
        defaultBranch: info.default_branch ?? 'main',
        private: info.private,
      });
      const existing = await getEntityForUserByRepo(deps.db, userId, repository.id);
      let pet: EntityWithRepo;
      let status: 200 | 201 = 201;
      if (existing) {
        if (existing.state !== 'dead') throw new AppError(409, 'conflict', `you already adopted ${info.full_name}`);
        // Adopting a dead pet's repo again is a revival, with the same cooldown.
        pet = await revive(existing);
        status = 200;
      } else {
        const family = familyForLanguage(info.language);
        const { value: created } = await petHealthTransaction(deps, (tx) =>
          tx.adopt({ user_id: userId, repository_id: repository.id, name: info.name, family, species: speciesFor(family, info.id) }),
        );
        pet = { ...created, repo: repository };
      }
      if (deps.env.PUBLIC_URL && repository.webhook_id === null) {
        const hook = await registerWebhook(gh, { owner: info.owner.login, name: info.name }, {
          url: `${deps.env.PUBLIC_URL}/api/webhook/github`,
          secret: deps.secrets.webhookSecret,
        });
        await setWebhook(deps.db, repository.id, hook);
        pet = { ...pet, repo: { ...pet.repo, webhook_id: hook.id, webhook_error: hook.error } };
      } else if (!deps.env.PUBLIC_URL && repository.webhook_id === null && repository.webhook_error === null) {
        const error = 'PUBLIC_URL is not set, so GitHub cannot reach this server; updates arrive by polling';
        await setWebhook(deps.db, repository.id, { id: null, error });
        pet = { ...pet, repo: { ...pet.repo, webhook_error: error } };
      }
      return c.json(toPetDto(pet), status);
    })
    .get('/pets/by-repo/:owner/:name', async (c) => {
      const { owner, name } = c.req.param();
      if (!NAME.test(owner) || !NAME.test(name)) throw notFound('pet');
      const repository = await findRepositoryByFullName(deps.db, owner, name);
      const pet = repository && (await getEntityForUserByRepo(deps.db, c.get('userId'), repository.id));
      if (!pet) throw notFound('pet');
      return c.json(toPetDto(pet));
    })
    .get('/pets/:id', async (c) => c.json(toPetDto(await petOr404(c.get('userId'), c.req.param('id')))))
    .get('/pets/:id/history', async (c) => {
      const pet = await petOr404(c.get('userId'), c.req.param('id'));
      const limit = limitParam(c.req.query('limit'), 100, 1000);
      const body: HistoryDto = { items: (await listHistory(deps.db, pet.id, limit)).map(toHistoryDto) };
      return c.json(body);
    })
    .get('/pets/:id/analyses', async (c) => {
      const pet = await petOr404(c.get('userId'), c.req.param('id'));
      const limit = limitParam(c.req.query('limit'), 20, 100);
      const cursor = c.req.query('cursor');
      let before: { createdAt: Date; id: string } | undefined;
      if (cursor) {
        const [ts, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
        const createdAt = new Date(ts ?? '');
        if (!id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) throw new AppError(400, 'validation_failed', 'cursor: not a cursor this server issued');
        before = { createdAt, id };
      }
      const rows = await listAnalyses(deps.db, pet.repository_id, { limit: limit + 1, before });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const body: AnalysisPageDto = {
        items: page.map(toAnalysisSummary),
        nextCursor: rows.length > limit && last ? Buffer.from(`${new Date(last.created_at).toISOString()}|${last.id}`).toString('base64url') : null,
      };
      return c.json(body);
    })
    .get('/analyses/:id', async (c) => {
      const id = c.req.param('id');
      if (!UUID.test(id)) throw notFound('analysis');
      const a = await getAnalysis(deps.db, id);
      // Visible only to users who have a pet on that repository.
      if (!a || !(await getEntityForUserByRepo(deps.db, c.get('userId'), a.repository_id))) throw notFound('analysis');
      return c.json(toAnalysisDetail(a));
    })
    .post('/pets/:id/revive', async (c) => {
      const pet = await revive(await petOr404(c.get('userId'), c.req.param('id')));
      return c.json(toPetDto(pet));
    })
    .delete('/pets/:id', async (c) => {
      const pet = await petOr404(c.get('userId'), c.req.param('id'));
      await deleteEntity(deps.db, pet.id);
      await deps.bus.publish(CHANNELS.petUpdated, { type: 'pet.deleted', petId: pet.id, userId: c.get('userId') }).catch(() => {});
      return c.body(null, 204);
    });
}
