import { aborted, limitExceeded } from '../errors.js'
import type { Adjacency, SearchSpace } from '../reading/adjacency.js'
import { type BfsOutcome, bfs } from './bfs.js'

export interface NeighborhoodParams {
  space: SearchSpace
  adjacency: Adjacency
  start: number
  depth: number
  /** Most nodes it may return (the start not counted). */
  maxNodes: number
}

/**
 * The nodes within `depth` hops of `start` (the start excluded), with their distance, in
 * breadth-first order. Throws GRAPH_LIMIT_EXCEEDED rather than return a cut-off list.
 */
export async function neighborhood(
  params: NeighborhoodParams,
): Promise<Array<{ id: number; depth: number }>> {
  const { space, adjacency, start, depth, maxNodes } = params
  const outcome: BfsOutcome = {}
  const found: Array<{ id: number; depth: number }> = []
  const steps = bfs(
    { space, adjacency, start, maxDepth: depth, maxNodes: maxNodes + 1, probe: false },
    outcome,
  )
  for await (const step of steps) if (step.depth > 0) found.push({ id: step.id, depth: step.depth })
  if (outcome.stopped === 'aborted') throw aborted('neighborhood', space.signal!)
  if (outcome.stopped === 'maxNodes') throw limitExceeded('maxNodes', maxNodes, 'neighborhood')
  return found
}
