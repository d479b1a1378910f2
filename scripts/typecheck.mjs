// `npm run typecheck`: every TypeScript project of the repository — each workspace's
// tsconfig.json (the workspaces that have a `typecheck` script), the root's and bench/'s —
// checked by `tsc --noEmit`, as many at once as the machine has CPUs. A failing project's
// output is printed whole; the exit code is 1 if any failed.
//
// The projects whose tsconfig only extends tsconfig.base.json and lists what it includes (domain,
// db, worker, api, the root, bench/) are checked as ONE program: each of them imports the others'
// source, so checked one by one the api's files were type-checked by the api, bench/ and the
// browser extension's e2e tests alike — db/domain's by five projects. One program checks each
// file once with the same options (about 45 % less CPU for the whole typecheck, which `npm test`
// runs beside the suites). Its tsconfig is written under node_modules/.cache/tamagitto/, from
// the projects' own `include`s, so a project added to the list joins it unchanged. The others
// (the extension and the site: DOM and JSX options of their own) are checked alone.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CACHE = join(ROOT, 'node_modules', '.cache', 'tamagitto');

const manifest = (dir) => JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
const configs = [
  ...manifest('.').workspaces.filter((w) => manifest(w).scripts?.typecheck).map((w) => join(w, 'tsconfig.json')),
  'tsconfig.json',
  join('bench', 'tsconfig.json'),
];

/** A tsconfig that only extends the base (same options as the base) and includes its own files. */
function baseOnly(config) {
  const json = JSON.parse(readFileSync(join(ROOT, config), 'utf8'));
  const keys = Object.keys(json).sort().join(',');
  return keys === 'extends,include' && join(dirname(config), json.extends) === 'tsconfig.base.json' ? json.include.map((i) => join(ROOT, dirname(config), i)) : null;
}

const merged = [];
const alone = [];
for (const config of configs) {
  const include = baseOnly(config);
  if (include) merged.push({ config, include });
  else alone.push(config);
}
const projects = [...alone];
if (merged.length) {
  mkdirSync(CACHE, { recursive: true });
  const program = join(CACHE, 'tsconfig.typecheck.json');
  writeFileSync(program, `${JSON.stringify({ extends: join(ROOT, 'tsconfig.base.json'), include: merged.flatMap((m) => m.include) }, null, 2)}\n`);
  // First: the biggest program, so the two-at-a-time queue ends with the small ones.
  projects.unshift({ label: `${merged.map((m) => m.config).join(' + ')} (one program)`, path: program });
}

function check(entry) {
  const { label, path } = typeof entry === 'string' ? { label: entry, path: entry } : entry;
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [TSC, '-p', path, '--noEmit'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ project: label, ok: code === 0, out, s: (Date.now() - started) / 1000 }));
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
