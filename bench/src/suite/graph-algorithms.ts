import type { Graph } from '@kvgraph/graph'
import type { MultiDirectedGraph } from 'graphology'
import * as dijkstra from 'graphology-shortest-path/dijkstra.js'
import { bidirectional } from 'graphology-shortest-path/unweighted.js'
import { bfsFromNode } from 'graphology-traversal'
import type { Checks } from './check.js'
import { bfsReach, coldAndHeldRows, timeColdAndHeld } from './cold-and-held.js'
import { type BenchGraph, plainId, randomPairs, toGraphology, user } from './graph-data.js'
import { compare, type Measured } from './measure.js'
import { comparedRow, type Row } from './report.js'
import type { RssSampler } from './rss.js'
import type { Scale } from './scale.js'

/** Builds the graph in graphology `runs` times (its load time); returns the last copy. */
async function loadGraphology(
  graph: BenchGraph,
  scale: Scale,
  sampler: RssSampler,
): Promise<{ memory: MultiDirectedGraph; load: Measured }> {
  let memory: MultiDirectedGraph | undefined
  const { graphology: load } = await compare(
    scale.importRuns,
    {
      graphology: {
        ops: graph.edges,
        run: () => {
          memory = toGraphology(graph)
        },
      },
    },
    sampler,
  )
  return { memory: memory!, load }
}

/**
 * bfs and shortest paths: kvgraph on LevelDB against graphology on the same graph in memory.
 * graphology's copy lives only in here, so the measurements after it do not carry its heap.
 */
export async function algorithmRows(
  graph: BenchGraph,
  scale: Scale,
  kv: Graph,
  sampler: RssSampler,
  checks: Checks,
  log: (message: string) => void,
): Promise<{ rows: Row[]; reached: number; load: Measured }> {
  log('graph: building graphology')
  const { memory, load } = await loadGraphology(graph, scale, sampler)
  const rows: Row[] = []
  // A query timed on a new Graph (reads LevelDB), on `kv` and in graphology: two rows.
  const threeWays = timeColdAndHeld(scale.runs, kv, sampler)

  log(`bfs from u${graph.hub}`)
  const reached = { kv: -1, memory: -1 }
  const walk = async (on: Graph) => {
    reached.kv = await bfsReach(on, user(graph.hub), checks, 'kvgraph bfs')
  }
  // `kv` keeps the adjacency its traversals read: one untimed bfs fills it for the held rows.
  await walk(kv)
  const bfs = await threeWays(graph.edges, walk, () => {
    let count = 0
    bfsFromNode(memory, plainId(graph.hub), () => {
      count++
    })
    reached.memory = count
  })
  checks.equal('bfs: nodes reached', reached.kv, reached.memory)
  checks.note(
    `bfs: kvgraph and graphology reach the same ${reached.kv.toLocaleString('en-US')} nodes`,
  )
  const bfsName = `bfs of the whole graph (${reached.kv.toLocaleString('en-US')} nodes reached; edges of the graph / time)`
  rows.push(
    ...coldAndHeldRows(bfs, {
      operation: bfsName,
      unit: 'edges/s',
      baselineName: 'graphology-traversal bfsFromNode',
      target: 0.5,
      engine: 'LevelDB',
    }),
  )

  const pairs = randomPairs(graph, scale.graph.pairs, scale.seed + 2)
  log(`shortest path (hops) x ${pairs.length}`)
  const hops = { kv: [] as number[], memory: [] as number[] }
  const allPaths = async (on: Graph) => {
    hops.kv = []
    for (const [a, b] of pairs) hops.kv.push((await on.shortestPath(user(a), user(b)))?.cost ?? -1)
  }
  await allPaths(kv) // fills the in-edge adjacency the backward side reads
  const unweighted = await threeWays(pairs.length, allPaths, () => {
    hops.memory = pairs.map(
      ([a, b]) => (bidirectional(memory, plainId(a), plainId(b))?.length ?? 0) - 1,
    )
  })
  for (const [i, cost] of hops.kv.entries()) {
    checks.equal(`hops of pair ${pairs[i]}`, cost, hops.memory[i])
  }
  checks.note(`shortest path (hops): the same length as graphology for all ${pairs.length} pairs`)
  const hopsName = `shortest path (hops), ${pairs.length} random pairs`
  rows.push(
    ...coldAndHeldRows(unweighted, {
      operation: hopsName,
      unit: 'paths/s',
      baselineName: 'graphology-shortest-path bidirectional',
      target: 0.3,
      engine: 'LevelDB',
    }),
  )

  const weightedPairs = pairs.slice(0, scale.graph.weightedPairs)
  log(`shortest path (weighted) x ${weightedPairs.length}`)
  const costs = { kv: [] as number[], memory: [] as number[] }
  const weighted = await compare(
    scale.runs,
    {
      kv: {
        ops: weightedPairs.length,
        run: async () => {
          costs.kv = []
          for (const [a, b] of weightedPairs) {
            costs.kv.push((await kv.shortestPath(user(a), user(b), { weight: 'w' }))?.cost ?? -1)
          }
        },
      },
      memory: {
        ops: weightedPairs.length,
        run: () => {
          costs.memory = weightedPairs.map(([a, b]) => {
            const path = dijkstra.bidirectional(memory, plainId(a), plainId(b), 'w')
            return path ? pathCost(memory, path) : -1
          })
        },
      },
    },
    sampler,
  )
  for (const [i, cost] of costs.kv.entries()) {
    checks.equal(`weighted cost of pair ${weightedPairs[i]}`, cost, costs.memory[i])
  }
  checks.note(
    `shortest path (weighted): the same cost as graphology for all ${weightedPairs.length} pairs`,
  )
  rows.push(
    comparedRow(
      `shortest path (weighted by w), ${weightedPairs.length} random pairs`,
      'graphology-shortest-path dijkstra.bidirectional',
      'paths/s',
      { kv: weighted.kv, raw: weighted.memory },
      0.3,
    ),
  )
  return { rows, reached: reached.kv, load }
}

/** graphology's dijkstra returns the nodes of the path; its cost sums the lightest edge of each hop. */
function pathCost(memory: MultiDirectedGraph, path: string[]): number {
  let cost = 0
  for (let i = 0; i + 1 < path.length; i++) {
    let lightest = Number.POSITIVE_INFINITY
    for (const edge of memory.outEdges(path[i]!, path[i + 1]!)) {
      lightest = Math.min(lightest, memory.getEdgeAttribute(edge, 'w') as number)
    }
    cost += lightest
  }
  return cost
}
