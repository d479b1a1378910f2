/**
 * Analysis engine throughput (issue #3, "Bench"):
 *   1. per-function metrics over a corpus of real JavaScript from node_modules,
 *      in functions/s and MB/s, with ESLint's `complexity` rule over the same
 *      files in the same run as the reference, and the ratio (goal ≥ 5× per
 *      thread); then the agreement with that rule per function, on the same
 *      JavaScript and on the TypeScript corpus (goal ≥ 98 %);
 *   2. latency of analysing a typical commit (≤ 20 files, ≤ 1,000 changed
 *      lines) through the whole engine, p50/p95 (goal < 50 ms p95);
 *   3. the secret scanner on the labelled secrets corpus
 *      (worker/test/analysis/secrets-corpus/): recall, precision and files/s
 *      of ours next to secretlint's recommended preset on the same files, in
 *      rounds, judged on the medians (goal: ≥ 2× secretlint's files/s);
 *   4. the same two scanners on a corpus nobody here wrote: gitleaks' own
 *      per-rule test cases (worker/test/analysis/gitleaks-corpus/), recall and
 *      precision on the cases in scope (scope.ts there), one pass each.
 *
 *   npm run bench analysis        (or: npx tsx bench/analysis/run.ts)
 *
 * BENCH_ROUNDS (default 7): rounds of the throughput part, judged on the median of the rounds' ratios.
 *
 * Prints a table and writes bench/results/analysis.json. With `--strict` it
 * exits non-zero when a goal is missed; without, it only says so, because on a
 * shared 2-core machine other jobs' load can move these numbers by 2× and a
 * flaky failure would stop the benches that run after this one.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { lintSource } from '@secretlint/core';
import { creator as secretlintRecommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig } from '@secretlint/types';
import { Linter } from 'eslint';
import { analyseCommitWith, analyseSource, createParsePool, inThreadParser } from '../../worker/src/analysis/index.ts';
import type { ParsePool } from '../../worker/src/analysis/index.ts';
import type { ChangedFile, CommitInput } from '@tamagitto/domain';
import { diffContents } from '../../worker/src/analysis/patch.ts';
import { loadCorpus, loadTsCorpus, type CorpusFile } from '../../worker/test/analysis/corpus.ts';
import { configFor, eslintAgreement, eslintComplexities, eslintComplexitiesTs, SOURCE_TYPES, type EslintFunction } from '../../worker/test/analysis/eslint-reference.ts';
import { javascriptMetrics } from '../../worker/src/analysis/js-metrics.ts';
import type { LanguageId } from '../../worker/src/analysis/languages.ts';
import { scanSecrets } from '../../worker/src/analysis/secrets.ts';
import { loadSecretsCorpus, score, type Finding, type LabelledFile } from '../../worker/test/analysis/secrets-corpus.ts';
import { loadGitleaksCases } from '../../worker/test/analysis/gitleaks-corpus/cases.ts';
import { exclusion, scoreCases } from '../../worker/test/analysis/gitleaks-corpus/scope.ts';

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));
const THROUGHPUT_GOAL = 5;
const AGREEMENT_GOAL = 0.98;
const P95_GOAL_MS = 50;
const COMMITS = 60;
const SECRETS_SPEED_GOAL = 2;

const corpus = loadCorpus(1);
const bytes = corpus.reduce((n, f) => n + Buffer.byteLength(f.source), 0);
const strict = process.argv.includes('--strict');
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
console.log(`corpus: ${corpus.length} files, ${(bytes / 1e6).toFixed(2)} MB of JavaScript from node_modules`);

// --- 1. throughput --------------------------------------------------------
// The same ESLint configuration the agreement test checks us against.
const linter = new Linter({ configType: 'flat' });
// Settle each file's source type before timing, so ESLint is timed on one parse per file like us.
const eslintFiles: { file: CorpusFile; config: Linter.Config[] }[] = [];
for (const file of corpus) {
  for (const sourceType of SOURCE_TYPES) {
    const config = configFor(sourceType);
    if (!linter.verify(file.source, config).some((m) => m.fatal)) {
      eslintFiles.push({ file, config });
      break;
    }
  }
}
const files = eslintFiles.map((e) => e.file);
const fileBytes = files.reduce((n, f) => n + Buffer.byteLength(f.source), 0);

function eslintPass(): number {
  let functions = 0;
  for (const { file, config } of eslintFiles) functions += linter.verify(file.source, config).length;
  return functions;
}

async function oursPass(): Promise<number> {
  let functions = 0;
  for (const file of files) functions += (await analyseSource(file.source, 'javascript')).functions.length;
  return functions;
}

async function poolPass(pool: ParsePool): Promise<number> {
  const results = await Promise.all(files.map((f) => pool.parse({ source: f.source, language: 'javascript', countTests: false })));
  return results.reduce((n, r) => n + r.functions.length, 0);
}

/**
 * The machine is shared (2 cores, other jobs, load averages of 5–14 seen): each round times every
 * contender back to back, the one-thread pair in an order alternating by round, and the ratio is
 * taken within each round, so a burst of load elsewhere hits both sides of a ratio alike. Judged on
 * the median of the rounds' ratios (a best-of-rounds per contender once gave 7.1× and 3.7× in two
 * runs minutes apart: ESLint's and ours' best rounds fell in different bursts). Beside the wall
 * time, each pass's CPU time (process.cpuUsage: this process, which runs nothing else during the
 * one-thread passes) — less moved by other processes taking the cores.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const pool = createParsePool();
interface Sample {
  ms: number;
  cpuMs: number;
}
const contenders = {
  eslint: { run: async () => eslintPass(), samples: [] as Sample[], functions: 0 },
  ours: { run: oursPass, samples: [] as Sample[], functions: 0 },
  pool: { run: () => poolPass(pool), samples: [] as Sample[], functions: 0 },
};
for (const c of Object.values(contenders)) c.functions = await c.run(); // warm-up: JIT, grammar load, threads
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const roundRatios: { wall: number; cpu: number; pool: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? (['eslint', 'ours', 'pool'] as const) : (['ours', 'eslint', 'pool'] as const);
  for (const name of order) {
    const c = contenders[name];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await c.run();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    c.samples.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  const [e, o, p] = [contenders.eslint.samples[round]!, contenders.ours.samples[round]!, contenders.pool.samples[round]!];
  roundRatios.push({ wall: e.ms / o.ms, cpu: e.cpuMs / o.cpuMs, pool: e.ms / p.ms });
  console.log(
    `throughput round ${round + 1}: ESLint ${e.ms.toFixed(0)} ms (CPU ${e.cpuMs.toFixed(0)}), ours ${o.ms.toFixed(0)} ms (CPU ${o.cpuMs.toFixed(0)}), pool ${p.ms.toFixed(0)} ms → ${(e.ms / o.ms).toFixed(2)}× one thread (CPU ${(e.cpuMs / o.cpuMs).toFixed(2)}×), ${(e.ms / p.ms).toFixed(2)}× pool; load ${loadavg()[0]?.toFixed(1)}`,
  );
}
const medianMs = (c: { samples: Sample[] }) => median(c.samples.map((x) => x.ms));
const eslint = { ms: medianMs(contenders.eslint), value: contenders.eslint.functions };
const ours = { ms: medianMs(contenders.ours), value: contenders.ours.functions };
const pooled = { ms: medianMs(contenders.pool), value: contenders.pool.functions };

const rate = (functions: number, ms: number) => ({ functionsPerSecond: Math.round((functions * 1000) / ms), mbPerSecond: +(fileBytes / 1e6 / (ms / 1000)).toFixed(2) });
const throughput = {
  files: files.length,
  megabytes: +(fileBytes / 1e6).toFixed(2),
  rounds: ROUNDS,
  eslint: { functions: eslint.value, ms: Math.round(eslint.ms), ...rate(eslint.value, eslint.ms) },
  ours: { functions: ours.value, ms: Math.round(ours.ms), ...rate(ours.value, ours.ms) },
  oursPool: { threads: pool.threads, functions: pooled.value, ms: Math.round(pooled.ms), ...rate(pooled.value, pooled.ms) },
  /** Median of the rounds' ratios: one thread against ESLint's one (wall, then CPU), and the pool. */
  ratio: +median(roundRatios.map((r) => r.wall)).toFixed(2),
  ratioCpu: +median(roundRatios.map((r) => r.cpu)).toFixed(2),
  ratioPool: +median(roundRatios.map((r) => r.pool)).toFixed(2),
  roundRatios: roundRatios.map((r) => ({ wall: +r.wall.toFixed(2), cpu: +r.cpu.toFixed(2), pool: +r.pool.toFixed(2) })),
};

// --- 1b. agreement with ESLint's complexity rule (issue 18: keep ≥ 98 %) -----
/**
 * Per function, paired by where ESLint reports it (a function we miss counts as a disagreement):
 * the whole JavaScript corpus above, and the TypeScript corpus through typescript-eslint's parser.
 */
async function agreement(corpusFiles: CorpusFile[], reference: (f: CorpusFile) => EslintFunction[] | null, language: (f: CorpusFile) => LanguageId) {
  const { files: n, compared, agreed, ratio } = await eslintAgreement(corpusFiles, reference, language);
  return { files: n, compared, agreed, ratio: +ratio.toFixed(4) };
}
const tsCorpus = loadTsCorpus(1);
const isTsx = (f: CorpusFile) => f.path.endsWith('.tsx');
const agreements = {
  javascript: await agreement(files, (f) => eslintComplexities(f.source), () => 'javascript'),
  typescript: await agreement(tsCorpus, (f) => eslintComplexitiesTs(f.source, isTsx(f)), (f) => (isTsx(f) ? 'tsx' : 'typescript')),
  /** Files of the throughput corpus meriyah parsed (js-metrics.ts); the rest went to tree-sitter. */
  meriyahFiles: files.filter((f) => javascriptMetrics(f.source) !== null).length,
};
for (const [name, a] of [['JavaScript', agreements.javascript], ['TypeScript', agreements.typescript]] as const) {
  console.log(`agreement with ESLint complexity (${name}): ${a.agreed}/${a.compared} functions (${(100 * a.ratio).toFixed(2)} %) over ${a.files} files (goal ≥ ${100 * AGREEMENT_GOAL} %)`);
}
console.log(`parsed by meriyah: ${agreements.meriyahFiles} of ${files.length} JavaScript files (the rest by tree-sitter)`);

// --- 2. typical commit latency --------------------------------------------
/** Deterministic pseudo-random numbers so every run analyses the same commits. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** A commit touching up to 20 real files: each "adds" a block of its own lines, ≤ 1,000 lines in all. */
function typicalCommit(n: number, random: () => number): CommitInput {
  const fileCount = 3 + Math.floor(random() * 18);
  const budget = 1000;
  const changed: ChangedFile[] = [];
  for (let i = 0; i < fileCount; i++) {
    const file = files[Math.floor(random() * files.length)];
    if (!file) continue;
    const lines = file.source.split('\n');
    const take = Math.min(lines.length - 1, Math.floor((budget / fileCount) * random()) + 5);
    const at = Math.floor(random() * Math.max(1, lines.length - take));
    const before = [...lines.slice(0, at), ...lines.slice(at + take)].join('\n');
    const after = file.source;
    const { added, removed } = diffContents(before, after);
    const patch = [...removed.map((l) => `@@ -${l.line},1 +${l.line},0 @@\n-${l.text}`), ...added.map((l) => `@@ -${l.line},0 +${l.line},1 @@\n+${l.text}`)].join('\n');
    changed.push({ path: `src/${n}/${i}-${file.path.split('/').pop() ?? 'f.js'}`, status: 'modified', additions: added.length, deletions: removed.length, before, after, patch });
  }
  return { sha: `bench-${n}`, message: 'bench', files: changed };
}

/** Per commit, the best of two runs in each mode (same reason as above: a shared machine). */
async function commitLatencies(): Promise<{ inThread: number[]; pool: number[] }> {
  const random = rng(42);
  const commits = Array.from({ length: COMMITS }, (_, i) => typicalCommit(i, random));
  const out = { inThread: [] as number[], pool: [] as number[] };
  const modes = [
    ['inThread', inThreadParser],
    ['pool', pool],
  ] as const;
  for (const [, parser] of modes) await analyseCommitWith(commits[0] ?? { sha: 'x', message: '', files: [] }, { pool: parser }); // warm-up
  for (const c of commits) {
    for (const [mode, parser] of modes) {
      let best = Infinity;
      for (let run = 0; run < 2; run++) {
        const t0 = performance.now();
        await analyseCommitWith(c, { pool: parser });
        best = Math.min(best, performance.now() - t0);
      }
      out[mode].push(best);
    }
  }
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return +(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0).toFixed(1);
}

const { inThread, pool: threaded } = await commitLatencies();
await pool.close();
const commits = {
  commits: COMMITS,
  inThread: { p50: percentile(inThread, 50), p95: percentile(inThread, 95), max: percentile(inThread, 100) },
  pool: { threads: pool.threads, p50: percentile(threaded, 50), p95: percentile(threaded, 95), max: percentile(threaded, 100) },
};

// --- 3. secrets: ours vs secretlint's recommended preset --------------------
const secretsCorpus = loadSecretsCorpus();
const secretLines = (f: LabelledFile) => f.text.split('\n').map((text, i) => ({ line: i + 1, text }));
const secretlintConfig: SecretLintCoreConfig = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: secretlintRecommended, options: {} }] };

function oursSecrets(file: LabelledFile): Finding[] {
  return scanSecrets(secretLines(file), { path: file.path }).map((h) => ({ start: h.line, end: h.line, rule: h.rule }));
}

async function secretlintSecrets(file: LabelledFile): Promise<Finding[]> {
  // The corpus path, so path-aware rules (.npmrc, JSON service-account files) see what they would in a repository.
  const r = await lintSource({ source: { filePath: `/repo/${file.path}`, content: file.text, contentType: 'text' }, options: { config: secretlintConfig } });
  return r.messages.map((m) => ({ start: m.loc.start.line, end: m.loc.end.line, rule: m.ruleId }));
}

/** Passes over the corpus per round, the same for both, so each round times more than a few milliseconds. */
const SECRET_PASSES = 10;
const SECRET_ROUNDS = 5;
/** Runs `script` (next to this file) in a fresh thread with `workerData`; answers its one message. */
async function inFreshThread<T>(script: string, workerData: unknown): Promise<T> {
  const worker = new Worker(new URL(script, import.meta.url), { workerData });
  try {
    return await new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

/** Milliseconds for SECRET_PASSES passes over the corpus. */
const secretScanners = {
  ours: async () => {
    const t0 = performance.now();
    for (let p = 0; p < SECRET_PASSES; p++) for (const f of secretsCorpus) oursSecrets(f);
    return performance.now() - t0;
  },
  // In a fresh thread per round (secretlint-round.mjs says why); timed inside it, after a warm-up pass.
  secretlint: () => inFreshThread<number>('./secretlint-round.mjs', { files: secretsCorpus.map((f) => ({ path: f.path, text: f.text })), passes: SECRET_PASSES }),
};
const oursFindings = new Map(secretsCorpus.map((f) => [f.path, oursSecrets(f)]));
const secretlintFindings = new Map<string, Finding[]>();
for (const f of secretsCorpus) secretlintFindings.set(f.path, await secretlintSecrets(f)); // also the warm-up
const oursScore = score(secretsCorpus, (f) => oursFindings.get(f.path) ?? []);
const secretlintScore = score(secretsCorpus, (f) => secretlintFindings.get(f.path) ?? []);
const secretRounds: { ours: number; secretlint: number }[] = [];
for (let round = 0; round < SECRET_ROUNDS; round++) {
  // Alternate who goes first, so neither always runs on the warmer (or more loaded) half of the round.
  const order = round % 2 === 0 ? (['ours', 'secretlint'] as const) : (['secretlint', 'ours'] as const);
  const filesPerSecond = { ours: 0, secretlint: 0 };
  for (const name of order) filesPerSecond[name] = Math.round((SECRET_PASSES * secretsCorpus.length * 1000) / (await secretScanners[name]()));
  secretRounds.push(filesPerSecond);
  console.log(`secrets round ${round + 1}: ours ${filesPerSecond.ours} files/s, secretlint ${filesPerSecond.secretlint} files/s (${(filesPerSecond.ours / filesPerSecond.secretlint).toFixed(1)}×)`);
}
const round3 = (x: number) => +x.toFixed(3);
const secrets = {
  files: secretsCorpus.length,
  labelledSecrets: secretsCorpus.reduce((n, f) => n + f.labels.size, 0),
  kinds: new Set(secretsCorpus.flatMap((f) => [...f.labels.values()])).size,
  rounds: secretRounds,
  ours: { recall: round3(oursScore.recall), precision: round3(oursScore.precision), filesPerSecond: median(secretRounds.map((r) => r.ours)) },
  secretlint: { recall: round3(secretlintScore.recall), precision: round3(secretlintScore.precision), filesPerSecond: median(secretRounds.map((r) => r.secretlint)) },
  speedRatio: 0,
};
secrets.speedRatio = +(secrets.ours.filesPerSecond / secrets.secretlint.filesPerSecond).toFixed(1);

// --- 4. secrets on gitleaks' own test cases ----------------------------------
const gitleaksAll = loadGitleaksCases();
const gitleaksCases = gitleaksAll.filter((c) => exclusion(c) === null);
const gitleaksT0 = performance.now();
const gitleaksOurs = gitleaksCases.map((c) => oursSecrets({ path: c.path, text: c.text, template: c.template, labels: new Map() }));
const gitleaksOursMs = performance.now() - gitleaksT0;
// secretlint in a fresh thread, as for the rounds above (secretlint-findings.mjs says why).
const gitleaksSecretlint = await inFreshThread<{ findings: Finding[][]; ms: number }>('./secretlint-findings.mjs', { files: gitleaksCases.map((c) => ({ path: c.path, text: c.text })) });
// Findings by case (scoreCases asks per case; an indexOf per case would be quadratic).
const caseIndex = new Map(gitleaksCases.map((c, i) => [c, i]));
const gitleaksOursScore = scoreCases(gitleaksCases, (c) => gitleaksOurs[caseIndex.get(c)!] ?? []);
const gitleaksSecretlintScore = scoreCases(gitleaksCases, (c) => gitleaksSecretlint.findings[caseIndex.get(c)!] ?? []);
const gitleaks = {
  cases: gitleaksCases.length,
  casesInCorpus: gitleaksAll.length,
  positives: gitleaksCases.filter((c) => c.expected === 'secret').length,
  negatives: gitleaksCases.filter((c) => c.expected === 'clean').length,
  rules: new Set(gitleaksCases.map((c) => c.rule)).size,
  ours: { recall: round3(gitleaksOursScore.recall), precision: round3(gitleaksOursScore.precision), flaggedNegatives: gitleaksOursScore.flaggedNegatives, filesPerSecond: Math.round((gitleaksCases.length * 1000) / gitleaksOursMs) },
  secretlint: { recall: round3(gitleaksSecretlintScore.recall), precision: round3(gitleaksSecretlintScore.precision), flaggedNegatives: gitleaksSecretlintScore.flaggedNegatives, filesPerSecond: Math.round((gitleaksCases.length * 1000) / gitleaksSecretlint.ms) },
};

console.table({
  'ESLint complexity rule': { 'functions/s': throughput.eslint.functionsPerSecond, 'MB/s': throughput.eslint.mbPerSecond, 'ms/pass': throughput.eslint.ms },
  'vet analyser, 1 thread': { 'functions/s': throughput.ours.functionsPerSecond, 'MB/s': throughput.ours.mbPerSecond, 'ms/pass': throughput.ours.ms },
  [`vet analyser, pool of ${pool.threads}`]: { 'functions/s': throughput.oursPool.functionsPerSecond, 'MB/s': throughput.oursPool.mbPerSecond, 'ms/pass': throughput.oursPool.ms },
});
console.log(`throughput ratio vs ESLint, median of ${ROUNDS} rounds (table: median ms/pass): ${throughput.ratio}× in one thread (CPU ${throughput.ratioCpu}×), ${throughput.ratioPool}× with the pool (goal ≥ ${THROUGHPUT_GOAL}× per thread); rounds ${throughput.roundRatios.map((r) => `${r.wall}×`).join(', ')}`);
console.log(`agreement with ESLint complexity: JavaScript ${agreements.javascript.agreed}/${agreements.javascript.compared}, TypeScript ${agreements.typescript.agreed}/${agreements.typescript.compared} (goal ≥ ${100 * AGREEMENT_GOAL} %)`);
console.log(`typical commit (${COMMITS} commits, 3–20 files, ≤ 1,000 lines): in-thread p50 ${commits.inThread.p50} ms, p95 ${commits.inThread.p95} ms; pool p50 ${commits.pool.p50} ms, p95 ${commits.pool.p95} ms (goal p95 < ${P95_GOAL_MS} ms)`);
console.log(`secrets corpus: ${secrets.files} files, ${secrets.labelledSecrets} labelled secrets of ${secrets.kinds} kinds; medians of ${SECRET_ROUNDS} rounds × ${SECRET_PASSES} passes`);
console.table({
  'vet secret scanner': { recall: secrets.ours.recall, precision: secrets.ours.precision, 'files/s': secrets.ours.filesPerSecond },
  'secretlint recommended preset': { recall: secrets.secretlint.recall, precision: secrets.secretlint.precision, 'files/s': secrets.secretlint.filesPerSecond },
});
console.log(`secret scanning speed vs secretlint: ${secrets.speedRatio}× (goal ≥ ${SECRETS_SPEED_GOAL}×)`);
console.log(`gitleaks corpus: ${gitleaks.cases} of ${gitleaks.casesInCorpus} cases in scope (${gitleaks.positives} secrets, ${gitleaks.negatives} clean) over ${gitleaks.rules} gitleaks rules; one pass each`);
console.table({
  'vet secret scanner': { recall: gitleaks.ours.recall, precision: gitleaks.ours.precision, 'negatives flagged': `${gitleaks.ours.flaggedNegatives}/${gitleaks.negatives}`, 'files/s (1 pass)': gitleaks.ours.filesPerSecond },
  'secretlint recommended preset': { recall: gitleaks.secretlint.recall, precision: gitleaks.secretlint.precision, 'negatives flagged': `${gitleaks.secretlint.flaggedNegatives}/${gitleaks.negatives}`, 'files/s (1 pass)': gitleaks.secretlint.filesPerSecond },
});

await mkdir(RESULTS, { recursive: true });
await writeFile(`${RESULTS}analysis.json`, `${JSON.stringify({ date: new Date().toISOString(), cores: availableParallelism(), loadavg: loadavg(), node: process.version, throughput, agreements, commits, secrets, gitleaks }, null, 2)}\n`);

// The goal is per thread (issue 18): one thread of ours against ESLint's one. The pool sized to
// the cores (how the worker runs it) is printed beside it.
const bestP95 = Math.min(commits.inThread.p95, commits.pool.p95);
const misses = [
  throughput.ratio < THROUGHPUT_GOAL ? `throughput ${throughput.ratio}× per thread < ${THROUGHPUT_GOAL}×` : null,
  agreements.javascript.ratio < AGREEMENT_GOAL || agreements.typescript.ratio < AGREEMENT_GOAL ? `ESLint agreement ${agreements.javascript.ratio} (JS) / ${agreements.typescript.ratio} (TS) < ${AGREEMENT_GOAL}` : null,
  bestP95 >= P95_GOAL_MS ? `commit p95 ${bestP95} ms ≥ ${P95_GOAL_MS} ms` : null,
  secrets.speedRatio < SECRETS_SPEED_GOAL ? `secret scanning ${secrets.speedRatio}× secretlint < ${SECRETS_SPEED_GOAL}×` : null,
  secrets.ours.recall < 0.95 || secrets.ours.precision < 0.95 ? `secrets recall ${secrets.ours.recall} / precision ${secrets.ours.precision} < 0.95` : null,
  gitleaks.ours.recall < 0.95 || gitleaks.ours.precision < 0.95 ? `gitleaks corpus recall ${gitleaks.ours.recall} / precision ${gitleaks.ours.precision} < 0.95` : null,
].filter((m) => m !== null);
if (misses.length > 0) {
  console.error(`goals missed: ${misses.join('; ')} (load average now ${loadavg()[0]?.toFixed(1)})`);
  if (strict) process.exitCode = 1;
}
