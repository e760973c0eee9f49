export type ScaleName = 'small' | 'full'

/** What every bench's sizes hold, whatever the engine. */
export interface ScaleBase {
  name: ScaleName
  seed: number
  /** Runs per figure (median and min-max). */
  runs: number
  /** Runs of the imports, the slowest figures (each run writes a fresh database). */
  importRuns: number
}

/** Sizes of one run. `full` is the issue's; `small` is the CI smoke run (seconds). */
export interface Scale extends ScaleBase {
  core: {
    keys: number
    /** Awaited puts per run (each run writes fresh keys). */
    puts: number
    gets: number
    getManyCalls: number
    getManySize: number
    prefixScans: number
    mutateSize: number
  }
  graph: {
    nodes: number
    edges: number
    /**
     * Edges per raw classic-level batch (graph.import uses its own default, and this size in a
     * row of its own).
     */
    importBatch: number
    /** Triples per levelgraph put: its fastest (see levelgraph.ts). */
    levelgraphBatch: number
    addEdges: number
    addEdgesInFlight: number
    outgoingCalls: number
    pairs: number
    weightedPairs: number
  }
}

/** Command-line overrides of a preset (the old core-speed / graph-speed flags). */
export interface ScaleOverrides {
  seed?: number
  runs?: number
  keys?: number
  nodes?: number
  edges?: number
}

/**
 * What every preset shares: its name and seed, its runs (an override sets both counts) and the
 * synthetic graph's size (the same graph on every engine).
 */
export function commonScale(
  name: ScaleName,
  overrides: ScaleOverrides,
  runs: { runs: number; importRuns: number },
) {
  const full = name === 'full'
  return {
    name,
    seed: overrides.seed ?? 42,
    runs: overrides.runs ?? runs.runs,
    importRuns: overrides.runs ?? runs.importRuns,
    nodes: overrides.nodes ?? (full ? 100_000 : 5_000),
    edges: overrides.edges ?? (full ? 1_000_000 : 50_000),
  }
}

export function scaleOf(name: ScaleName, overrides: ScaleOverrides = {}): Scale {
  const full = name === 'full'
  const { nodes, edges, ...common } = commonScale(name, overrides, {
    runs: full ? 5 : 3,
    importRuns: 3,
  })
  return {
    ...common,
    core: {
      keys: overrides.keys ?? (full ? 1_000_000 : 20_000),
      puts: full ? 30_000 : 2_000,
      gets: full ? 50_000 : 4_000,
      getManyCalls: full ? 2_000 : 200,
      getManySize: 100,
      prefixScans: full ? 20_000 : 2_000,
      mutateSize: 1_000,
    },
    graph: {
      nodes,
      edges,
      importBatch: 10_000,
      levelgraphBatch: 100,
      addEdges: full ? 10_000 : 1_000,
      addEdgesInFlight: full ? 20_000 : 2_000,
      outgoingCalls: full ? 20_000 : 2_000,
      pairs: full ? 1_000 : 100,
      weightedPairs: full ? 100 : 20,
    },
  }
}
