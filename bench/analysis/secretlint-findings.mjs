// secretlint's recommended preset over a list of files, in a fresh thread (bench/analysis/run.ts):
// answers each file's findings. A fresh thread for the same reason as secretlint-round.mjs —
// secretlint's profiler keeps every performance mark of its thread, so thousands of files in a
// long-lived thread slow down quadratically; the marks are cleared every few hundred files too.
import { parentPort, workerData } from 'node:worker_threads';
import { lintSource } from '@secretlint/core';
import { creator } from '@secretlint/secretlint-rule-preset-recommend';

const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator, options: {} }] };
const { files } = workerData;
const out = [];
const t0 = performance.now();
for (let i = 0; i < files.length; i++) {
  const f = files[i];
  const r = await lintSource({ source: { filePath: `/repo/${f.path}`, content: f.text, contentType: 'text' }, options: { config } });
  out.push(r.messages.map((m) => ({ start: m.loc.start.line, end: m.loc.end.line, rule: m.ruleId })));
  if (i % 200 === 199) {
    performance.clearMarks();
    performance.clearMeasures();
  }
}
parentPort.postMessage({ findings: out, ms: performance.now() - t0 });
