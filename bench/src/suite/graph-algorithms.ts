import { Graph } from '@kvgraph/graph'
import type { MultiDirectedGraph } from 'graphology'
import * as dijkstra from 'graphology-shortest-path/dijkstra.js'
import { bidirectional } from 'graphology-shortest-path/unweighted.js'
import { bfsFromNode } from 'graphology-traversal'
import type { Checks } from './check.js'
import { type BenchGraph, plainId, randomPairs, toGraphology, user } from './graph-data.js'
import { compare, type Measured } from './measure.js'
import { atLeast, type Figure, type Row } from './report.js'
import type { RssSampler } from './rss.js'
import type { Scale } from './scale.js'

const fig = (m: Measured, unit: string): Figure => ({ stats: m.stats, unit, peakRss: m.peakRss })

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
  const pick = (m: Record<'cold' | 'held' | 'memory', Measured>, side: 'cold' | 'held') => ({
    kv: m[side],
    memory: m.memory,
  })
  const versus = (
    operation: string,
    unit: string,
    m: Record<'kv' | 'memory', Measured>,
    name: string,
    target: number,
  ) => {
    const ours = fig(m.kv, unit)
    const baseline = fig(m.memory, unit)
    rows.push({
      operation,
      ours,
      baselineName: name,
      baseline,
      target: atLeast(target, ours, baseline),
    })
  }
  // A query timed three ways: on a new Graph (reads LevelDB), on `kv` (which keeps the adjacency
  // its traversals read) and in graphology; reported as two rows against graphology.
  const threeWays = (ops: number, run: (on: Graph) => Promise<void>, inMemory: () => void) =>
    compare(
      scale.runs,
      {
        cold: { ops, run: () => run(new Graph(kv.store)) },
        held: { ops, run: () => run(kv) },
        memory: { ops, run: inMemory },
      },
      sampler,
    )
  const coldAndHeld = (
    operation: string,
    unit: string,
    m: Record<'cold' | 'held' | 'memory', Measured>,
    name: string,
    target: number,
  ) => {
    versus(`${operation}, new Graph: reads LevelDB`, unit, pick(m, 'cold'), name, target)
    versus(`${operation}, adjacency held by the Graph`, unit, pick(m, 'held'), name, target)
  }

  log(`bfs from u${graph.hub}`)
  const reached = { kv: -1, memory: -1 }
  const walk = async (on: Graph) => {
    const steps = on.bfs(user(graph.hub))
    let count = 0
    for await (const _ of steps) count++
    checks.equal('kvgraph bfs: stopped', steps.stopped, undefined)
    reached.kv = count
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
  coldAndHeld(bfsName, 'edges/s', bfs, 'graphology-traversal bfsFromNode', 0.5)

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
  coldAndHeld(hopsName, 'paths/s', unweighted, 'graphology-shortest-path bidirectional', 0.3)

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
  versus(
    `shortest path (weighted by w), ${weightedPairs.length} random pairs`,
    'paths/s',
    weighted,
    'graphology-shortest-path dijkstra.bidirectional',
    0.3,
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
