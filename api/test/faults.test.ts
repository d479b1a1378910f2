/**
 * The fault-injection suite (issue 14), on the production topology natively:
 * Caddy with the repository's Caddyfile in front of 2 api and 2 worker
 * processes, a private PostgreSQL cluster and a private redis-server that the
 * suite may stop and restart, and the fake GitHub (api/test/faults/). The
 * scenarios run one after another on the same topology; each prints webhooks
 * sent / answered 2xx / applied / applied twice / time to recover, and fails on
 * anything it found wrong. `npm run bench faults` runs the same scenarios at
 * issue 14's full sizes (Redis down 30 s during 500 pushes, kill -9 during 1,000);
 * here they keep their shape at a third of the volume (the outage still spans
 * the middle of the burst, the kill still lands at 30 % of it), which is what
 * keeps this file under two minutes of `npm test` on a 2-core machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coachFailingBehindCaddy, formatFigures, githubDown, killNine, poisonJob, postgresRestarted, redisStopped, speedUpWorkers, type Figures } from './faults/scenarios.ts';
import { faultsSkip, startFaultTopology, type FaultTopology } from './faults/topology.ts';

if (faultsSkip) console.warn(`[tamagitto tests] skipping the fault-injection suite: ${faultsSkip}`);

/** The workers' clock for the retry scenarios: an hour of GitHub 502s lasts 5 s. */
const SCALE = 720;
/** The volumes of this suite (the bench's are the issue's: 500 pushes, 30 s, 1,000 pushes). */
const REDIS = { pushes: 200, downMs: 10_000 };
const KILL = { pushes: 300 };

describe.skipIf(faultsSkip)('fault injection on the production topology (private PostgreSQL and Redis, Caddy, 2 api, 2 workers)', () => {
  let t: FaultTopology;
  const figures: Figures[] = [];
  const run = async (f: Promise<Figures>) => {
    const got = await f;
    figures.push(got);
    console.info(`[faults]\n${formatFigures([got])}`);
    expect(got.problems, `${got.scenario}\n${got.problems.length ? t.dump() : ''}`).toEqual([]);
  };

  beforeAll(async () => {
    t = await startFaultTopology({ log: (l) => console.info(`[faults] ${l}`) });
  }, 180_000);
  afterAll(async () => {
    if (figures.length) console.info(`[faults] all scenarios:\n${formatFigures(figures)}`);
    await t?.close();
  }, 60_000);

  it(`1. Redis stopped for ${REDIS.downMs / 1000} s during a burst of ${REDIS.pushes} pushes: every webhook 2xx, every commit applied once within 60 s of its return`, () => run(redisStopped(t, REDIS)), 150_000);
  it('2. PostgreSQL restarted during a burst: no process exits, 503 db_unavailable (never 500), every 2xx applied once', () => run(postgresRestarted(t)), 120_000);
  it("6. one api's coach answering 5xx: webhooks through Caddy stay 2xx", () => run(coachFailingBehindCaddy(t)), 120_000);
  it(`3. kill -9 of a worker and an api during ${KILL.pushes} pushes: none lost, none applied twice`, () => run(killNine(t, KILL)), 200_000);
  it('4. GitHub answering 502 for an hour (worker time): everything applied after, nothing dead-lettered', async () => {
    await speedUpWorkers(t, SCALE);
    await run(githubDown(t, { scale: SCALE }));
  }, 150_000);
  it('5. a poison job: retried per the policy, dead-lettered, listed by the CLI, applied once on replay', () => run(poisonJob(t)), 150_000);
});
