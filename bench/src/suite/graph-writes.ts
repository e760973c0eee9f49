import type { Store } from '@kvgraph/core'
import type { Graph } from '@kvgraph/graph'
import type { ClassicLevel } from 'classic-level'
import type { Checks } from './check.js'
import { type BenchGraph, inKey, outKey, randomPairs, user } from './graph-data.js'
import { compare, inFlight, type Measured } from './measure.js'
import { atLeast, type Figure, type Row } from './report.js'
import type { RssSampler } from './rss.js'
import type { Scale } from './scale.js'

const RAW_NAME = 'raw classic-level batch of 2 keys, 1 at a time'

/**
 * Single addEdge calls (a new 'likes' edge between random nodes, into the imported graph, with
 * the default store: change stream on) against raw classic-level writing the same two keys in
 * one batch. Every run writes edges no earlier run wrote.
 */
export async function addEdgeRows(
  graph: BenchGraph,
  scale: Scale,
  systems: { kv: Graph; store: Store; raw: ClassicLevel<string, string> },
  sampler: RssSampler,
  checks: Checks,
  log: (message: string) => void,
): Promise<Row[]> {
  const { runs } = scale
  const { addEdges: single, addEdgesInFlight: many } = scale.graph
  const pairs = (count: number, seed: number) => randomPairs(graph, runs * count, seed)
  const work = {
    kv1: pairs(single, scale.seed + 3),
    raw1: pairs(single, scale.seed + 4),
    kv100: pairs(many, scale.seed + 5),
    raw100: pairs(many, scale.seed + 6),
  }
  type Add = (pair: [number, number]) => Promise<unknown>
  const kvAdd: Add = ([a, b]: [number, number]) =>
    systems.kv.addEdge(user(a), 'likes', user(b), { w: 1 })
  const rawAdd: Add = ([a, b]: [number, number]) => {
    const value = JSON.stringify({ w: 1 })
    return systems.raw.batch([
      { type: 'put', key: outKey(a, 'likes', b), value },
      { type: 'put', key: inKey(a, 'likes', b), value },
    ])
  }
  const oneAtATime = (list: Array<[number, number]>, count: number, add: Add) => ({
    ops: count,
    run: async (r: number) => {
      for (let j = r * count; j < (r + 1) * count; j++) await add(list[j]!)
    },
  })
  const hundred = (list: Array<[number, number]>, count: number, add: Add) => ({
    ops: count,
    run: (r: number) => inFlight(count, 100, (j) => add(list[r * count + j]!)),
  })
  log(`addEdge: ${single} 1 at a time, ${many} with 100 in flight, per run`)
  const m = await compare(
    runs,
    {
      kv1: oneAtATime(work.kv1, single, kvAdd),
      raw1: oneAtATime(work.raw1, single, rawAdd),
      kv100: hundred(work.kv100, many, kvAdd),
      raw100: hundred(work.raw100, many, rawAdd),
    },
    sampler,
  )

  const distinct = (...lists: Array<Array<[number, number]>>) =>
    new Set(lists.flatMap((list) => list.map(([a, b]) => `${a},${b}`))).size
  const kvEdges = graph.edges + distinct(work.kv1, work.kv100)
  checks.equal('kvgraph out keys after addEdge', await systems.store.countPrefix('g/o/'), kvEdges)
  checks.equal('kvgraph in keys after addEdge', await systems.store.countPrefix('g/i/'), kvEdges)
  let rawKeys = 0
  for await (const _ of systems.raw.keys()) rawKeys++
  checks.equal(
    'raw keys after addEdge',
    rawKeys,
    2 * (graph.edges + distinct(work.raw1, work.raw100)),
  )
  checks.note('addEdge: every acknowledged edge is stored with both keys, in kvgraph and raw')

  const fig = (x: Measured): Figure => ({ stats: x.stats, unit: 'edges/s', peakRss: x.peakRss })
  const raw1 = fig(m.raw1)
  const kv1 = fig(m.kv1)
  const kv100 = fig(m.kv100)
  return [
    {
      operation: 'addEdge, awaited 1 at a time',
      ours: kv1,
      baselineName: RAW_NAME,
      baseline: raw1,
      target: atLeast(0.7, kv1, raw1),
    },
    {
      operation: 'addEdge, 100 in flight',
      ours: kv100,
      baselineName: RAW_NAME,
      baseline: raw1,
      target: atLeast(4, kv100, raw1),
    },
    {
      operation: 'addEdge, 100 in flight',
      ours: kv100,
      baselineName: 'raw classic-level batch of 2 keys, 100 in flight',
      baseline: fig(m.raw100),
    },
  ]
}
