/**
 * A migrated PGlite data directory, made once and kept under node_modules/.cache:
 * each throwaway `memory://` database of the tests starts from it instead of
 * running initdb and every migration. A fresh PGlite spends ~3–4 s in initdb on
 * a busy 2-core machine and the suite makes one per stack and per db target;
 * loading the tarball takes under a second. The cache key is the migrations'
 * source and PGlite's version, so a new migration or a PGlite upgrade makes a
 * new template; callers still run migrateToLatest on the copy (a no-op that
 * would catch a stale template).
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely } from 'kysely';
import { migrateToLatest } from '../migrate.ts';
import { PGliteDialect } from '../pglite-dialect.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const CACHE_DIR = fileURLToPath(new URL('../../../node_modules/.cache/tamagitto/', import.meta.url));

let template: Promise<Blob> | undefined;

/** The template's bytes (one read per test process). */
export function pgliteTemplate(): Promise<Blob> {
  template ??= loadOrMake().catch((err: unknown) => {
    template = undefined;
    throw err;
  });
  return template;
}

/** The migrations' source and PGlite's version, hashed: what a template depends on. */
export async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@electric-sql/pglite'));
  while (!(await readFile(join(dir, 'package.json'), 'utf8').then((t) => (JSON.parse(t) as { name?: string }).name === '@electric-sql/pglite', () => false))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find @electric-sql/pglite/package.json');
    dir = up;
  }
  hash.update(`pglite ${(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  for (const f of (await readdir(MIGRATIONS_DIR)).sort()) hash.update(`${f}\n`).update(await readFile(join(MIGRATIONS_DIR, f)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Seeds `dataDir` (a process's DATA_DIR, still empty) with the migrated template, so a child process
 * started on it (`npm start`'s entry in the tests) opens a database instead of running initdb.
 * Needs the `tar` program; without it nothing is seeded and the process makes its own.
 */
export async function seedPgliteDataDir(dataDir: string): Promise<void> {
  const file = await templateFile();
  // Only the file is needed here: the 42 MB are read into memory only when no test made them yet.
  if (!existsSync(file)) await pgliteTemplate();
  const target = join(dataDir, 'pglite');
  await mkdir(target, { recursive: true });
  const r = spawnSync('tar', ['-xf', file, '-C', target], { stdio: 'ignore' });
  if (r.status !== 0) await rm(target, { recursive: true, force: true });
}

async function templateFile(): Promise<string> {
  return join(CACHE_DIR, `pglite-${await templateKey()}.tar`);
}

async function loadOrMake(): Promise<Blob> {
  const file = await templateFile();
  const cached = await readFile(file).catch(() => null);
  if (cached) return new Blob([cached]);
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create('memory://');
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
  let blob: Blob;
  try {
    await migrateToLatest(db);
    await pglite.exec('CHECKPOINT');
    blob = await pglite.dumpDataDir('none');
  } finally {
    await db.destroy();
  }
  // Written aside and renamed: two test processes making it at once each leave a whole file.
  await mkdir(CACHE_DIR, { recursive: true });
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, Buffer.from(await blob.arrayBuffer()));
    await rename(tmp, file);
  } catch {
    await rm(tmp, { force: true });
  }
  return blob;
}
