import type { Graph } from '@kvgraph/graph'
import type { ClassicLevel } from 'classic-level'
import type { Checks } from './check.js'
import { prefixEnd } from './core-data.js'
import { type BenchGraph, outPrefix, plainId, typicalNodes, user } from './graph-data.js'
import type { LevelgraphDb } from './levelgraph.js'
import { compare, type Measured } from './measure.js'
import { atLeast, type Figure, type Row } from './report.js'
import type { RssSampler } from './rss.js'
import type { Scale } from './scale.js'

/**
 * outgoing() of typical nodes, one call at a time, against the raw prefix scan of the same out
 * keys (values parsed, as outgoing() decodes props) and levelgraph's get({ subject }).
 */
export async function outgoingRows(
  graph: BenchGraph,
  scale: Scale,
  systems: { kv: Graph; raw: ClassicLevel<string, string>; levelgraph: LevelgraphDb },
  sampler: RssSampler,
  checks: Checks,
): Promise<Row[]> {
  const picks = typicalNodes(graph, scale.graph.outgoingCalls, scale.seed + 1)
  const seen = { kv: 0, raw: 0, levelgraph: 0 }
  const calls = picks.length
  const measured = await compare(
    scale.runs,
    {
      kv: {
        ops: calls,
        run: async () => {
          for (const i of picks) seen.kv += (await systems.kv.outgoing(user(i))).edges.length
        },
      },
      raw: {
        ops: calls,
        run: async () => {
          for (const i of picks) {
            const prefix = outPrefix(i)
            const entries = await systems.raw.iterator({ gte: prefix, lt: prefixEnd(prefix) }).all()
            for (const [, value] of entries) seen.raw += JSON.parse(value) === null ? 0 : 1
          }
        },
      },
      levelgraph: {
        ops: calls,
        run: async () => {
          for (const i of picks)
            seen.levelgraph += (await systems.levelgraph.get({ subject: plainId(i) })).length
        },
      },
    },
    sampler,
  )
  let expected = 0
  for (const i of picks) expected += graph.data.outDegree[i]!
  expected *= scale.runs
  checks.equal('outgoing(): edges seen by kvgraph', seen.kv, expected)
  checks.equal('outgoing(): edges seen by the raw scan', seen.raw, expected)
  checks.equal('outgoing(): triples seen by levelgraph', seen.levelgraph, expected)
  checks.note(
    `outgoing(): kvgraph, raw scans and levelgraph all return each node's out-degree (${calls.toLocaleString('en-US')} nodes)`,
  )

  const fig = (m: Measured): Figure => ({ stats: m.stats, unit: 'calls/s', peakRss: m.peakRss })
  const ours = fig(measured.kv)
  const raw = fig(measured.raw)
  const levelgraph = fig(measured.levelgraph)
  const operation = `outgoing() of a node with 8-12 edges, 1 at a time`
  return [
    {
      operation,
      ours,
      baselineName: 'raw classic-level prefix scan',
      baseline: raw,
      target: atLeast(0.8, ours, raw),
    },
    {
      operation,
      ours,
      baselineName: 'levelgraph get({ subject })',
      baseline: levelgraph,
      target: atLeast(2, ours, levelgraph),
    },
  ]
}
