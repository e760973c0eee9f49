import { throwIfAborted } from '../errors.js'
import type { Adjacency, SearchSpace } from '../reading/adjacency.js'

export interface MutualParams {
  space: SearchSpace
  adjacency: Adjacency
  a: number
  b: number
  /** The order of the result (the graph's: key order of the nodes). */
  compare: (x: number, y: number) => number
}

/**
 * The nodes adjacent to both `a` and `b` (in the adjacency's direction), neither of them
 * included, each once, in `compare` order.
 */
export async function mutual(params: MutualParams): Promise<number[]> {
  const { space, adjacency, a, b, compare } = params
  throwIfAborted(space.signal, 'mutual')
  const [listA, listB] = await adjacency.read(a === b ? [a] : [a, b])
  const ofA = new Set(listA!.nodes)
  const common = new Set<number>()
  for (const id of (listB ?? listA)!.nodes) if (ofA.has(id) && id !== a && id !== b) common.add(id)
  return [...common].sort(compare)
}
