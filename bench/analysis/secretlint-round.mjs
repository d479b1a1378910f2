// One timed round of secretlint's recommended preset, in a fresh thread (bench/analysis/run.ts).
// secretlint's profiler keeps every performance mark of its thread and searches them on
// each new one, so one long-lived process slows down quadratically (ten rounds in one
// thread left minutes of CPU after the bench); a fresh thread per round starts clean, as a
// CLI run does. Warm-up pass first, as ours gets; answers the timed passes' milliseconds.
import { parentPort, workerData } from 'node:worker_threads';
import { lintSource } from '@secretlint/core';
import { creator } from '@secretlint/secretlint-rule-preset-recommend';

const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator, options: {} }] };
const { files, passes } = workerData;

async function pass() {
  for (const f of files) await lintSource({ source: { filePath: `/repo/${f.path}`, content: f.text, contentType: 'text' }, options: { config } });
}

await pass();
const t0 = performance.now();
for (let p = 0; p < passes; p++) await pass();
parentPort.postMessage(performance.now() - t0);
