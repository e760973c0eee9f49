import { seededRandom } from '@kvgraph/core/random'

/** Edges as parallel arrays of node indexes and weights (1..10). */
export interface SyntheticGraph {
  nodes: number
  from: Int32Array
  to: Int32Array
  weight: Uint8Array
  outDegree: Int32Array
}

/**
 * `nodes` nodes and `edges` distinct directed edges. Out-degrees follow a power law (Pareto
 * with exponent 1.2, capped at 5% of the nodes, scaled to the edge count): most nodes have a
 * few edges and a few hubs have thousands. Targets are uniform, so in-degrees are even.
 */
export function syntheticGraph(nodes: number, edges: number, seed: number): SyntheticGraph {
  const random = seededRandom(seed)
  const cap = Math.max(1, Math.floor(nodes * 0.05))
  const raw = new Float64Array(nodes)
  let sum = 0
  for (let i = 0; i < nodes; i++) {
    raw[i] = Math.min(cap, (1 - random()) ** (-1 / 1.2))
    sum += raw[i]!
  }
  const outDegree = new Int32Array(nodes)
  let total = 0
  for (let i = 0; i < nodes; i++) {
    outDegree[i] = Math.min(nodes, Math.floor((raw[i]! * edges) / sum))
    total += outDegree[i]!
  }
  for (let i = 0; total < edges; i = (i + 1) % nodes) {
    if (outDegree[i]! < nodes) {
      outDegree[i]!++
      total++
    }
  }
  const from = new Int32Array(edges)
  const to = new Int32Array(edges)
  const weight = new Uint8Array(edges)
  let e = 0
  for (let i = 0; i < nodes; i++) {
    const targets = new Set<number>()
    while (targets.size < outDegree[i]!) targets.add(Math.floor(random() * nodes))
    for (const target of targets) {
      from[e] = i
      to[e] = target
      weight[e] = 1 + Math.floor(random() * 10)
      e++
    }
  }
  return { nodes, from, to, weight, outDegree }
}

/** The key codec of @kvgraph/graph (GRAPH.md), for the raw classic-level baselines. */
export function component(value: string): string {
  return `${value.replaceAll('\0', '\0\x01')}\0\0`
}
