import { collectGarbage } from './rss.js'

/** Throughput of several runs: the median is the figure, min-max shows the spread. */
export interface Stats {
  median: number
  min: number
  max: number
  runs: number
}

export function statsOf(values: number[]): Stats {
  if (values.length === 0) throw new Error('statsOf: no values')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: values.length }
}

/**
 * One side of a comparison: how to run it once (the run index is given) and how many ops a run
 * does. A run that returns a number did that many ops instead (an uneven last slice).
 */
export interface Contender {
  ops: number
  run: (index: number) => Promise<unknown> | unknown
}

export interface Measured {
  stats: Stats
  /** Highest process RSS seen while this side ran, in bytes. */
  peakRss: number
}

/**
 * Runs each contender `runs` times, interleaved and in rotating order, so a load spike on this
 * shared machine hits every side rather than one. Each run starts after a full garbage
 * collection (the bench runs with --expose-gc), so no side pays for collecting what another
 * left: with graphology's graph held, one collection of the heap takes about a second.
 * Returns ops/s per side.
 */
export async function compare<K extends string>(
  runs: number,
  contenders: Record<K, Contender>,
  sampler: { measure: <T>(fn: () => Promise<T>) => Promise<{ result: T; peak: number }> },
): Promise<Record<K, Measured>> {
  const names = Object.keys(contenders) as K[]
  const rates = new Map<K, number[]>(names.map((n) => [n, []]))
  const peaks = new Map<K, number>(names.map((n) => [n, 0]))
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length]!
      const contender = contenders[name]
      collectGarbage()
      const { result, peak } = await sampler.measure(async () => {
        const started = performance.now()
        const done = await contender.run(r)
        return {
          ms: performance.now() - started,
          ops: typeof done === 'number' ? done : contender.ops,
        }
      })
      rates.get(name)!.push(result.ops / (result.ms / 1000))
      peaks.set(name, Math.max(peaks.get(name)!, peak))
    }
  }
  const out = {} as Record<K, Measured>
  for (const name of names)
    out[name] = { stats: statsOf(rates.get(name)!), peakRss: peaks.get(name)! }
  return out
}

/** Runs `op(0..count-1)` with `width` calls in flight. */
export async function inFlight(
  count: number,
  width: number,
  op: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) await op(next++)
    }),
  )
}
