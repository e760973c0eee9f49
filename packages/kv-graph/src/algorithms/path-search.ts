import { throwIfAborted } from '../errors.js'
import type { Adjacency, SearchSpace } from '../reading/adjacency.js'
import type { RawPath } from './paths.js'

/** What every path search between two nodes takes. */
export interface PathSearch {
  space: SearchSpace
  /** Follows edges away from the source. */
  forward: Adjacency
  /** Follows edges towards the target (bidirectional searches). */
  backward: Adjacency
  source: number
  target: number
  /** Nodes (or search states) the search may visit or settle. */
  maxNodes: number
}

/**
 * The answer before any read: the one-node path when source and target are the same node;
 * undefined when the search must run. Throws GRAPH_ABORTED when the signal fired already.
 */
export function answerAtOnce(search: Omit<PathSearch, 'backward'>): RawPath | undefined {
  throwIfAborted(search.space.signal, 'shortestPath')
  const { source, target } = search
  return source === target ? { nodes: [source], edges: [], cost: 0 } : undefined
}

/** The two sides of a bidirectional search: from the source forwards, from the target back. */
export function bothSides<Side>(
  search: PathSearch,
  side: (space: SearchSpace, adjacency: Adjacency, origin: number) => Side,
): [forward: Side, backward: Side] {
  const { space } = search
  return [side(space, search.forward, search.source), side(space, search.backward, search.target)]
}
