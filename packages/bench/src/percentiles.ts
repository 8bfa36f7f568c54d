/** Latency figures of one measured request, in milliseconds. */
export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  samples: number;
  errors: number;
}

/** Nearest-rank percentiles of the samples. */
export function summarise(
  samples: number[],
  seconds: number,
  errors: number,
): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length
      ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
      : NaN;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    requestsPerSecond: samples.length / seconds,
    samples: samples.length,
    errors,
  };
}
