// `npm run bench [name...]`: runs each bench in turn, stops at the first failure.
// Add a bench by appending one line to BENCHES.
import { spawnSync } from 'node:child_process';

const BENCHES = [
  ['webhook-ingest', ['tsx', 'bench/webhook-ingest/run.ts']],
  ['delivery-store', ['tsx', 'bench/delivery-store/run.ts']],
  ['lighthouse', ['tsx', 'bench/lighthouse/run.ts']],
  ['analysis', ['tsx', 'bench/analysis/run.ts']],
  ['popup', ['tsx', 'browser-extension/bench/popup.ts']],
  ['faults', ['tsx', 'bench/faults/run.ts']],
  ['read-path', ['tsx', 'bench/read-path/run.ts']],
  ['push-latency', ['tsx', 'bench/push-latency/run.ts']],
  ['startup', ['tsx', 'bench/startup/run.ts']],
  ['analyse-cli', ['tsx', 'bench/analyse-cli/run.ts']],
  ['fanout', ['tsx', 'bench/fanout/run.ts']],
];

const wanted = process.argv.slice(2);
for (const [name, cmd] of BENCHES) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n== bench: ${name} ==`);
  const r = spawnSync('npx', ['--no-install', ...cmd], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`bench ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}
