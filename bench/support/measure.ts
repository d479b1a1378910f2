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

/**
 * utime + stime in ms of every process whose command name (/proc/<pid>/comm) is `comm`, summed,
 * e.g. all of PostgreSQL's backends; processes that exited since an earlier call drop out of the sum.
 */
export function cpuOfCommand(comm: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) total += cpuOf(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
