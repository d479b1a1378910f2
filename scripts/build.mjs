// The production builds of the api and the worker: their bins bundled by esbuild into plain
// JavaScript under <workspace>/dist/ (with source maps), so production runs `node`, not tsx.
//
//   node scripts/build.mjs api worker        build (`npm run build`, `npm run build -w api|worker`)
//   node scripts/build.mjs api --if-stale    build only when dist/ is missing or older than a file
//                                            it was built from
//
// Bundled: our own source (with the workspaces @tamagitto/domain and @tamagitto/db) and the
// pure-JavaScript dependencies — a few big files load faster than node_modules' hundreds.
// Left as imports resolved from node_modules at run time (EXTERNAL): packages that read files of
// their own next to their code (PGlite's wasm and data, swagger-ui-dist's assets, the tree-sitter
// grammars) and optional native add-ons, absent unless someone installs them.
// web-tree-sitter is bundled although it loads tree-sitter.wasm from its own folder: it is installed
// under worker/node_modules only (another version is hoisted), so the api's bundle could not
// resolve it at run time; its wasm is copied next to the bundle instead.
//
// Parse threads: worker/src/analysis/parse-pool.ts starts `./parse-worker-boot.mjs` beside the
// module that creates the pool — in source, the tsx shim beside it; here the bundled thread body
// (worker/src/analysis/parse-worker.ts), written under that name. Chunks are flat in dist/ for
// the same reason: whatever a module finds "next to itself" must be there.
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PARSE_WORKER = 'worker/src/analysis/parse-worker.ts';

/** Per workspace: output name (dist/<name>.mjs) → entry, relative to the repository root. */
export const TARGETS = {
  api: {
    'start-api': 'api/src/bin/start-api.ts',
    'start-embedded': 'api/src/bin/start-embedded.ts',
    // The api image also runs the one-shot migration (docker-compose.yml's `migrate` service).
    migrate: 'db/src/bin/migrate.ts',
    'parse-worker-boot': PARSE_WORKER,
  },
  worker: {
    'start-worker': 'worker/src/bin/start-worker.ts',
    analyse: 'worker/src/bin/analyse.ts',
    // The operator's CLI for failed deliveries: the worker image has no source and no tsx.
    deliveries: 'worker/src/bin/deliveries.ts',
    'parse-worker-boot': PARSE_WORKER,
  },
};

const EXTERNAL = [
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  'swagger-ui-dist',
  'tree-sitter-wasms',
  // Optional, loaded in a try or only on request: pg's native binding (pg.native), ws's C++
  // helpers, pg's Cloudflare socket (Workers only).
  'pg-native',
  'bufferutil',
  'utf-8-validate',
  'pg-cloudflare',
  'cloudflare:sockets',
];

// CommonJS dependencies inside an ES module still call require() and read __dirname.
const BANNER = [
  "import { createRequire as __tamagittoCreateRequire } from 'node:module';",
  "import { dirname as __tamagittoDirname } from 'node:path';",
  "import { fileURLToPath as __tamagittoFileURLToPath } from 'node:url';",
  'const require = __tamagittoCreateRequire(import.meta.url);',
  'const __filename = __tamagittoFileURLToPath(import.meta.url);',
  'const __dirname = __tamagittoDirname(__filename);',
].join('\n');

/** Written last into dist/: when it was built and from which files (our sources, relative to ROOT). */
const STAMP = '.build.json';

export const distOf = (workspace) => join(ROOT, workspace, 'dist');

function targetsOf(workspace) {
  const entries = TARGETS[workspace];
  if (!entries) throw new Error(`unknown workspace "${workspace}" (one of: ${Object.keys(TARGETS).join(', ')})`);
  return entries;
}

/**
 * Transient files (a build being written, the dist/ it replaces, the lock) live here, outside the
 * workspaces, whose files other tools read (workspaces.test.ts, eslint), and on the same disk as
 * dist/, so the swap is a rename.
 */
const SCRATCH = join(ROOT, 'node_modules', '.cache', 'tamagitto-build');

/** Builds into a fresh folder and swaps it in for dist/, so no process ever loads a half-written dist/. */
async function buildNow(workspace, log) {
  const entries = targetsOf(workspace);
  const dist = distOf(workspace);
  const next = join(SCRATCH, `${workspace}-next-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  const startedAt = Date.now();
  // Imported here: the freshness check every start makes must not pay for loading esbuild.
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(entries).map(([out, entry]) => ({ out, in: entry })),
    // Laid out for dist/ (the maps' relative paths to the sources), written to `next` below.
    outdir: dist,
    write: false,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    // What only one mode needs (the analyse CLI's --range report and the database behind it) is
    // imported dynamically where it is used, and lands in a chunk loaded only then.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    external: EXTERNAL,
    banner: { js: BANNER },
    // Stack traces point at the TypeScript when run with --enable-source-maps; the sources
    // themselves stay out of the maps.
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  mkdirSync(next, { recursive: true });
  for (const out of result.outputFiles) writeFileSync(join(next, relative(dist, out.path)), out.contents);
  const wasm = join(dirname(createRequire(join(ROOT, 'worker', 'package.json')).resolve('web-tree-sitter')), 'tree-sitter.wasm');
  copyFileSync(wasm, join(next, 'tree-sitter.wasm'));
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('<'));
  // An install rewrites node_modules/.package-lock.json: that one file stands for every dependency
  // bundled, so the freshness check stats only our own sources.
  const sources = inputs.filter((p) => !p.split('/').includes('node_modules'));
  const stamp = { builtAt: startedAt, inputs: [...sources, relative(ROOT, fileURLToPath(import.meta.url)), 'package-lock.json', 'node_modules/.package-lock.json'] };
  writeFileSync(join(next, STAMP), `${JSON.stringify(stamp)}\n`);
  const old = join(SCRATCH, `${workspace}-old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });
  const bytes = result.outputFiles.reduce((n, o) => n + (o.path.endsWith('.map') ? 0 : o.contents.byteLength), 0);
  log(`built ${workspace}/dist (${Object.keys(entries).join(', ')}): ${(bytes / 1e6).toFixed(1)} MB of JavaScript from ${inputs.length} files in ${Date.now() - startedAt} ms`);
}

/** Why <workspace>/dist must be rebuilt, or null when it is newer than every file it was built from. */
export function staleReason(workspace) {
  const dist = distOf(workspace);
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(dist, STAMP), 'utf8'));
  } catch {
    return 'not built yet';
  }
  for (const name of Object.keys(targetsOf(workspace))) if (!existsSync(join(dist, `${name}.mjs`))) return `${name}.mjs is missing`;
  for (const input of stamp.inputs) {
    let mtime;
    try {
      mtime = statSync(join(ROOT, input)).mtimeMs;
    } catch {
      return `${input} is gone`;
    }
    if (mtime > stamp.builtAt) return `${input} changed`;
  }
  return null;
}

/**
 * Builds `workspace` (always with `force`, else only when stale), one builder at a time: another
 * process building the same dist/ (two `npm run start:*` at once, tests in parallel) is waited for,
 * and its fresh result is then used as is. Resolves to whether this call built.
 */
export async function ensureBuilt(workspace, { force = false, log = (line) => console.error(line), timeoutMs = 180_000 } = {}) {
  targetsOf(workspace);
  if (!force && staleReason(workspace) === null) return false;
  mkdirSync(SCRATCH, { recursive: true });
  const lock = join(SCRATCH, `${workspace}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A builder that died leaves its lock: a live one touches it every few seconds.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 30_000) unlinkSync(lock);
      } catch {
        // its owner removed it meanwhile
      }
      if (Date.now() > deadline) throw new Error(`${lock} is held: another build did not finish within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const touch = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(lock, now, now);
    } catch {
      // gone: nothing to keep alive
    }
  }, 5_000);
  try {
    const reason = force ? 'requested' : staleReason(workspace);
    if (reason === null) return false;
    if (!force) log(`${workspace}/dist is out of date (${reason}): building it`);
    await buildNow(workspace, log);
    return true;
  } finally {
    clearInterval(touch);
    rmSync(lock, { force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const workspaces = args.filter((a) => !a.startsWith('--'));
  if (workspaces.length === 0 || workspaces.some((w) => !Object.hasOwn(TARGETS, w)) || args.some((a) => a.startsWith('--') && a !== '--if-stale')) {
    console.error(`usage: node scripts/build.mjs <${Object.keys(TARGETS).join('|')}>... [--if-stale]`);
    process.exit(2);
  }
  try {
    for (const w of workspaces) await ensureBuilt(w, { force: !args.includes('--if-stale'), log: (line) => console.log(line) });
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
