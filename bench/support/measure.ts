import { readdirSync, readFileSync } from 'node:fs';

/** utime + stime of one process in ms (Linux /proc; clock ticks are 100 Hz); 0 once it has exited. */
export function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The pids of the processes whose command name (/proc/<pid>/comm) starts with one of `names`, e.g. all of PostgreSQL's backends. */
export function pidsOf(names: readonly string[]): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const comm = readFileSync(`/proc/${d}/comm`, 'utf8').trim();
      if (names.some((n) => comm.startsWith(n))) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Each named process's CPU now: the `before` of cpuSince. */
export function cpuByPid(names: readonly string[]): Map<number, number> {
  return new Map(pidsOf(names).map((pid) => [pid, cpuOf(pid)]));
}

/** CPU ms of the named processes since `before` (cpuByPid), counting ones that started meanwhile (a pool's new backends). */
export function cpuSince(names: readonly string[], before: Map<number, number>): number {
  return pidsOf(names).reduce((sum, pid) => sum + cpuOf(pid) - (before.get(pid) ?? 0), 0);
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
