import { Measured, slices } from './measured';

describe('Measured', () => {
  it('summarises the latencies of all its slices together', () => {
    const measured = new Measured();
    measured.add({ latencies: [5, 1, 3], errors: 0, seconds: 1 });
    measured.add({ latencies: [2, 100, 4], errors: 1, seconds: 1 });
    expect(measured.latency()).toEqual({
      p50: 3,
      p95: 100,
      p99: 100,
      requestsPerSecond: 3,
      samples: 6,
      errors: 1,
    });
  });

  it('shares the CPU used in its slices out over their requests', () => {
    const measured = new Measured();
    measured.add(
      { latencies: Array(60).fill(1), errors: 0, seconds: 1 },
      { backendMs: 1000, databaseMs: 500 },
      { backendMs: 2000, databaseMs: 3500 },
    );
    // The other measurements' CPU between the slices is not this one's.
    measured.add(
      { latencies: Array(39).fill(1), errors: 1, seconds: 1 },
      { backendMs: 9000, databaseMs: 9000 },
      { backendMs: 10000, databaseMs: 10000 },
    );
    expect(measured.cpuPerRequest()).toEqual({
      backendMs: 20,
      databaseMs: 40,
    });
  });

  it('has no CPU per request without readings or requests', () => {
    const reading = { backendMs: 1, databaseMs: 1 };
    const unread = new Measured();
    unread.add({ latencies: [1], errors: 0, seconds: 1 }, undefined, reading);
    expect(unread.cpuPerRequest()).toBeUndefined();
    const idle = new Measured();
    idle.add({ latencies: [], errors: 0, seconds: 1 }, reading, reading);
    expect(idle.cpuPerRequest()).toBeUndefined();
  });
});

describe('slices', () => {
  it('cuts a measurement into turns of about a second', () => {
    expect(slices(5)).toEqual({ rounds: 5, seconds: 1 });
    expect(slices(7.5)).toEqual({ rounds: 8, seconds: 0.9375 });
    expect(slices(0.5)).toEqual({ rounds: 1, seconds: 0.5 });
  });
});
