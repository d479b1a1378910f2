/**
 * The analyse CLI's configuration, read once (process.env is read in one place
 * per process, as worker/src/env.ts is for the worker). The CLI is its own
 * process, not the worker: it needs no database or secrets, so it does not
 * load worker/src/env.ts (whose @tamagitto/db import alone costs ~0.4 s of
 * start-up).
 */
export interface AnalyseCliEnv {
  /**
   * Where the user typed the command, against which their relative paths resolve:
   * `npm run analyse` from the root runs the bin in worker/ (npm -w changes
   * directory) and sets INIT_CWD to where npm was started.
   */
  USER_CWD: string;
}

export function readAnalyseCliEnv(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): Readonly<AnalyseCliEnv> {
  return Object.freeze({ USER_CWD: env.INIT_CWD || cwd });
}
