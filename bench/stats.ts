/** Small numeric helpers for the benchmark report. */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarise(latenciesMs: number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted[sorted.length - 1] ?? NaN) };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Runs `body` repeatedly for about `ms` milliseconds; returns operations per second. */
export function opsPerSecond(body: () => void, ms = 2000): number {
  for (let i = 0; i < 200; i++) body(); // warm-up: JIT and caches
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 50; i++) body();
    count += 50;
    now = process.hrtime.bigint();
  }
  return count / (Number(now - start) / 1e9);
}

export async function opsPerSecondAsync(body: () => Promise<unknown>, ms = 2000): Promise<number> {
  for (let i = 0; i < 50; i++) await body();
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await body();
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

/** CPU milliseconds per exchange summed over every process measured. */
export function totalCpuMs(perProcess: Partial<Record<string, number>>): number {
  return round(Object.values(perProcess).reduce((a: number, b) => a + (b ?? 0), 0), 2);
}
