/** The p-th percentile (0-100) of samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(sorted.length, rank) - 1] ?? Number.NaN
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50)
}

/** What each queue reports: no-op throughput and enqueue-to-start latency. */
export interface QueueFigures {
  /** Tasks per second, enqueue of the batch to the last completion, one figure per run. */
  throughput: number[]
  /** Enqueue-to-start latency of single tasks on an idle runner, ms. */
  latencyMs: number[]
}

export interface QueueBenchOptions {
  /** Tasks per throughput run. */
  tasks: number
  runs: number
  concurrency: number
  /** Latency samples, each a task enqueued alone on an idle runner. */
  samples: number
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
