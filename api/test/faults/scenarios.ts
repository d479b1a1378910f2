/**
 * Issue 14's fault scenarios, run one after another on one topology
 * (./topology.ts). Each returns its figures — webhooks sent, answered 2xx,
 * commits applied, applied twice, time to recover — and the list of what went
 * wrong (empty when the system held), so the test asserts on them and the
 * bench (bench/faults/run.ts) prints them.
 */
import { spawn } from 'node:child_process';
import { metricSum, ROOT } from '../support/processes.ts';
import { until } from '../support/index.ts';
import { paced, type Answer, type FaultTopology } from './topology.ts';

export interface Figures {
  scenario: string;
  sent: number;
  answered2xx: number;
  applied: number;
  appliedTwice: number;
  /** Seconds from the end of the fault until everything was applied; null when it never was. */
  recoverS: number | null;
  notes: string[];
  problems: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ok = (a: Answer) => a.status >= 200 && a.status < 300;

/** Waits until every commit is applied once (or `ms` passed); returns the seconds it took and the final counts. */
async function settle(t: FaultTopology, shas: readonly string[], since: number, ms: number): Promise<{ recoverS: number | null; applied: number; twice: number; missing: string[] }> {
  const end = Date.now() + ms;
  let counts = await t.appliedCounts(shas);
  while (shas.some((s) => (counts.get(s) ?? 0) < 1) && Date.now() < end) {
    await sleep(250);
    counts = await t.appliedCounts(shas);
  }
  const done = shas.every((s) => (counts.get(s) ?? 0) >= 1);
  const recoverS = done ? (Date.now() - since) / 1000 : null;
  // A moment more: a second application would show up now.
  await sleep(1_000);
  counts = await t.appliedCounts(shas);
  return {
    recoverS,
    applied: shas.filter((s) => (counts.get(s) ?? 0) >= 1).length,
    twice: shas.filter((s) => (counts.get(s) ?? 0) > 1).length,
    missing: shas.filter((s) => (counts.get(s) ?? 0) < 1),
  };
}

function tally(answers: Answer[]): string {
  const by = new Map<string, number>();
  for (const a of answers) {
    const k = a.status === 0 ? 'no answer' : `${a.status}${a.code ? ` ${a.code}` : ''}`;
    by.set(k, (by.get(k) ?? 0) + 1);
  }
  return [...by].map(([k, n]) => `${n}× ${k}`).join(', ');
}

async function common(f: Figures, t: FaultTopology, shas: readonly string[], s: Awaited<ReturnType<typeof settle>>, withinS: number, ids?: readonly string[]): Promise<void> {
  f.applied = s.applied;
  f.appliedTwice = s.twice;
  f.recoverS = s.recoverS;
  if (s.twice > 0) f.problems.push(`${s.twice} commits applied more than once`);
  if (!s.missing.length) return;
  let where = '';
  if (ids) {
    // Where the missing ones are stuck: their delivery rows' status.
    const missing = new Set(s.missing);
    const rows = await deliveryRows(t, ids.filter((_, i) => missing.has(shas[i]!)));
    const by = new Map<string, number>();
    for (const r of rows) by.set(r.status, (by.get(r.status) ?? 0) + 1);
    where = `; their deliveries: ${[...by].map(([k, n]) => `${n}× ${k}`).join(', ') || 'none stored'}`;
  }
  f.problems.push(`${s.missing.length} of ${shas.length} commits not applied within ${withinS} s${where}`);
}

/** 1. Redis stopped for `downMs` during a burst of `pushes` signed pushes through Caddy. */
export async function redisStopped(t: FaultTopology, opts: { pushes?: number; downMs?: number; withinMs?: number } = {}): Promise<Figures> {
  const pushes = opts.pushes ?? 500;
  const downMs = opts.downMs ?? 30_000;
  const withinMs = opts.withinMs ?? 60_000;
  const f: Figures = { scenario: `1. Redis stopped ${downMs / 1000} s during ${pushes} pushes`, sent: pushes, answered2xx: 0, applied: 0, appliedTwice: 0, recoverS: null, notes: [], problems: [] };
  const shas = Array.from({ length: pushes }, (_, i) => t.commit(`s1-${i}`));
  const send = (from: number, to: number, perSecond?: number) =>
    paced(shas.slice(from, to), { concurrency: 8, ...(perSecond ? { perSecond } : {}) }, (c, i) => t.push(c, `faults-s1-${from + i}`));
  const before = Math.round(pushes * 0.2);
  const during = Math.round(pushes * 0.6);
  const answers: Answer[] = [];
  answers.push(...(await send(0, before)));
  await t.stopRedis();
  const stoppedAt = Date.now();
  const mid = send(before, before + during, during / (downMs / 1000));
  await sleep(Math.max(0, stoppedAt + downMs - Date.now()));
  await t.startRedis();
  const back = Date.now();
  answers.push(...(await mid));
  answers.push(...(await send(before + during, pushes)));
  f.answered2xx = answers.filter(ok).length;
  const slow = answers.filter((a) => a.ms > 10_000).length;
  f.notes.push(`answers: ${tally(answers)}; slowest ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms`);
  if (f.answered2xx !== pushes) f.problems.push(`webhooks not answered 2xx: ${tally(answers.filter((a) => !ok(a)))}`);
  if (slow) f.problems.push(`${slow} webhooks took longer than GitHub's 10 s`);
  await common(f, t, shas, await settle(t, shas, back, withinMs), withinMs / 1000, shas.map((_, i) => `faults-s1-${i}`));
  return f;
}

/** 2. PostgreSQL restarted (`pg_ctl restart -m fast`) during a burst, pushes and reads sent straight to the instances. */
export async function postgresRestarted(t: FaultTopology, opts: { pushes?: number; withinMs?: number } = {}): Promise<Figures> {
  const pushes = opts.pushes ?? 200;
  const withinMs = opts.withinMs ?? 60_000;
  const f: Figures = { scenario: `2. PostgreSQL restarted (fast) during ${pushes} pushes`, sent: pushes, answered2xx: 0, applied: 0, appliedTwice: 0, recoverS: null, notes: [], problems: [] };
  const shas = Array.from({ length: pushes }, (_, i) => t.commit(`s2-${i}`));
  const ids = shas.map((_, i) => `faults-s2-${i}`);
  // Straight to the instances: the app's own answers are judged (Caddy answers a bare 503 itself when both are unready).
  const pushAnswers: Answer[] = new Array(pushes);
  const reads: Answer[] = [];
  let restartMs = 0;
  let restartedAt = 0;
  const restart = (async () => {
    await sleep(1_500);
    const t0 = Date.now();
    await t.pg.restart();
    restartedAt = Date.now();
    restartMs = restartedAt - t0;
  })();
  await paced(shas, { concurrency: 6, perSecond: 50 }, async (c, i) => {
    const inst = t.apis[i % 2]!;
    pushAnswers[i] = await t.push(c, ids[i]!, inst.direct);
    if (i % 3 === 0) {
      const t0 = performance.now();
      const r = await fetch(`${inst.direct}/api/pets/${t.pet.id}`, { headers: { authorization: `Bearer ${t.session}` }, signal: AbortSignal.timeout(15_000) }).catch(() => null);
      const body = r ? await r.text() : '';
      let code: string | undefined;
      try {
        code = (JSON.parse(body) as { error?: { code?: string } }).error?.code;
      } catch {
        /* not JSON */
      }
      reads.push({ status: r?.status ?? 0, ms: performance.now() - t0, ...(code ? { code } : {}) });
    }
  });
  await restart;
  const all = [...pushAnswers, ...reads];
  const bad = all.filter((a) => !ok(a) && !(a.status === 503 && a.code === 'db_unavailable'));
  f.answered2xx = pushAnswers.filter(ok).length;
  f.notes.push(`restart took ${restartMs} ms; pushes: ${tally(pushAnswers)}; reads: ${tally(reads)}`);
  if (bad.length) f.problems.push(`answers other than 2xx or 503 db_unavailable: ${tally(bad)}`);
  const exited = [...t.apis, ...t.workers].filter((x) => !x.proc.running);
  if (exited.length) f.problems.push(`processes exited: ${exited.map((x) => x.name).join(', ')}`);
  // Every 2xx delivery applied exactly once; GitHub would redeliver the refused ones (same delivery id), so do that too.
  const accepted = shas.filter((_, i) => ok(pushAnswers[i]!));
  const refused = shas.map((_, i) => i).filter((i) => !ok(pushAnswers[i]!));
  const s = await settle(t, accepted, restartedAt, withinMs);
  await common(f, t, accepted, s, withinMs / 1000, accepted.map((c) => ids[shas.indexOf(c)]!));
  if (refused.length) {
    const again = await paced(refused, { concurrency: 4 }, (i) => t.push(shas[i]!, ids[i]!));
    f.notes.push(`${refused.length} refused during the restart redelivered: ${tally(again)}`);
    const r = await settle(t, refused.map((i) => shas[i]!), Date.now(), withinMs);
    f.applied += r.applied;
    f.appliedTwice += r.twice;
    if (r.twice) f.problems.push(`${r.twice} redelivered commits applied more than once`);
    if (r.missing.length) f.problems.push(`${r.missing.length} redelivered commits not applied`);
  }
  return f;
}

/** 3. `kill -9` of one worker and one api instance during a burst of `pushes` through Caddy; unanswered webhooks are redelivered. */
export async function killNine(t: FaultTopology, opts: { pushes?: number; withinMs?: number } = {}): Promise<Figures> {
  const pushes = opts.pushes ?? 1000;
  const withinMs = opts.withinMs ?? 90_000;
  const f: Figures = { scenario: `3. kill -9 of a worker and an api during ${pushes} pushes`, sent: pushes, answered2xx: 0, applied: 0, appliedTwice: 0, recoverS: null, notes: [], problems: [] };
  const shas = Array.from({ length: pushes }, (_, i) => t.commit(`s3-${i}`));
  const ids = shas.map((_, i) => `faults-s3-${i}`);
  const killAt = Math.round(pushes * 0.3);
  let killedAt = 0;
  let answered = 0;
  const answers = await paced(shas, { concurrency: 8 }, async (c, i) => {
    const a = await t.push(c, ids[i]!);
    if (++answered === killAt) {
      t.apis[0]!.proc.child.kill('SIGKILL');
      t.workers[0]!.proc.child.kill('SIGKILL');
      killedAt = Date.now();
    }
    return a;
  });
  await Promise.all([t.apis[0]!.proc.exited, t.workers[0]!.proc.exited]);
  f.answered2xx = answers.filter(ok).length;
  f.notes.push(`first answers: ${tally(answers)}`);
  const down = [t.apis[1]!, t.workers[1]!].filter((x) => !x.proc.running);
  if (down.length) f.problems.push(`the surviving processes exited: ${down.map((x) => x.name).join(', ')}`);
  // A webhook that got no 2xx was not accepted: GitHub would redeliver it with the same id — by hand
  // or by a script, once the site answers again (Caddy routes /api/health/ready to a live instance).
  const unanswered = shas.map((_, i) => i).filter((i) => !ok(answers[i]!));
  if (unanswered.length) {
    await until(() => fetch(`${t.front}/api/health/ready`).then((r) => r.ok, () => false), 30_000, 'the site answering again through Caddy');
    const again = await paced(unanswered, { concurrency: 4 }, (i) => t.push(shas[i]!, ids[i]!));
    f.notes.push(`${unanswered.length} redelivered: ${tally(again)}`);
    const still = again.filter((a) => !ok(a));
    if (still.length) f.problems.push(`redeliveries not accepted: ${tally(still)} (first answers: ${tally(answers)})`);
  }
  await common(f, t, shas, await settle(t, shas, killedAt, withinMs), withinMs / 1000, ids);
  // Back to two of each for the next scenarios.
  await Promise.all([t.startApi(0), t.startWorker(0)]);
  return f;
}

/** 6. One api's coach failing upstream (Claude overloaded → 5xx) while webhooks go through Caddy. */
export async function coachFailingBehindCaddy(t: FaultTopology, opts: { pushes?: number; withinMs?: number } = {}): Promise<Figures> {
  const pushes = opts.pushes ?? 100;
  const withinMs = opts.withinMs ?? 60_000;
  const f: Figures = { scenario: `6. one api's coach answering 5xx, ${pushes} pushes through Caddy`, sent: pushes, answered2xx: 0, applied: 0, appliedTwice: 0, recoverS: null, notes: [], problems: [] };
  const route = 'route="/api/conversation/chat"';
  const fivexx = async () => metricSum(await t.metricsOf(t.apis[0]!), 'tamagitto_http_request_duration_seconds_count', `${route},status="5`);
  const webhooksOf = async () => Promise.all(t.apis.map(async (a) => metricSum(await t.metricsOf(a), 'tamagitto_webhook_deliveries_total', 'event="push"')));
  const coach = async () => {
    const r = await fetch(`${t.front}/api/conversation/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.session}`, 'x-anthropic-key': 'sk-ant-faults-0000' },
      body: JSON.stringify({ message: 'What should I do next?' }),
    });
    await r.text();
    return r.status;
  };
  const coachStatuses: number[] = [];
  const initial = await fivexx();
  // Until api-1 has answered a 5xx (least_conn picks between idle instances at random); 20 a minute per user at most.
  for (let i = 0; i < 12 && (await fivexx()) === initial; i++) coachStatuses.push(await coach());
  if ((await fivexx()) === initial) f.problems.push(`api-1 never answered the coach with a 5xx (${coachStatuses.join(', ')})`);
  const before = await webhooksOf();
  const shas = Array.from({ length: pushes }, (_, i) => t.commit(`s6-${i}`));
  const start = Date.now();
  // Within the 10 s a passive 5xx check would sideline api-1, with more coach failures among the webhooks.
  const answers = await paced(shas, { concurrency: 4 }, async (c, i) => {
    if (i % 25 === 0) coachStatuses.push(await coach());
    return t.push(c, `faults-s6-${i}`);
  });
  const after = await webhooksOf();
  f.answered2xx = answers.filter(ok).length;
  const perInstance = after.map((n, k) => n - before[k]!);
  f.notes.push(`coach answers: ${coachStatuses.join(' ')}; webhooks per instance: ${perInstance.join(' / ')} in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  if (f.answered2xx !== pushes) f.problems.push(`webhooks not answered 2xx: ${tally(answers.filter((a) => !ok(a)))}`);
  if (perInstance[0] === 0) f.problems.push('api-1 received no webhook after its coach failed: Caddy sidelined it');
  await common(f, t, shas, await settle(t, shas, Date.now(), withinMs), withinMs / 1000, shas.map((_, i) => `faults-s6-${i}`));
  return f;
}

/** Restarts both workers with a clock `scale` times faster (TAMAGITTO_TIME_SCALE), for the retry scenarios. */
export async function speedUpWorkers(t: FaultTopology, scale: number): Promise<void> {
  for (let i = 0; i < t.workers.length; i++) {
    const w = t.workers[i]!;
    w.proc.child.kill('SIGTERM');
    await w.proc.exited;
    await t.startWorker(i, { TAMAGITTO_TIME_SCALE: String(scale) });
  }
}

async function deliveryRows(t: FaultTopology, ids: readonly string[]) {
  return t.db.db.selectFrom('webhook_deliveries').select(['delivery_id', 'status', 'attempts', 'error', 'error_kind']).where('delivery_id', 'in', ids).execute();
}

async function workersMetric(t: FaultTopology, name: string, match = ''): Promise<number> {
  let sum = 0;
  for (const w of t.workers) sum += metricSum(await t.metricsOf(w), name, match);
  return sum;
}

/** 4. GitHub answering 502 to every commit fetch for `simulatedMs` of the workers' (scaled) time. */
export async function githubDown(t: FaultTopology, opts: { scale: number; pushes?: number; simulatedMs?: number; withinMs?: number }): Promise<Figures> {
  const pushes = opts.pushes ?? 50;
  const simulatedMs = opts.simulatedMs ?? 3600_000;
  const withinMs = opts.withinMs ?? 60_000;
  const realMs = simulatedMs / opts.scale;
  const f: Figures = { scenario: `4. GitHub 502 for ${simulatedMs / 3600_000} h of worker time (${realMs / 1000} s at ×${opts.scale}), ${pushes} pushes`, sent: pushes, answered2xx: 0, applied: 0, appliedTwice: 0, recoverS: null, notes: [], problems: [] };
  const commits = /^\/repos\/octocat\/faulty\/commits\//;
  t.github.failNext(commits, 502, Number.POSITIVE_INFINITY);
  const failedFetches = t.github.count('GET', commits);
  const start = Date.now();
  const shas = Array.from({ length: pushes }, (_, i) => t.commit(`s4-${i}`));
  const ids = shas.map((_, i) => `faults-s4-${i}`);
  const answers = await paced(shas, { concurrency: 4 }, (c, i) => t.push(c, ids[i]!));
  f.answered2xx = answers.filter(ok).length;
  if (f.answered2xx !== pushes) f.problems.push(`webhooks not answered 2xx: ${tally(answers.filter((a) => !ok(a)))}`);
  await sleep(Math.max(0, start + realMs - Date.now()));
  t.github.clearFailures(commits);
  const up = Date.now();
  const during = await deliveryRows(t, ids);
  f.notes.push(`fetches answered 502: ${t.github.count('GET', commits) - failedFetches}; attempts per delivery during the outage: max ${Math.max(...during.map((r) => r.attempts))}`);
  await common(f, t, shas, await settle(t, shas, up, withinMs), withinMs / 1000, ids);
  const rows = await deliveryRows(t, ids);
  const dead = rows.filter((r) => r.status === 'failed');
  if (dead.length) f.problems.push(`${dead.length} deliveries dead-lettered: ${dead[0]!.error}`);
  if (rows.some((r) => r.status !== 'processed')) f.problems.push(`deliveries not processed: ${rows.filter((r) => r.status !== 'processed').map((r) => r.status).join(', ')}`);
  return f;
}

/** Runs `npm run deliveries -- …` against the topology's database and Redis, as an operator would. */
function deliveriesCli(t: FaultTopology, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'deliveries', '--', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: t.pg.url, REDIS_URL: t.redisUrl, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += String(b)));
    child.stderr.on('data', (b: Buffer) => (out += String(b)));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/** 5. A poison job: a commit GitHub always refuses (400) is retried per the policy, dead-lettered, listed by the CLI, and applied once on replay after GitHub is fixed. */
export async function poisonJob(t: FaultTopology, opts: { withinMs?: number } = {}): Promise<Figures> {
  const withinMs = opts.withinMs ?? 90_000;
  const f: Figures = { scenario: '5. a poison job: dead-lettered, listed, replayed', sent: 1, answered2xx: 0, applied: 0, appliedTwice: 0, recoverS: null, notes: [], problems: [] };
  const c = t.commit('s5-poison');
  const id = 'faults-s5-poison';
  const path = new RegExp(`^/repos/octocat/faulty/commits/${c}$`);
  t.github.failNext(path, 400, Number.POSITIVE_INFINITY);
  const deadBefore = await workersMetric(t, 'tamagitto_worker_dead_lettered_total');
  const a = await t.push(c, id);
  if (ok(a)) f.answered2xx = 1;
  else f.problems.push(`the webhook was answered ${a.status}`);
  const start = Date.now();
  let row: Awaited<ReturnType<typeof deliveryRows>>[number] | undefined;
  try {
    row = await until(async () => (await deliveryRows(t, [id])).find((r) => r.status === 'failed'), withinMs, 'the poison delivery dead-lettered');
  } catch {
    const now = (await deliveryRows(t, [id]))[0];
    f.problems.push(`not dead-lettered within ${withinMs / 1000} s: ${JSON.stringify(now)}`);
    return f;
  }
  f.notes.push(`dead-lettered after ${row.attempts} attempts in ${((Date.now() - start) / 1000).toFixed(1)} s (${row.error_kind}: ${row.error?.slice(0, 80)})`);
  if (row.attempts < 2) f.problems.push(`dead-lettered after ${row.attempts} attempt: never retried`);
  const fetched = t.github.count('GET', path);
  if (fetched < row.attempts) f.problems.push(`GitHub asked ${fetched} times for ${row.attempts} attempts`);
  await until(async () => (await workersMetric(t, 'tamagitto_worker_dead_lettered_total')) > deadBefore, 10_000, 'the dead letter in the workers’ metrics').catch(() =>
    f.problems.push('tamagitto_worker_dead_lettered_total did not move'),
  );
  const listed = await deliveriesCli(t, ['list', '--failed']);
  if (listed.code !== 0 || !listed.out.includes(id)) f.problems.push(`\`deliveries list --failed\` (exit ${listed.code}) does not list it: ${listed.out.slice(0, 500)}`);
  if ((await t.appliedCounts([c])).get(c)) f.problems.push('applied while GitHub refused it');
  t.github.clearFailures(path);
  const replayedAt = Date.now();
  const replayed = await deliveriesCli(t, ['replay', id]);
  if (replayed.code !== 0) f.problems.push(`\`deliveries replay\` exited ${replayed.code}: ${replayed.out.slice(0, 500)}`);
  await common(f, t, [c], await settle(t, [c], replayedAt, withinMs), withinMs / 1000, [id]);
  return f;
}

/** The figures as a table, one scenario a line. */
export function formatFigures(all: Figures[]): string {
  const head = ['scenario', 'sent', '2xx', 'applied', 'twice', 'recovered in'];
  const rows = all.map((f) => [f.scenario, String(f.sent), String(f.answered2xx), String(f.applied), String(f.appliedTwice), f.recoverS === null ? 'never' : `${f.recoverS.toFixed(1)} s`]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const notes = all.flatMap((f) => [...f.notes.map((n) => `  ${f.scenario.split('.')[0]}. ${n}`), ...f.problems.map((p) => `  ${f.scenario.split('.')[0]}. PROBLEM: ${p}`)]);
  return [line(head), ...rows.map(line), ...notes].join('\n');
}
