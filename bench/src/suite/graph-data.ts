import { seededRandom } from '@kvgraph/core/random'
import type { EdgeInput, NodeRef } from '@kvgraph/graph'
import { MultiDirectedGraph } from 'graphology'
import { component, type SyntheticGraph, syntheticGraph } from '../graph-synthetic.js'
import type { Triple } from './levelgraph.js'
import type { Scale } from './scale.js'

/** The one synthetic graph every system loads, with its encodings for each of them. */
export interface BenchGraph {
  data: SyntheticGraph
  nodes: number
  edges: number
  /** The node with the most out-edges: bfs starts there. */
  hub: number
}

export function benchGraph(scale: Scale): BenchGraph {
  const { nodes, edges } = scale.graph
  const data = syntheticGraph(nodes, edges, scale.seed)
  let hub = 0
  for (let i = 1; i < nodes; i++) if (data.outDegree[i]! > data.outDegree[hub]!) hub = i
  return { data, nodes, edges, hub }
}

export const user = (i: number): NodeRef => ({ type: 'User', id: `u${i}` })
/** graphology and levelgraph key: the id alone, as a user of either would write it. */
export const plainId = (i: number) => `u${i}`

export function* edgeInputs(graph: BenchGraph): Generator<EdgeInput> {
  const { from, to, weight } = graph.data
  for (let e = 0; e < graph.edges; e++) {
    yield { from: user(from[e]!), type: 'follows', to: user(to[e]!), props: { w: weight[e]! } }
  }
}

export function triple(graph: BenchGraph, e: number): Triple {
  const { from, to, weight } = graph.data
  return {
    subject: plainId(from[e]!),
    predicate: 'follows',
    object: plainId(to[e]!),
    w: weight[e]!,
  }
}

// The raw baselines write exactly @kvgraph/graph's keys (GRAPH.md), with the props as JSON.
const USER = component('User')
export const nodeCode = (i: number) => USER + component(`u${i}`)
export const outPrefix = (i: number) => `g/o/${nodeCode(i)}`
export const outKey = (from: number, type: string, to: number) =>
  `g/o/${nodeCode(from)}${component(type)}${nodeCode(to)}`
export const inKey = (from: number, type: string, to: number) =>
  `g/i/${nodeCode(to)}${component(type)}${nodeCode(from)}`

/** `count` nodes with a typical out-degree (8-12; the mean is 10), seeded. */
export function typicalNodes(graph: BenchGraph, count: number, seed: number): number[] {
  const typical: number[] = []
  for (let i = 0; i < graph.nodes; i++) {
    const degree = graph.data.outDegree[i]!
    if (degree >= 8 && degree <= 12) typical.push(i)
  }
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => typical[Math.floor(random() * typical.length)]!)
}

export function randomPairs(
  graph: BenchGraph,
  count: number,
  seed: number,
): Array<[number, number]> {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => [
    Math.floor(random() * graph.nodes),
    Math.floor(random() * graph.nodes),
  ])
}

/** The same graph in graphology, as a user would build it: edges carry { w }. */
export function toGraphology(graph: BenchGraph): MultiDirectedGraph {
  const memory = new MultiDirectedGraph()
  const { from, to, weight } = graph.data
  for (let i = 0; i < graph.nodes; i++) memory.addNode(plainId(i))
  for (let e = 0; e < graph.edges; e++) {
    memory.addEdge(plainId(from[e]!), plainId(to[e]!), { w: weight[e]! })
  }
  return memory
}
