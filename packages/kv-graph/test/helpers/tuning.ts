import fc from 'fast-check'
import { LOAD_TUNING } from '../../src/reading/adjacency-load.js'
import { READER_TUNING } from '../../src/reading/adjacency-reader.js'

const DEFAULTS = { ...READER_TUNING }
const LOAD_DEFAULTS = { ...LOAD_TUNING }

/**
 * Reader settings for a run: the defaults (batched seeks on small graphs) or settings that make
 * every frontier a scan candidate, split reads over parallel iterators, give scans up early,
 * squeeze the read-ahead cache and load the whole adjacency after a few seeks (with probes of a
 * few keys, so the load runs in several ranges), so each read path is checked against the oracles.
 */
export interface Tuning {
  reader: typeof READER_TUNING
  load: typeof LOAD_TUNING
  cacheEntries: number | undefined
}

const loadArb: fc.Arbitrary<typeof LOAD_TUNING> = fc.record({
  probeAfterSeeks: fc.integer({ min: 1, max: 4 }),
  probeKeys: fc.integer({ min: 1, max: 4 }),
  keysPerSeek: fc.constantFrom(1, 4, 1000),
  ways: fc.integer({ min: 1, max: 3 }),
  sampleSize: fc.integer({ min: 1, max: 8 }),
})

export const tuningArb: fc.Arbitrary<Tuning> = fc.oneof(
  fc.constant({ reader: DEFAULTS, load: LOAD_DEFAULTS, cacheEntries: undefined }),
  fc.record({
    load: loadArb,
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
  Object.assign(LOAD_TUNING, tuning.load)
}

export function resetTuning(): void {
  Object.assign(READER_TUNING, DEFAULTS)
  Object.assign(LOAD_TUNING, LOAD_DEFAULTS)
}
