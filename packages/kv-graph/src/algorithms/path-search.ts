import type { Adjacency, SearchSpace } from '../reading/adjacency.js'

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
