import { Graph, type NodeRef } from '@kvgraph/graph'
import type { Checks } from './check.js'
import { compare, type Measured } from './measure.js'
import { comparedRow, type Row } from './report.js'
import type { RssSampler } from './rss.js'

/** One query timed three ways, interleaved: see `timeColdAndHeld`. */
export type ColdHeldBaseline = Record<'cold' | 'held' | 'baseline', Measured>

/**
 * Times a graph query on a new Graph each run (reads the engine), on `kv` (which keeps the
 * adjacency its traversals read; warm it first) and on a baseline system.
 */
export function timeColdAndHeld(runs: number, kv: Graph, sampler: RssSampler) {
  return (
    ops: number,
    run: (on: Graph) => Promise<void>,
    baseline: () => unknown,
  ): Promise<ColdHeldBaseline> =>
    compare(
      runs,
      {
        cold: { ops, run: () => run(new Graph(kv.store)) },
        held: { ops, run: () => run(kv) },
        baseline: { ops, run: async () => void (await baseline()) },
      },
      sampler,
    )
}

/** The two report rows of such a query: the new Graph's and the held adjacency's figure. */
export function coldAndHeldRows(
  m: ColdHeldBaseline,
  row: { operation: string; unit: string; baselineName: string; target: number; engine: string },
): Row[] {
  const labels = { cold: `new Graph: reads ${row.engine}`, held: 'adjacency held by the Graph' }
  return (['cold', 'held'] as const).map((side) =>
    comparedRow(
      `${row.operation}, ${labels[side]}`,
      row.baselineName,
      row.unit,
      { kv: m[side], raw: m.baseline },
      row.target,
    ),
  )
}

/** How many nodes a bfs from `from` reaches; checks that no bound stopped it early. */
export async function bfsReach(on: Graph, from: NodeRef, checks: Checks, label: string) {
  const steps = on.bfs(from)
  let count = 0
  for await (const _ of steps) count++
  checks.equal(`${label}: stopped`, steps.stopped, undefined)
  return count
}
