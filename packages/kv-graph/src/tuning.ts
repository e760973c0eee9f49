import type { StoreAccess } from './store-access.js'

/** The adjacency reader's cost model (see reading/adjacency-reader.ts). */
export interface ReaderTuning {
  /** Batched reads are split over up to this many iterators running at once. */
  readonly parallelReads: number
  /** ...each with at least this many prefixes. */
  readonly minParallelChunk: number
  /** Frontiers with fewer uncached nodes than this are never scanned. */
  readonly scanMin: number
  /** One seek of a batched read costs about as much as scanning this many keys. */
  readonly seekKeys: number
  /** Keys a scan may waste before the seeks it saves must pay for them (plus half of those). */
  readonly slackKeys: number
  /** A large frontier is scanned as up to this many ranges at once. */
  readonly scanWays: number
}

/** When a graph loads its whole adjacency (see reading/adjacency-load.ts). */
export interface LoadTuning {
  /** Seeks after which the first scan (the probe that sizes the family) runs. */
  readonly probeAfterSeeks: number
  /** Keys the probe reads. */
  readonly probeKeys: number
  /**
   * Keys a load may scan for each seek the graph's readers made. One seek costs about as much
   * as scanning 100-150 keys (on classic-level), so 1,024 favours loading about 8 to 1: the
   * searches of a one-off command never load, and a dozen searches on a fresh Graph buy a
   * load that makes every later one run on held adjacency, as fast as in memory.
   */
  readonly keysPerSeek: number
  /** The rest of the family is scanned as this many ranges at once. */
  readonly ways: number
  /** Node codes sampled to tell where in the family the keys lie. */
  readonly sampleSize: number
}

/** The cost model of one Graph's reads. */
export interface Tuning {
  readonly reader: ReaderTuning
  readonly load: LoadTuning
}

export const DEFAULT_TUNING: Tuning = Object.freeze({
  reader: Object.freeze({
    parallelReads: 4,
    minParallelChunk: 4,
    scanMin: 256,
    seekKeys: 32,
    slackKeys: 4096,
    scanWays: 2,
  }),
  load: Object.freeze({
    probeAfterSeeks: 256,
    probeKeys: 1 << 14,
    keysPerSeek: 1024,
    ways: 2,
    sampleSize: 2048,
  }),
})

/**
 * Internal settings of a Graph, not part of the public API: tests lower the tuning to drive every
 * read path (scans, give-ups, parallel batches, loads) on small graphs, and hand in store access
 * that counts or gates calls.
 */
export interface GraphInternals {
  tuning?: Tuning
  access?: StoreAccess
}
