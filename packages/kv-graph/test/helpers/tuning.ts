import fc from 'fast-check'
import { DEFAULT_TUNING, type GraphInternals, type Tuning } from '../../src/tuning.js'

/**
 * Read settings for a run: the defaults (batched seeks on small graphs) or settings that make
 * every frontier a scan candidate, split reads over parallel iterators, give scans up early,
 * squeeze the read-ahead cache and load the whole adjacency after a few seeks (with probes of a
 * few keys, so the load runs in several ranges), so each read path is checked against the oracles.
 */
export interface RunTuning {
  tuning: Tuning
  cacheEntries: number | undefined
}

const loadArb: fc.Arbitrary<Tuning['load']> = fc.record({
  probeAfterSeeks: fc.integer({ min: 1, max: 4 }),
  probeKeys: fc.integer({ min: 1, max: 4 }),
  keysPerSeek: fc.constantFrom(1, 4, 1000),
  ways: fc.integer({ min: 1, max: 3 }),
  sampleSize: fc.integer({ min: 1, max: 8 }),
})

export const tuningArb: fc.Arbitrary<RunTuning> = fc.oneof(
  fc.constant({ tuning: DEFAULT_TUNING, cacheEntries: undefined }),
  fc.record({
    tuning: fc.record({
      load: loadArb,
      reader: fc.record({
        parallelReads: fc.integer({ min: 1, max: 3 }),
        minParallelChunk: fc.constant(1),
        scanMin: fc.integer({ min: 1, max: 3 }),
        seekKeys: fc.constantFrom(0, 1, 32),
        slackKeys: fc.constantFrom(0, 1, 3, 4096),
        scanWays: fc.integer({ min: 1, max: 3 }),
      }),
    }),
    cacheEntries: fc.constantFrom(1, 3, 8, undefined),
  }),
)

/** The default tuning with some reader or load settings changed. */
export function tuned(changes: {
  reader?: Partial<Tuning['reader']>
  load?: Partial<Tuning['load']>
}): GraphInternals & { tuning: Tuning } {
  return {
    tuning: {
      reader: { ...DEFAULT_TUNING.reader, ...changes.reader },
      load: { ...DEFAULT_TUNING.load, ...changes.load },
    },
  }
}
