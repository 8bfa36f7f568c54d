import fs from 'node:fs';

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
const TICK_MS = 10;

/** CPU time used so far, in milliseconds, by the backend and by the database server. */
export interface CpuTime {
  backendMs: number;
  databaseMs: number;
}

/** The CPU a request costs on average, in milliseconds. */
export interface CpuPerRequest {
  backendMs: number;
  databaseMs: number;
}

/**
 * A process's CPU time from its `/proc/<pid>/stat` line: user and system time,
 * and with `children`, that of its children it has reaped (PostgreSQL's
 * parallel workers live only for one query, and are reaped by the postmaster).
 */
export function statCpuTicks(
  stat: string,
  children: boolean,
): { comm: string; ticks: number } {
  // The command name is in parentheses and may itself hold spaces or ')'.
  const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14-17 of proc(5): utime, stime, cutime, cstime; `fields` starts at field 3.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  return {
    comm,
    ticks: utime + stime + (children ? cutime + cstime : 0),
  };
}

function readStat(pid: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone meanwhile, or not Linux
  }
}

/**
 * The CPU time of the backend process and of every PostgreSQL server process
 * (with the workers they reaped), from /proc; undefined where there is no
 * /proc. An SQLite database runs inside the backend and counts there.
 */
export function cpuTime(backendPid: number): CpuTime | undefined {
  const backend = readStat(String(backendPid));
  if (!backend) return undefined;
  let databaseTicks = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = readStat(pid);
    if (!stat) continue;
    const process = statCpuTicks(stat, true);
    if (process.comm === 'postgres') databaseTicks += process.ticks;
  }
  return {
    backendMs: statCpuTicks(backend, false).ticks * TICK_MS,
    databaseMs: databaseTicks * TICK_MS,
  };
}
