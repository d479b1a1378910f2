// Runs a compiled bin in this very process, building it first when dist/ is missing or out of date
// (scripts/build.mjs): what `npm run start:api`, `npm run start:worker` and `npm run analyse` run.
//
//   node scripts/run.mjs <api|worker> <bin> [args...]     e.g. node scripts/run.mjs worker analyse --help
//
// One process, not a build step and then `node dist/<bin>.mjs`: a fresh dist/ costs a few
// milliseconds of stat calls here instead of a second Node start-up, and signals reach the bin
// directly. Stack traces are mapped back to the TypeScript, as --enable-source-maps would.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { distOf, ensureBuilt, TARGETS } from './build.mjs';

const [workspace, bin, ...args] = process.argv.slice(2);
if (!workspace || !bin || !Object.hasOwn(TARGETS, workspace) || !Object.hasOwn(TARGETS[workspace], bin) || bin === 'parse-worker-boot') {
  const bins = Object.entries(TARGETS).map(([w, t]) => `${w}: ${Object.keys(t).filter((b) => b !== 'parse-worker-boot').join(', ')}`);
  console.error(`usage: node scripts/run.mjs <workspace> <bin> [args...]\n  ${bins.join('\n  ')}`);
  process.exit(2);
}
try {
  await ensureBuilt(workspace);
} catch (err) {
  console.error(`cannot build ${workspace}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const file = join(distOf(workspace), `${bin}.mjs`);
if (!existsSync(file)) {
  console.error(`${file} is missing after the build`);
  process.exit(1);
}
process.setSourceMapsEnabled(true);
// The bin sees the command line it would see run as `node dist/<bin>.mjs args...`.
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
