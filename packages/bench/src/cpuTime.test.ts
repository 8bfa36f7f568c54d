import { cpuTime, statCpuTicks } from './cpuTime';

describe('statCpuTicks', () => {
  // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt
  // cminflt majflt cmajflt utime stime cutime cstime ...
  const stat = (comm: string) =>
    `4242 (${comm}) S 1 4242 4242 0 -1 4194560 900 0 0 0 120 30 7 3 20 0 1 0`;

  it('reads user and system time, and those of reaped children when asked', () => {
    expect(statCpuTicks(stat('postgres'), false)).toEqual({
      comm: 'postgres',
      ticks: 150,
    });
    expect(statCpuTicks(stat('postgres'), true).ticks).toBe(160);
  });

  it('finds the fields after a command name holding spaces and parentheses', () => {
    expect(statCpuTicks(stat('node (bench) x'), false)).toEqual({
      comm: 'node (bench) x',
      ticks: 150,
    });
  });
});

describe('cpuTime', () => {
  it('counts the CPU this process spends, as Node counts it', () => {
    if (process.platform !== 'linux') return;
    const before = cpuTime(process.pid)!;
    const start = process.cpuUsage();
    let used = 0;
    while (used < 200_000) used = process.cpuUsage(start).user;
    const after = cpuTime(process.pid)!;
    // /proc counts whole ticks of 10 ms.
    expect(after.backendMs - before.backendMs).toBeGreaterThanOrEqual(180);
  });

  it('has no reading for a process that does not exist', () => {
    expect(cpuTime(2 ** 30)).toBeUndefined();
  });
});
