import { compareKeys } from '@kvgraph/core'
import type { FamilyTable } from './family-table.js'

/** Edges as parallel arrays of source, type and target ids, in the order they were read. */
export class EdgeBuffer {
  from = new Int32Array(1024)
  type = new Int32Array(1024)
  to = new Int32Array(1024)
  #length = 0

  /** Edges held. */
  get length(): number {
    return this.#length
  }

  push(from: number, type: number, to: number): void {
    const at = this.#length
    if (at === this.from.length) this.#grow(at + 1)
    this.from[at] = from
    this.type[at] = type
    this.to[at] = to
    this.#length = at + 1
  }

  /** Appends another buffer's edges after these. */
  append(other: EdgeBuffer): void {
    const at = this.#length
    const length = at + other.#length
    if (length > this.from.length) this.#grow(length)
    this.from.set(other.from.subarray(0, other.#length), at)
    this.type.set(other.type.subarray(0, other.#length), at)
    this.to.set(other.to.subarray(0, other.#length), at)
    this.#length = length
  }

  #grow(size: number): void {
    const capacity = Math.max(size, 2 * this.from.length)
    const grown = (array: Int32Array) => {
      const copy = new Int32Array(capacity)
      copy.set(array.subarray(0, this.#length))
      return copy
    }
    this.from = grown(this.from)
    this.type = grown(this.type)
    this.to = grown(this.to)
  }
}

/**
 * Puts into `table` (an in table) every node's incoming edges, from `edges` read from the out
 * family in key order. In keys sort by owner (the edge's target), then type, then source: so
 * edges are bucketed by target, taken type by type in key order and, within a type, in the
 * order they were read (the sources' key order). Nodes the table holds already are left alone.
 */
export function turnAround(
  edges: EdgeBuffer,
  nodeCount: number,
  typeCodes: readonly string[],
  table: FamilyTable,
): void {
  const n = edges.length
  const target = edges.to
  const start = new Int32Array(nodeCount + 1)
  for (let i = 0; i < n; i++) start[target[i]! + 1]!++
  for (let id = 0; id < nodeCount; id++) start[id + 1]! += start[id]!
  const fill = start.slice(0, nodeCount)
  const types = new Int32Array(n)
  const sources = new Int32Array(n)
  const order = typeOrder(edges, typeCodes)
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k
    const place = fill[target[i]!]!++
    types[place] = edges.type[i]!
    sources[place] = edges.from[i]!
  }
  for (let id = 0; id < nodeCount; id++) {
    const from = start[id]!
    const to = start[id + 1]!
    if (to > from && !table.has(id)) {
      table.put(id, types.subarray(from, to), sources.subarray(from, to))
    }
  }
}

/**
 * Edge indexes ordered by their type's key order, stable (a counting sort); undefined when the
 * edges have one type, so read order already is that order.
 */
function typeOrder(edges: EdgeBuffer, typeCodes: readonly string[]): Int32Array | undefined {
  const n = edges.length
  const type = edges.type
  let mixed = false
  for (let i = 1; i < n && !mixed; i++) mixed = type[i] !== type[0]
  if (!mixed) return undefined
  const ids = typeCodes.map((_, id) => id).sort((a, b) => compareKeys(typeCodes[a]!, typeCodes[b]!))
  const rank = new Int32Array(typeCodes.length)
  for (let r = 0; r < ids.length; r++) rank[ids[r]!] = r
  const first = new Int32Array(typeCodes.length + 1)
  for (let i = 0; i < n; i++) first[rank[type[i]!]! + 1]!++
  for (let r = 0; r < typeCodes.length; r++) first[r + 1]! += first[r]!
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[first[rank[type[i]!]!]!++] = i
  return order
}
