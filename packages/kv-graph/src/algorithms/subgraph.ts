import type { StopReason } from '../errors.js'
import type { Adjacency, SearchSpace } from '../reading/adjacency.js'
import type { Props } from '../types.js'
import { type BfsOutcome, bfs } from './bfs.js'
import { pauseStopping } from './pauses.js'

export interface SubgraphParams {
  space: SearchSpace
  /** The traversal's adjacency (any direction, no props). */
  adjacency: Adjacency
  /** The out edges with props, with the same type filter. */
  edges: Adjacency
  start: number
  depth: number
  maxNodes: number
  maxEdges: number
  admit?: (id: number) => boolean
}

export interface RawSubgraph {
  /** In breadth-first order from the start. */
  nodes: number[]
  /** The edges between those nodes, by node in `nodes` order, then in key order. */
  edges: Array<{ from: number; type: number; to: number; props: Props }>
  /** Set when a bound cut the subgraph short. */
  stopped?: StopReason
}

const CHUNK = 1024

/** The nodes within `depth` hops of `start`, and every stored edge between two of them. */
export async function subgraph(params: SubgraphParams): Promise<RawSubgraph> {
  const { space, adjacency, edges, start, depth, maxNodes, maxEdges, admit } = params
  const outcome: BfsOutcome = {}
  const nodes: number[] = []
  const walk = bfs(
    { space, adjacency, start, maxDepth: depth, maxNodes, probe: false, ...(admit && { admit }) },
    outcome,
  )
  for await (const step of walk) nodes.push(step.id)
  const result: RawSubgraph = { nodes, edges: [] }
  if (outcome.stopped === 'aborted' || outcome.stopped === 'maxNodes')
    result.stopped = outcome.stopped
  if (outcome.stopped === 'aborted') return result
  const inside = new Set(nodes)
  for (let at = 0; at < nodes.length; at += CHUNK) {
    if (space.signal?.aborted) {
      result.stopped = 'aborted'
      return result
    }
    const ids = nodes.slice(at, at + CHUNK)
    const lists = await edges.read(ids)
    for (let i = 0; i < ids.length; i++) {
      const list = lists[i]!
      const paused = pauseStopping(space, list.nodes.length + 1)
      if (paused && (await paused)) {
        result.stopped = 'aborted'
        return result
      }
      for (let j = 0; j < list.nodes.length; j++) {
        const to = list.nodes[j]!
        if (!inside.has(to)) continue
        if (result.edges.length >= maxEdges) {
          result.stopped = 'maxEdges'
          return result
        }
        result.edges.push({ from: ids[i]!, type: list.types[j]!, to, props: list.props![j]! })
      }
    }
  }
  return result
}
