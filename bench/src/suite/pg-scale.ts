import { commonScale, type ScaleBase, type ScaleName, type ScaleOverrides } from './scale.js'

/**
 * Sizes of one PostgreSQL run. The graph is the LevelDB bench's (100k nodes, 1M edges at full
 * scale); the core counts are smaller than LevelDB's, as every call is a round trip to a server.
 */
export interface PgScale extends ScaleBase {
  core: {
    keys: number
    /** Loaded in calls of this many puts (raw: one multi-row INSERT). */
    loadBatch: number
    gets: number
    puts: number
    prefixScans: number
  }
  graph: {
    nodes: number
    edges: number
    /** Edges per raw multi-row INSERT (two rows each). */
    importBatch: number
    /** Random pairs for shortest path: a `WITH RECURSIVE` search takes 0.1-1 s each. */
    pairs: number
  }
}

/** The shared overrides, plus the per-run counts a smoke test lowers. */
export interface PgScaleOverrides extends ScaleOverrides {
  /** gets, puts and prefix scans per run. */
  calls?: number
  pairs?: number
}

export function pgScaleOf(name: ScaleName, overrides: PgScaleOverrides = {}): PgScale {
  const full = name === 'full'
  const { nodes, edges, ...common } = commonScale(name, overrides, { runs: 3, importRuns: 2 })
  return {
    ...common,
    core: {
      keys: overrides.keys ?? (full ? 100_000 : 10_000),
      loadBatch: 1_000,
      gets: overrides.calls ?? (full ? 3_000 : 1_000),
      puts: overrides.calls ?? (full ? 1_000 : 300),
      prefixScans: overrides.calls ?? (full ? 2_000 : 500),
    },
    graph: {
      nodes,
      edges,
      importBatch: 10_000,
      pairs: overrides.pairs ?? 20,
    },
  }
}
