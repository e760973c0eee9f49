import { dijkstra } from './dijkstra.js'
import { dijkstraWithinHops } from './dijkstra-hops.js'
import type { PathSearch } from './path-search.js'
import type { RawPath } from './paths.js'
import { shortestPathHops } from './shortest-path-hops.js'
import type { Weigher } from './weights.js'

export interface ShortestPathParams extends PathSearch {
  /** Longest path allowed, in hops (Infinity: any). */
  maxDepth: number
  /** Least total weight with a weigher (both adjacencies then read props); fewest hops without. */
  weigh: Weigher | undefined
}

/**
 * The shortest path by the search that fits: bidirectional breadth-first search for hops,
 * bidirectional Dijkstra for weights, and Dijkstra over (node, hops) states for weights within
 * a hop limit (it reads forward only).
 */
export function shortestPath(params: ShortestPathParams): Promise<RawPath | undefined> {
  const { weigh, maxDepth, ...search } = params
  if (weigh === undefined) return shortestPathHops({ ...search, maxDepth })
  if (maxDepth !== Number.POSITIVE_INFINITY) {
    return dijkstraWithinHops({ ...search, weigh, maxDepth })
  }
  return dijkstra({ ...search, weigh })
}
