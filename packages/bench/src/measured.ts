import { CpuPerRequest, CpuTime } from './cpuTime';
import { LoadSlice } from './load';
import { Latency, summarise } from './percentiles';

/**
 * One measured request (an endpoint, its floor, the catalog's lookup), its
 * samples gathered over slices of load taken in turn with the others': the
 * machine's speed drifts (other virtual machines on the host), and a ratio of
 * two measurements taken one after the other would carry the drift.
 */
export class Measured {
  private readonly latencies: number[] = [];
  private errors = 0;
  private seconds = 0;
  private requests = 0;
  private readonly cpu: CpuTime = { backendMs: 0, databaseMs: 0 };
  private cpuKnown = true;

  /** Adds a slice, with the CPU time read before and after it where there is one. */
  add(slice: LoadSlice, before?: CpuTime, after?: CpuTime): void {
    this.latencies.push(...slice.latencies);
    this.errors += slice.errors;
    this.seconds += slice.seconds;
    const requests = slice.latencies.length + slice.errors;
    this.requests += requests;
    if (!before || !after) {
      this.cpuKnown = false;
      return;
    }
    this.cpu.backendMs += after.backendMs - before.backendMs;
    this.cpu.databaseMs += after.databaseMs - before.databaseMs;
  }

  latency(): Latency {
    return summarise(this.latencies, this.seconds, this.errors);
  }

  /** The CPU a request cost on average; undefined without /proc or requests. */
  cpuPerRequest(): CpuPerRequest | undefined {
    if (!this.cpuKnown || this.requests === 0) return undefined;
    return {
      backendMs: this.cpu.backendMs / this.requests,
      databaseMs: this.cpu.databaseMs / this.requests,
    };
  }
}

/**
 * Slices of about a second each, as many as fit in `seconds` (one at least):
 * each measurement gets `seconds` of load in all, in turns.
 */
export function slices(seconds: number): { rounds: number; seconds: number } {
  const rounds = Math.max(1, Math.round(seconds));
  return { rounds, seconds: seconds / rounds };
}
