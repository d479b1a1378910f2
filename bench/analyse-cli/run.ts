/**
 * bench/analyse-cli: the analyse CLI as a user runs it, one process per commit, on 20 real commits
 * of a public repository — sindresorhus/ky, the 20 first-parent commits ending at PINNED_HEAD.
 * Per commit, whole-process wall time (spawn to exit) and CPU (user + system, from GNU time):
 *   - before: `tsx worker/src/bin/analyse.ts` (what `npm run analyse` ran until the compiled build);
 *   - compiled: `node worker/dist/analyse.mjs` (the process `npm run analyse` now runs);
 *   - npm run analyse: the whole command, npm included — and npm's own floor beside it, the same
 *     command with `--help` (npm, the launcher and the CLI's modules, no git and no analysis).
 * Every commit's JSON must be byte-identical between tsx and compiled, or the bench fails.
 * Then the --range mode (one process for all 20), before and after, per commit.
 * Goal (issue 18): compiled whole-process p95 < 300 ms per commit, judged on the median of the rounds.
 *
 *   npm run bench analyse-cli
 *
 * A change to the CLI is measured against the code before it in the same rounds (this machine's
 * load moves the figures more than most changes do): ANALYSE_CLI_BASELINE=<another checkout's
 * worker/dist/analyse.mjs, built with `node scripts/build.mjs worker` there> adds it as a variant,
 * "baseline", whose reports must be byte-identical too. ANALYSE_CLI_VARIANTS=compiled,npm (any of
 * tsx, compiled, npm; default all three) leaves the others out, e.g. the slow tsx runs.
 *
 * The repository: ANALYSE_CLI_REPO=<path of a clone of https://github.com/sindresorhus/ky (bare or
 * not) holding PINNED_HEAD>; without it the bench clones it once into bench/results/analyse-cli/.
 * The CLI's environment: without NODE_EXTRA_CA_CERTS. With it set, every Node process reads and
 * parses that CA bundle before any of its code runs — here (a sandbox that sets it to the system's
 * bundle) 60 ms of node's start instead of 22 — and the CLI makes no TLS connection. Node's empty
 * start (`node -e ""`) is measured both ways every round, so the figure with it is the one printed
 * plus that difference; BENCH_KEEP_ENV=1 runs the CLI with the environment as given.
 * Env: BENCH_ROUNDS (default 3). Writes bench/results/analyse-cli.json.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../scripts/build.mjs';
import { median } from '../support/measure.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');
const PINNED_HEAD = '3419113b48e034fdcf8fa6bd3be3da7b3d0d758f';
const UPSTREAM = 'https://github.com/sindresorhus/ky.git';
const COMMITS = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const GOAL_P95_MS = 300;
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

function repository(): string {
  const given = process.env.ANALYSE_CLI_REPO;
  const repo = given ?? join(RESULTS, 'analyse-cli', 'ky.git');
  if (!given && !existsSync(repo)) {
    console.log(`cloning ${UPSTREAM} into ${repo} (once)`);
    mkdirSync(join(RESULTS, 'analyse-cli'), { recursive: true });
    execFileSync('git', ['clone', '--bare', '--quiet', UPSTREAM, repo], { stdio: 'inherit' });
  }
  try {
    execFileSync('git', ['-C', repo, 'cat-file', '-e', `${PINNED_HEAD}^{commit}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${repo} does not hold ${PINNED_HEAD} (sindresorhus/ky); set ANALYSE_CLI_REPO to a clone that does`);
  }
  return repo;
}

interface Run {
  wallMs: number;
  /** user + system CPU of the whole process tree, null without GNU time. */
  cpuMs: number | null;
  stdout: string;
}

const scratch = mkdtempSync(join(tmpdir(), 'tamagitto-analyse-cli-'));
const KEEP_ENV = process.env.BENCH_KEEP_ENV === '1';
const CA_CERTS = process.env.NODE_EXTRA_CA_CERTS;
const cliEnv: NodeJS.ProcessEnv = { ...process.env };
if (!KEEP_ENV) delete cliEnv.NODE_EXTRA_CA_CERTS;

/** One process, timed from spawn to exit; fails on a non-zero exit. */
function run(cmd: string, args: string[], cwd = ROOT, env = cliEnv): Promise<Run> {
  const timeFile = join(scratch, 'time');
  const [file, argv] = hasTime ? [TIME, ['-f', '%U %S', '-o', timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString().slice(-2000)}`));
      let cpuMs: number | null = null;
      if (hasTime) {
        const [u, s] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        cpuMs = ((u ?? 0) + (s ?? 0)) * 1000;
      }
      resolve({ wallMs, cpuMs, stdout: Buffer.concat(out).toString() });
    });
  });
}

const tsxCli = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const baselineCli = process.env.ANALYSE_CLI_BASELINE;
const VARIANTS = {
  tsx: (args: string[]) => run(process.execPath, [tsxCli, 'worker/src/bin/analyse.ts', ...args]),
  compiled: (args: string[]) => run(process.execPath, ['worker/dist/analyse.mjs', ...args]),
  npm: (args: string[]) => run('npm', ['run', '--silent', 'analyse', '--', ...args]),
  baseline: (args: string[]) => run(process.execPath, [baselineCli ?? '', ...args]),
} as const;
type Variant = keyof typeof VARIANTS;
const NAMES: Record<Variant, string> = { tsx: 'before (tsx)', compiled: 'compiled (node dist)', npm: 'npm run analyse', baseline: 'baseline (node dist)' };
const chosen = (process.env.ANALYSE_CLI_VARIANTS ?? 'tsx,compiled,npm').split(',').map((v) => v.trim());
for (const v of chosen) if (v !== 'tsx' && v !== 'compiled' && v !== 'npm') throw new Error(`ANALYSE_CLI_VARIANTS: unknown variant "${v}" (tsx, compiled, npm)`);
if (!chosen.includes('compiled')) throw new Error('ANALYSE_CLI_VARIANTS must include compiled: the goal is judged on it');
if (baselineCli !== undefined && !existsSync(baselineCli)) throw new Error(`ANALYSE_CLI_BASELINE: ${baselineCli} does not exist`);

/** Nearest-rank percentile. */
function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
}
const ms = (x: number | null) => (x === null ? '   n/a' : x.toFixed(0).padStart(6));

const repo = repository();
await ensureBuilt('worker');
const shas = execFileSync('git', ['-C', repo, 'rev-list', '--first-parent', '-n', String(COMMITS), PINNED_HEAD], { encoding: 'utf8' }).trim().split('\n');
const base = execFileSync('git', ['-C', repo, 'rev-parse', `${shas[shas.length - 1]}^`], { encoding: 'utf8' }).trim();
const filesOf = (sha: string) => execFileSync('git', ['-C', repo, 'diff-tree', '--no-commit-id', '-r', '--name-only', `${sha}^`, sha], { encoding: 'utf8' }).trim().split('\n').length;

console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores; node ${process.version}`);
console.log(`repository: sindresorhus/ky, ${COMMITS} first-parent commits ending at ${PINNED_HEAD.slice(0, 7)} (${repo})`);
console.log(`${ROUNDS} rounds; per commit each variant once per round, in an order rotating by round${hasTime ? '' : '; CPU n/a (no /usr/bin/time)'}`);
console.log(
  CA_CERTS === undefined
    ? 'NODE_EXTRA_CA_CERTS is not set\n'
    : KEEP_ENV
      ? `NODE_EXTRA_CA_CERTS=${CA_CERTS} kept in the CLI's environment (BENCH_KEEP_ENV=1)\n`
      : `NODE_EXTRA_CA_CERTS=${CA_CERTS} left out of the CLI's environment (it makes no TLS connection; BENCH_KEEP_ENV=1 keeps it)\n`,
);

type Samples = Record<Variant, { wall: number[]; cpu: (number | null)[] }>;
const perCommit = new Map<string, Samples>(shas.map((s) => [s, { tsx: { wall: [], cpu: [] }, compiled: { wall: [], cpu: [] }, npm: { wall: [], cpu: [] }, baseline: { wall: [], cpu: [] } }]));
const floor: { wall: number[]; cpu: (number | null)[] } = { wall: [], cpu: [] };
/** Node's empty start (`node -e ""`), in the CLI's environment and, when it differs, with the one given. */
const nodeStart: { cli: number[]; given: number[] } = { cli: [], given: [] };
const range: Record<'tsx' | 'compiled' | 'baseline', { wall: number[]; cpu: (number | null)[] }> = { tsx: { wall: [], cpu: [] }, compiled: { wall: [], cpu: [] }, baseline: { wall: [], cpu: [] } };
const roundStats: { round: number; variant: Variant; p50: number; p95: number }[] = [];
const order = (['tsx', 'compiled', 'npm', 'baseline'] as const).filter((v) => (v === 'baseline' ? baselineCli !== undefined : chosen.includes(v)));
const rangeVariants = (['tsx', 'compiled', 'baseline'] as const).filter((v) => order.includes(v));
if (baselineCli !== undefined) console.log(`baseline: ${baselineCli}`);

for (let round = 1; round <= ROUNDS; round++) {
  const rotated = order.map((_, i) => order[(i + round - 1) % order.length]!);
  for (const sha of shas) {
    const outputs: Partial<Record<Variant, string>> = {};
    for (const v of rotated) {
      const r = await VARIANTS[v](['--repo', repo, '--commit', sha]);
      perCommit.get(sha)![v].wall.push(r.wallMs);
      perCommit.get(sha)![v].cpu.push(r.cpuMs);
      outputs[v] = r.stdout;
    }
    for (const v of order) if (outputs[v] !== outputs.compiled) throw new Error(`commit ${sha}: ${NAMES[v]}'s report differs from the compiled CLI's`);
  }
  for (let i = 0; i < 5; i++) {
    nodeStart.cli.push((await run(process.execPath, ['-e', ''])).wallMs);
    if (CA_CERTS !== undefined && !KEEP_ENV) nodeStart.given.push((await run(process.execPath, ['-e', ''], ROOT, process.env)).wallMs);
  }
  if (order.includes('npm')) {
    const f = await VARIANTS.npm(['--help']);
    floor.wall.push(f.wallMs);
    floor.cpu.push(f.cpuMs);
  }
  for (const v of rangeVariants) {
    const r = await VARIANTS[v](['--repo', repo, '--range', `${base}..${PINNED_HEAD}`]);
    range[v].wall.push(r.wallMs / COMMITS);
    range[v].cpu.push(r.cpuMs === null ? null : r.cpuMs / COMMITS);
  }
  const line = order.map((v) => {
    const walls = shas.map((s) => perCommit.get(s)![v].wall[round - 1]!);
    const p50 = pct(walls, 50);
    const p95 = pct(walls, 95);
    roundStats.push({ round, variant: v, p50, p95 });
    return `${NAMES[v]} p50 ${p50.toFixed(0)} / p95 ${p95.toFixed(0)} ms`;
  });
  console.log(`round ${round}: ${line.join(' · ')} · load ${loadavg()[0]!.toFixed(1)}`);
}

const med = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : median(xs as number[]));
console.log('\nper commit, median of the rounds (wall ms / CPU ms):');
console.log(`commit   files  ${order.map((v) => NAMES[v].padStart(22)).join('')}`);
for (const sha of shas) {
  const s = perCommit.get(sha)!;
  console.log(`${sha.slice(0, 7)}  ${String(filesOf(sha)).padStart(5)}  ${order.map((v) => `${ms(median(s[v].wall))} /${ms(med(s[v].cpu))}`.padStart(22)).join('')}`);
}

const summary = order.map((v) => {
  const walls = shas.map((s) => median(perCommit.get(s)![v].wall));
  const cpus = shas.map((s) => med(perCommit.get(s)![v].cpu));
  const rounds = roundStats.filter((r) => r.variant === v);
  return {
    variant: v,
    p50: pct(walls, 50),
    p95: pct(walls, 95),
    cpuP50: cpus.includes(null) ? null : pct(cpus as number[], 50),
    cpuP95: cpus.includes(null) ? null : pct(cpus as number[], 95),
    roundsP95: rounds.map((r) => r.p95),
    medianRoundP95: median(rounds.map((r) => r.p95)),
  };
});
console.log('\nwhole process per commit (p50 / p95 over the 20 commits of the per-commit medians; CPU = user + system):');
for (const s of summary) console.log(`  ${NAMES[s.variant].padEnd(22)} wall p50 ${ms(s.p50)} / p95 ${ms(s.p95)} ms   CPU p50 ${ms(s.cpuP50)} / p95 ${ms(s.cpuP95)} ms   p95 by round: ${s.roundsP95.map((x) => x.toFixed(0)).join(', ')}`);
const compiled = summary.find((s) => s.variant === 'compiled')!;
console.log(
  `  node's own start (node -e ""), median: ${ms(median(nodeStart.cli))} ms in the CLI's environment${nodeStart.given.length > 0 ? `, ${ms(median(nodeStart.given))} ms with NODE_EXTRA_CA_CERTS (each Node process started pays the difference; npm run analyse starts two)` : ''}`,
);
if (floor.wall.length > 0) console.log(`  npm's own floor (npm run analyse -- --help): wall ${ms(median(floor.wall))} ms, CPU ${ms(med(floor.cpu))} ms`);
for (const other of summary.filter((s) => s.variant === 'tsx' || s.variant === 'baseline')) {
  console.log(`  ratio ${other.variant} / compiled: wall p50 ${(other.p50 / compiled.p50).toFixed(2)}×, p95 ${(other.p95 / compiled.p95).toFixed(2)}×${other.cpuP50 !== null && compiled.cpuP50 ? `; CPU p50 ${(other.cpuP50 / compiled.cpuP50).toFixed(2)}×, p95 ${((other.cpuP95 ?? 0) / (compiled.cpuP95 ?? 1)).toFixed(2)}×` : ''}`);
}
console.log(`--range of the 20 in one process, per commit (median of rounds): ${rangeVariants.map((v) => `${v} ${ms(median(range[v].wall))} ms (CPU ${ms(med(range[v].cpu))})`).join(', ')}`);
const met = compiled.medianRoundP95 < GOAL_P95_MS;
console.log(`\ngoal: compiled whole-process p95 < ${GOAL_P95_MS} ms per commit — median of the rounds' p95 ${compiled.medianRoundP95.toFixed(0)} ms: ${met ? 'met' : 'NOT met'}`);

mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  join(RESULTS, 'analyse-cli.json'),
  `${JSON.stringify({ at: new Date().toISOString(), head: PINNED_HEAD, rounds: ROUNDS, keptNodeExtraCaCerts: KEEP_ENV || CA_CERTS === undefined, nodeStart, summary, floor, range, perCommit: Object.fromEntries(perCommit) }, null, 2)}\n`,
);
rmSync(scratch, { recursive: true, force: true });
