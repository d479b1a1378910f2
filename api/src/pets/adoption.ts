/**
 * Adopting, listing adoptable repositories and reviving: the pets feature's
 * logic that talks to GitHub and enforces the revival cooldown. Adoption and
 * revival change a pet's health, so they go through the pet-health service
 * (store.ts), which records the history entry and publishes pet.updated.
 */
import { findRepositoryByFullName, findRepositoryByGithubId, type EntityWithRepo, type Repository } from '@tamagitto/db';
import { familyForLanguage, reviveCooldownLeftMs, speciesFor } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { githubError, githubStatus } from '../github/client.ts';
import { registerWebhook, removeWebhook } from '../github/register-webhook.ts';
import { userGithubToken } from '../github/user-token.ts';
import { AppError } from '../http/errors.ts';
import { toRepoDto, type RepoDto } from './dto.ts';
import { findPetByRepo, insertPet, listPets, recordRepoAccess, revivePetRow, saveRepository, saveWebhook } from './store.ts';

/** The adopt picker lists the most recently pushed repositories, up to this many. */
export const MAX_REPOS = 300;

/** The user's repositories as GitHub lists them, most recently pushed first, each marked when this user adopted it. */
export async function listAdoptableRepos(deps: AppDeps, userId: string): Promise<RepoDto[]> {
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
  const adopted = new Map((await listPets(deps.db, userId)).map((p) => [p.repo.github_id, p.id]));
  return repos.slice(0, MAX_REPOS).map((r) => toRepoDto(r, adopted.get(r.id)));
}

/** Dead pets come back only after the cooldown: 409 with the time left. */
function assertRevivable(deps: AppDeps, pet: EntityWithRepo): void {
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

/** Revives a dead pet once its cooldown is over; 409 `conflict` if alive, 409 `cooldown` (with Retry-After) if too early. */
export async function revivePet(deps: AppDeps, pet: EntityWithRepo): Promise<EntityWithRepo> {
  assertRevivable(deps, pet);
  const revived = await revivePetRow(deps, pet.id);
  // Another request revived it first: the pet is alive again, which is what the caller wanted to know.
  if (!revived) throw new AppError(409, 'conflict', `${pet.name} is alive: nothing to revive`);
  return { ...revived, repo: pet.repo };
}

/**
 * Adopts `owner/name` for the user: 201 with a new pet, or 200 when the
 * repository's dead pet is adopted again (a revival, with the same cooldown),
 * or when the user's pet there had lost access and GitHub now shows the
 * repository again (access restored). A 404 from GitHub for a repository the
 * user has a pet on marks that pet's access lost.
 * Registers the webhook when this server has a PUBLIC_URL GitHub can reach;
 * otherwise the pet says why updates arrive by polling.
 */
export async function adoptRepository(deps: AppDeps, userId: string, repo: string): Promise<{ pet: EntityWithRepo; status: 200 | 201 }> {
  const [owner, name] = repo.split('/') as [string, string];
  const gh = deps.github(await userGithubToken(deps, userId));
  let info;
  try {
    info = (await gh.rest.repos.get({ owner, repo: name })).data;
  } catch (err) {
    if (githubStatus(err) === 404) {
      const known = await findRepositoryByFullName(deps.db, owner, name);
      if (known) await recordRepoAccess(deps, { userId, repositoryId: known.id, readable: false, at: new Date() });
    }
    throw githubError(err, `repository ${repo}`, { resource: true });
  }
  // Refused before anything is written: a repeat adoption, or a dead pet still in its cooldown.
  const known = await findRepositoryByGithubId(deps.db, info.id);
  const mine = known && (await findPetByRepo(deps.db, userId, known.id));
  if (mine && !mine.access_lost_at) {
    if (mine.state !== 'dead') throw new AppError(409, 'conflict', `you already adopted ${info.full_name}`);
    assertRevivable(deps, mine);
  }
  const repository = await saveRepository(deps, {
    githubId: info.id,
    owner: info.owner.login,
    name: info.name,
    language: info.language ?? null,
    defaultBranch: info.default_branch ?? 'main',
    private: info.private,
  });
  let pet: EntityWithRepo;
  let status: 200 | 201 = 201;
  // `mine` was looked up before saveRepository, which keeps the row's id (its GitHub id is the key).
  if (mine) {
    if (mine.access_lost_at) {
      await recordRepoAccess(deps, { userId, repositoryId: repository.id, readable: true, at: new Date() });
      if (mine.state !== 'dead') return { pet: { ...mine, access_lost_at: null, repo: repository }, status: 200 };
    }
    // Adopting a dead pet's repo again is a revival, with the same cooldown.
    pet = await revivePet(deps, { ...mine, repo: repository });
    status = 200;
  } else {
    const family = familyForLanguage(info.language);
    const created = await insertPet(deps, { user_id: userId, repository_id: repository.id, name: info.name, family, species: speciesFor(family, info.id) });
    pet = { ...created, repo: repository };
  }
  if (deps.env.PUBLIC_URL && repository.webhook_id === null) {
    const hook = await registerWebhook(gh, { owner: info.owner.login, name: info.name }, {
      url: `${deps.env.PUBLIC_URL}/api/webhook/github`,
      secret: deps.secrets.webhookSecret,
    });
    await saveWebhook(deps, repository.id, hook);
    pet = { ...pet, repo: { ...pet.repo, webhook_id: hook.id, webhook_error: hook.error } };
  } else if (!deps.env.PUBLIC_URL && repository.webhook_id === null && repository.webhook_error === null) {
    const error = 'PUBLIC_URL is not set, so GitHub cannot reach this server; updates arrive by polling';
    await saveWebhook(deps, repository.id, { id: null, error });
    pet = { ...pet, repo: { ...pet.repo, webhook_error: error } };
  }
  return { pet, status };
}

/**
 * Removes the webhook Tamagitto registered on a repository nobody has a pet on any more, with the
 * user's own token (best effort). Both callers delete the repository's row next, hook id and all.
 */
export async function releaseWebhook(
  deps: AppDeps,
  userId: string,
  repo: Pick<Repository, 'owner' | 'name' | 'webhook_id'>,
  opts: { token?: string } = {},
): Promise<{ removed: boolean; error: string | null }> {
  if (repo.webhook_id === null) return { removed: false, error: 'no webhook was registered' };
  let token = opts.token;
  if (token === undefined) {
    try {
      token = await userGithubToken(deps, userId);
    } catch (err) {
      return { removed: false, error: err instanceof AppError ? err.message : 'no usable GitHub token' };
    }
  }
  return removeWebhook(deps.github(token), repo, repo.webhook_id);
}

/**
 * "Register again" (POST /api/pets/{id}/webhook): registers the repository's webhook with the user's own
 * token and records the outcome on the repository either way, so every adopter's pet shows it. Without a
 * PUBLIC_URL GitHub cannot reach this server: 501 `not_configured`. A token or account without the
 * permission: 403 `forbidden`; GitHub refusing or failing: 502 `github_error` — each message says what to do.
 */
export async function reregisterWebhook(deps: AppDeps, userId: string, pet: EntityWithRepo): Promise<EntityWithRepo> {
  if (!deps.env.PUBLIC_URL) {
    throw new AppError(
      501,
      'not_configured',
      'this server has no PUBLIC_URL, so GitHub cannot reach it and updates arrive by polling; set PUBLIC_URL to an address GitHub can reach, then register again',
    );
  }
  const gh = deps.github(await userGithubToken(deps, userId));
  const hook = await registerWebhook(gh, { owner: pet.repo.owner, name: pet.repo.name }, { url: `${deps.env.PUBLIC_URL}/api/webhook/github`, secret: deps.secrets.webhookSecret });
  await saveWebhook(deps, pet.repo.id, { id: hook.id, error: hook.error });
  if (hook.kind === 'no_permission') {
    throw new AppError(
      403,
      'forbidden',
      `GitHub did not let your token add a webhook to ${pet.repo.owner}/${pet.repo.name}: it needs admin rights on the repository and the admin:repo_hook scope (fine-grained: Webhooks: read and write); add it by hand, or ask an admin`,
    );
  }
  if (hook.kind !== 'registered') throw new AppError(502, 'github_error', hook.error ?? 'webhook registration failed');
  return { ...pet, repo: { ...pet.repo, webhook_id: hook.id, webhook_error: null } };
}

/**
 * GitHub refused (403/404) something of `owner/name` the user asked about with
 * their own token — a PR in the work queue, the journal file. If the user has a
 * pet there, ask GitHub whether the repository itself is still readable and
 * record the answer: a deleted PR or a missing write permission is not lost
 * access, a 404 for the repository is. Never throws (the caller's own error wins).
 */
export async function recheckRepoAccess(deps: AppDeps, userId: string, owner: string, name: string): Promise<void> {
  try {
    const known = await findRepositoryByFullName(deps.db, owner, name);
    const pet = known && (await findPetByRepo(deps.db, userId, known.id));
    if (!known || !pet) return;
    const gh = deps.github(await userGithubToken(deps, userId));
    let readable: boolean;
    try {
      await gh.rest.repos.get({ owner, repo: name });
      readable = true;
    } catch (err) {
      if (githubStatus(err) !== 404) return;
      readable = false;
    }
    if (readable === (pet.access_lost_at === null)) return;
    await recordRepoAccess(deps, { userId, repositoryId: known.id, readable, at: deps.now() });
  } catch (err) {
    deps.log.warn({ err: { message: (err as Error).message }, repo: `${owner}/${name}` }, 'could not re-check repository access');
  }
}
