// `npm test`: the type check and the lint run beside vitest, at a lower CPU priority (nice 10),
// instead of before it. Most suites spend much of their time waiting — on child processes,
// Chromium, a stopped Redis, a restarting PostgreSQL — and one after the other the checks were
// the first ~1.5 minutes of every run on a 2-core machine; at nice 10 they take the CPU the
// suites leave idle. Arguments go to vitest (`npm test -- --reporter=…`). The checks' output is
// printed after vitest's; the exit code is 1 if the checks or the suites failed.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => join(ROOT, 'node_modules', pkg, file);

/** Runs `args` with node; `nice` lowers its priority (and its children's). Resolves with the exit code and the output. */
function run(args, { nice = false, capture = false } = {}) {
  return new Promise((resolve) => {
    const command = nice ? 'nice' : process.execPath;
    const argv = nice ? ['-n', '10', process.execPath, ...args] : args;
    let out = '';
    const child = spawn(command, argv, { cwd: ROOT, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    if (capture) {
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
    }
    child.on('error', (err) => {
      // No `nice` program: the same at normal priority.
      if (nice && err.code === 'ENOENT') resolve(run(args, { capture }));
      else resolve({ code: 1, out: `${out}${err.message}\n` });
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const started = Date.now();
const checks = (async () => {
  const typecheck = await run([join(ROOT, 'scripts', 'typecheck.mjs')], { nice: true, capture: true });
  const lint = await run([bin('eslint', join('bin', 'eslint.js')), '--max-warnings=0', '.'], { nice: true, capture: true });
  return { typecheck, lint, s: (Date.now() - started) / 1000 };
})();
const suites = await run([bin('vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)]);
const { typecheck, lint, s } = await checks;

console.log(`\n==> typecheck (beside the suites, done after ${s.toFixed(0)} s): ${typecheck.code === 0 ? 'ok' : 'FAILED'}`);
process.stdout.write(typecheck.out);
console.log(`==> lint: ${lint.code === 0 ? 'ok' : 'FAILED'}`);
process.stdout.write(lint.out);
const failed = [typecheck.code && 'typecheck', lint.code && 'lint', suites.code && 'vitest'].filter(Boolean);
console.log(failed.length ? `\nnpm test FAILED: ${failed.join(', ')}` : '\nnpm test: typecheck, lint and every suite passed');
process.exit(failed.length ? 1 : 0);
