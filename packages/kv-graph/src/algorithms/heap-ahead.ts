import type { BinaryHeap } from './binary-heap.js'

/** Lists read together with the one a search needs: nodes near the top of its heap. */
const READ_AHEAD = 32
/** How many of the heap's first items are looked at for them. */
const HEAP_WINDOW = 64

/**
 * Up to READ_AHEAD distinct nodes among the heap's first HEAP_WINDOW items, for a Dijkstra search
 * to read in the batch it must read anyway. `pick` maps a heap item to the node whose list to
 * read, or -1 when the item needs none (settled already, out of hops).
 */
export function heapAhead(heap: BinaryHeap, pick: (item: number) => number): number[] {
  const ids: number[] = []
  const n = Math.min(heap.size, HEAP_WINDOW)
  for (let i = 0; i < n && ids.length < READ_AHEAD; i++) {
    const id = pick(heap.idAt(i))
    if (id >= 0 && !ids.includes(id)) ids.push(id)
  }
  return ids
}
