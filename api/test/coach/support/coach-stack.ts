/**
 * The real stack (startStack) with a controllable clock, one signed-in user
 * and one adopted repo — what every coach test starts from.
 */
import { startStack, type Stack, type StackTarget } from '../../support/index.ts';
import { TestClock } from './clock.ts';

export interface CoachStack extends Stack {
  clock: TestClock;
  session: string;
  userId: string;
  login: string;
  token: string;
  repo: { owner: string; name: string; id: number; fullName: string };
  petId: string;
}

let n = 0;

export async function coachStack(target: StackTarget, opts: { env?: Record<string, string>; worker?: boolean; login?: string } = {}): Promise<CoachStack> {
  const s = await startStack(target, { worker: opts.worker ?? false, env: opts.env });
  const clock = new TestClock();
  // Routes read time through deps.now(); swapping it gives every route the test's clock.
  s.api.deps.now = clock.now;
  n++;
  const login = opts.login ?? 'octocat';
  const token = `ghp_coachTestToken${String(n).padStart(4, '0')}${'0'.repeat(18)}`;
  const user = s.github.addUser({ login, id: 583231 + n, token, name: 'The Octocat' });
  const repo = { owner: login, name: 'hello-coach', id: 7_000_000 + n, fullName: `${login}/hello-coach` };
  s.github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'TypeScript' });
  const signed = await s.signIn(token);
  const pet = await s.adopt(signed.token, repo.fullName);
  return Object.assign(s, { clock, session: signed.token, userId: signed.user.id, login: user.login, token, repo, petId: pet.id });
}
