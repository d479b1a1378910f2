/**
 * A real git repository in a temp directory, for the tests of the local CLI
 * (`npm run analyse`) and of reading commits from git: `create()` in
 * beforeAll, `remove()` in afterAll. `analyse(...)` runs the real bin as a
 * child process from the repository (INIT_CWD, as `npm run` sets it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workerDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(workerDir, 'src', 'bin', 'analyse.ts');

export function gitRepo(prefix: string) {
  let dir = '';
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=Vet', '-c', 'user.email=vet@example.test', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
  return {
    /** The repository's path (set by create()). */
    get dir(): string {
      return dir;
    },
    create(): void {
      dir = mkdtempSync(join(tmpdir(), prefix));
      git('init', '-q', '-b', 'main');
    },
    remove(): void {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    git,
    write(path: string, text: string | Buffer): void {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    analyse(...args: string[]): { status: number | null; stdout: string; stderr: string } {
      const res = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], { cwd: workerDir, encoding: 'utf8', env: { ...process.env, INIT_CWD: dir } });
      return { status: res.status, stdout: res.stdout, stderr: res.stderr };
    },
  };
}
