import { compareKeys } from '@kvgraph/core'
import type { AdjacencyReader } from '../reading/adjacency-reader.js'
import type { Scope } from '../reading/scope.js'

export interface MutualParams {
  scope: Scope
  reader: AdjacencyReader
  a: number
  b: number
}

/**
 * The nodes adjacent to both `a` and `b` (in the reader's direction), neither of them included,
 * each once, in key order.
 */
export async function mutual(params: MutualParams): Promise<number[]> {
  const { scope, reader, a, b } = params
  scope.throwIfAborted('mutual')
  const [listA, listB] = await reader.read(a === b ? [a] : [a, b])
  const ofA = new Set(listA!.nodes)
  const common = new Set<number>()
  for (const id of (listB ?? listA)!.nodes) if (ofA.has(id) && id !== a && id !== b) common.add(id)
  const codes = scope.nodes.values
  return [...common].sort((x, y) => compareKeys(codes[x]!, codes[y]!))
}
