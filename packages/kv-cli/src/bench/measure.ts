import type { Progress } from '../io/progress.js'

export interface Measurement {
  /** Milliseconds per operation, in the order they were started. */
  latencies: Float64Array
  seconds: number
}

/**
 * Runs `op(0..n-1)` with `concurrency` operations in flight, timing each with performance.now().
 * Every operation counts: the total time covers all of them, and a failing one aborts the run.
 */
export async function measure(
  n: number,
  concurrency: number,
  op: (i: number) => Promise<void>,
  progress?: Progress,
): Promise<Measurement> {
  const latencies = new Float64Array(n)
  let next = 0
  const worker = async () => {
    while (next < n) {
      const i = next++
      const start = performance.now()
      await op(i)
      latencies[i] = performance.now() - start
      progress?.tick()
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker))
  const seconds = (performance.now() - start) / 1000
  progress?.finish()
  return { latencies, seconds }
}

export interface LatencySummary {
  p50Ms: number
  p99Ms: number
  meanMs: number
  maxMs: number
}

/** Nearest-rank percentiles of the latencies. */
export function summarize(latencies: Float64Array): LatencySummary {
  const sorted = Float64Array.from(latencies).sort()
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0
  let sum = 0
  for (const value of sorted) sum += value
  return {
    p50Ms: round(rank(0.5)),
    p99Ms: round(rank(0.99)),
    meanMs: round(sorted.length === 0 ? 0 : sum / sorted.length),
    maxMs: round(sorted.at(-1) ?? 0),
  }
}

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
