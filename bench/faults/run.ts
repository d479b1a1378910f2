/**
 * bench/faults: issue 14's fault-injection scenarios with their figures — the
 * same scenarios, on the same topology, as api/test/faults.test.ts (Caddy, 2 api,
 * 2 workers, a private PostgreSQL cluster and redis-server, the fake GitHub).
 * Prints, per scenario: webhooks sent / answered 2xx / commits applied /
 * applied twice / time to recover, then the notes and any problem found; exits
 * 1 when a scenario found one.
 *
 * Env: FAULTS_TIME_SCALE (default 360: the workers' clock for scenarios 4 and 5,
 * so an hour of GitHub 502s lasts 10 s).
 */
import { coachFailingBehindCaddy, formatFigures, githubDown, killNine, poisonJob, postgresRestarted, redisStopped, speedUpWorkers, type Figures } from '../../api/test/faults/scenarios.ts';
import { faultsSkip, startFaultTopology } from '../../api/test/faults/topology.ts';

const SCALE = Number(process.env.FAULTS_TIME_SCALE ?? 360);

if (faultsSkip) {
  console.log(`skipped: ${faultsSkip}`);
  process.exit(0);
}

const t0 = Date.now();
const t = await startFaultTopology({ log: (l) => console.log(l) });
const figures: Figures[] = [];
try {
  const steps: [string, () => Promise<Figures>][] = [
    ['redis', () => redisStopped(t)],
    ['postgres', () => postgresRestarted(t)],
    ['coach', () => coachFailingBehindCaddy(t)],
    ['kill -9', () => killNine(t)],
    [
      'github',
      async () => {
        await speedUpWorkers(t, SCALE);
        return githubDown(t, { scale: SCALE });
      },
    ],
    ['poison', () => poisonJob(t)],
  ];
  for (const [name, step] of steps) {
    const started = Date.now();
    const f = await step();
    figures.push(f);
    console.log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s${f.problems.length ? ` — ${f.problems.length} problem(s)` : ''}`);
  }
} finally {
  console.log(`\n${formatFigures(figures)}\n\nwall time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await t.close();
}
process.exit(figures.some((f) => f.problems.length) ? 1 : 0);
