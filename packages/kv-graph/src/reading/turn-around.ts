import { compareKeys } from '@kvgraph/core'
import type { FamilyTable } from './family-table.js'

/**
 * Fills `into` (an in table) with every node's incoming edges, from the out table's lists of
 * `owners` (every owner of the out family, in key order). In keys sort by their owner (the
 * edge's target), then type, then source: edges are bucketed by target in the owners' order
 * (the sources' key order), and a bucket holding several types is then sorted by type, stably.
 * The in table takes the new arrays as they are (no copy). False, with nothing filled, when the
 * out table no longer holds an owner's list.
 */
export function turnAround(
  out: FamilyTable,
  owners: readonly number[],
  nodeCount: number,
  typeCodes: readonly string[],
  into: FamilyTable,
): boolean {
  const start = new Int32Array(nodeCount + 1)
  const count = (_: Int32Array, others: Int32Array, from: number, to: number) => {
    for (let j = from; j < to; j++) start[others[j]! + 1]!++
  }
  for (const owner of owners) if (!out.visit(owner, count)) return false
  for (let id = 0; id < nodeCount; id++) start[id + 1]! += start[id]!
  const fill = start.slice(0, nodeCount)
  const types = new Int32Array(start[nodeCount]!)
  const sources = new Int32Array(start[nodeCount]!)
  let source = -1
  const place = (outTypes: Int32Array, others: Int32Array, from: number, to: number) => {
    for (let j = from; j < to; j++) {
      const at = fill[others[j]!]!++
      types[at] = outTypes[j]!
      sources[at] = source
    }
  }
  for (const owner of owners) {
    source = owner
    out.visit(owner, place)
  }
  if (typeCodes.length > 1) sortByType(types, sources, start, typeCodes)
  into.adopt(types, sources, start)
  return true
}

/** Sorts each bucket [start[id], start[id + 1]) by its types' key order, keeping ties in order. */
function sortByType(
  types: Int32Array,
  sources: Int32Array,
  start: Int32Array,
  typeCodes: readonly string[],
): void {
  const ids = typeCodes.map((_, id) => id).sort((a, b) => compareKeys(typeCodes[a]!, typeCodes[b]!))
  const rank = new Int32Array(typeCodes.length)
  for (let r = 0; r < ids.length; r++) rank[ids[r]!] = r
  for (let id = 0; id + 1 < start.length; id++) {
    const from = start[id]!
    const to = start[id + 1]!
    let sorted = true
    for (let i = from + 1; i < to && sorted; i++) sorted = rank[types[i - 1]!]! <= rank[types[i]!]!
    if (sorted) continue
    // Array sort is stable: equal types keep their sources' order.
    const order = Array.from({ length: to - from }, (_, k) => from + k).sort(
      (a, b) => rank[types[a]!]! - rank[types[b]!]!,
    )
    const sortedTypes = order.map((i) => types[i]!)
    const sortedSources = order.map((i) => sources[i]!)
    types.set(sortedTypes, from)
    sources.set(sortedSources, from)
  }
}
