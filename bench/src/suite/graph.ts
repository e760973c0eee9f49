import { join } from 'node:path'
import { openStore } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { ClassicLevel } from 'classic-level'
import type { Checks } from './check.js'
import { algorithmRows } from './graph-algorithms.js'
import { benchGraph } from './graph-data.js'
import { importSection } from './graph-import.js'
import { outgoingRows } from './graph-reads.js'
import { addEdgeRows } from './graph-writes.js'
import { LevelgraphDb } from './levelgraph.js'
import { memorySection } from './memory.js'
import type { Row, Section } from './report.js'
import type { RssSampler } from './rss.js'
import type { Scale } from './scale.js'

const METHOD =
  "Each figure is the median of the runs (min-max), the systems' runs interleaved in rotating order. Ratio = kvgraph / baseline. Peak RSS is the whole bench process while that side ran (the Memory section has isolated figures). kvgraph imports with the store in bulk-load mode (`stream: false`); every other kvgraph figure uses the default store (change stream on), reopened on the last import run's database. All reads run on the last run's databases after a full compaction. Raw classic-level writes and reads exactly kvgraph's edge keys, with the props as JSON."

/**
 * The synthetic social graph in kvgraph, raw classic-level, levelgraph and graphology: writes,
 * reads, memory and size on disk.
 */
export async function graphSections(
  scale: Scale,
  root: string,
  sampler: RssSampler,
  checks: Checks,
  log: (message: string) => void,
): Promise<Section[]> {
  const { nodes, edges } = scale.graph
  log(`graph: generating ${nodes} nodes, ${edges} edges (seed ${scale.seed})`)
  const graph = benchGraph(scale)
  const imported = await importSection(graph, scale, join(root, 'import'), sampler, checks, log)

  let store = await openStore(imported.dirs.kv)
  let kv = new Graph(store)
  const raw = new ClassicLevel<string, string>(imported.dirs.raw)
  await raw.open()
  const levelgraph = new LevelgraphDb(imported.dirs.levelgraph)
  await levelgraph.open()
  log(`graph: outgoing() x ${scale.graph.outgoingCalls}`)
  const reads: Row[] = await outgoingRows(graph, scale, { kv, raw, levelgraph }, sampler, checks)
  await levelgraph.close()

  const algorithms = await algorithmRows(graph, scale, kv, sampler, checks, log)
  reads.push(...algorithms.rows)

  // The memory children open the imported database themselves: LevelDB allows one process.
  await store.close()
  const memoryFigures = await memorySection(
    graph,
    scale,
    { importInto: join(root, 'memory-import'), imported: imported.dirs.kv },
    algorithms.reached,
    checks,
    log,
  )

  store = await openStore(imported.dirs.kv)
  kv = new Graph(store)
  const writes: Row[] = [...imported.rows]
  writes.push({
    operation: 'load the whole graph (kvgraph: import, as above)',
    ours: { stats: imported.kvImport.stats, unit: 'edges/s', peakRss: imported.kvImport.peakRss },
    baselineName: 'graphology: addNode + addEdge in memory',
    baseline: { stats: algorithms.load.stats, unit: 'edges/s', peakRss: algorithms.load.peakRss },
  })
  writes.push(...(await addEdgeRows(graph, scale, { kv, store, raw }, sampler, checks, log)))
  await store.close()
  await raw.close()

  const size = `${nodes.toLocaleString('en-US')} nodes, ${edges.toLocaleString('en-US')} edges`
  return [
    { title: `Graph writes (${size})`, method: METHOD, rows: writes },
    { title: `Graph reads (${size})`, method: METHOD, rows: reads },
    memoryFigures,
    {
      title: 'Size on disk (MB; lower is better)',
      method:
        'Sum of the file sizes in each database directory: after an import run closed it (tables, log, manifest; median of the runs, which varies with how far LevelDB had compacted), and after a full `compactRange` of the databases of the last run (the steady state). kvgraph: out and in key per edge (bulk-load mode, no change stream); levelgraph: six index keys per triple, each with the triple as JSON; raw: the same two keys per edge as kvgraph, with the props as JSON.',
      rows: imported.diskRows,
    },
  ]
}
