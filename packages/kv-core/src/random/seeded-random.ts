/**
 * mulberry32: a small, fast, seeded PRNG. The same seed gives the same sequence on every run and
 * machine, so generated data sets and benchmark workloads are reproducible. Values are in [0, 1).
 * Not for anything that must be unpredictable.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
