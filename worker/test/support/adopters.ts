/**
 * The seeding the worker's GitHub-facing tests share: a repository stored and
 * served by the fake GitHub, and adopters of it (a token the fake accepts, the
 * user with that token encrypted, their pet).
 */
import { randomUUID } from 'node:crypto';
import { insertEntity, upsertRepository, upsertUser, type NewEntity, type Repository, type TokenCipher } from '@tamagitto/db';
import type { TestDb } from '@tamagitto/db/testing';
import type { WorkerFakeGithub } from './fake-github.ts';

type Db = TestDb['db'];

/** A private repository `octo/<prefix><n>` with a random GitHub id n, in the database and on the fake GitHub (readable by `readers`). */
export async function seedRepo(db: Db, gh: WorkerFakeGithub, prefix: string, readers: string[], language = 'TypeScript') {
  const n = Math.floor(Math.random() * 1e9);
  const repo = await upsertRepository(db, { githubId: n, owner: 'octo', name: `${prefix}${n}`, language, defaultBranch: 'main', private: true });
  const fake = gh.addRepo('octo', repo.name, n, readers);
  return { n, repo, fake };
}

export interface Adopter {
  id: string;
  token: string;
  petId: string;
}

/** `login` on the fake GitHub with a fresh token, stored as user `<login>-<repo's GitHub id>`, with a healthy pet of `repo` (`pet` overrides its columns). */
export async function seedAdopter(db: Db, gh: WorkerFakeGithub, cipher: TokenCipher, repo: Repository, login: string, pet: Partial<NewEntity> = {}): Promise<Adopter> {
  const token = `ghp_${login}_${randomUUID()}`;
  gh.addUser(login, token);
  const user = await upsertUser(db, { githubId: Math.floor(Math.random() * 1e9), login: `${login}-${repo.github_id}`, name: null, avatarUrl: null }, { encrypted: cipher.encrypt(token), scopes: 'repo' });
  const entity = await insertEntity(db, { user_id: user.id, repository_id: repo.id, name: repo.name, family: 'pet', species: 'cat', health: 70, state: 'healthy', ...pet });
  return { id: user.id, token, petId: entity.id };
}
