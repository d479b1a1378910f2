// `npm run typecheck`: every TypeScript project of the repository — each workspace's
// tsconfig.json (the workspaces that have a `typecheck` script), the root's and bench/'s —
// checked by `tsc --noEmit`, as many at once as the machine has CPUs. One after another they
// took about two minutes of `npm test` on a 2-core machine. A failing project's output is
// printed whole; the exit code is 1 if any failed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const manifest = (dir) => JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
const projects = [
  ...manifest('.').workspaces.filter((w) => manifest(w).scripts?.typecheck).map((w) => join(w, 'tsconfig.json')),
  'tsconfig.json',
  join('bench', 'tsconfig.json'),
];

function check(project) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [TSC, '-p', project, '--noEmit'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ project, ok: code === 0, out, s: (Date.now() - started) / 1000 }));
  });
}

const queue = [...projects];
const results = [];
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
    for (let p = queue.shift(); p; p = queue.shift()) results.push(await check(p));
  }),
);
for (const r of results) console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.project} (${r.s.toFixed(1)} s)`);
const failed = results.filter((r) => !r.ok);
for (const r of failed) console.error(`\n${r.project}:\n${r.out}`);
process.exit(failed.length ? 1 : 0);
