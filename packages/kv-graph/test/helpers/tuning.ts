import fc from 'fast-check'
import { READER_TUNING } from '../../src/reading/adjacency-reader.js'

const DEFAULTS = { ...READER_TUNING }

/**
 * Reader settings for a run: the defaults (batched seeks on small graphs) or settings that make
 * every frontier a scan candidate, split reads over parallel iterators, give scans up early and
 * squeeze the read-ahead cache, so each read path is checked against the oracles.
 */
export interface Tuning {
  reader: typeof READER_TUNING
  cacheEntries: number | undefined
}

export const tuningArb: fc.Arbitrary<Tuning> = fc.oneof(
  fc.constant({ reader: DEFAULTS, cacheEntries: undefined }),
  fc.record({
    reader: fc.record({
      parallelReads: fc.integer({ min: 1, max: 3 }),
      minParallelChunk: fc.constant(1),
      scanMin: fc.integer({ min: 1, max: 3 }),
      seekKeys: fc.constantFrom(0, 1, 32),
      slackKeys: fc.constantFrom(0, 1, 3, 4096),
      scanWays: fc.integer({ min: 1, max: 3 }),
    }),
    cacheEntries: fc.constantFrom(1, 3, 8, undefined),
  }),
)

export function applyTuning(tuning: Tuning): void {
  Object.assign(READER_TUNING, tuning.reader)
}

export function resetTuning(): void {
  Object.assign(READER_TUNING, DEFAULTS)
}
