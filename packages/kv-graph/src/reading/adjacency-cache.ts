import type { AdjList } from './adjacency.js'

/**
 * A least-recently-used cache of adjacency lists, keyed by node id and bounded by the total
 * number of entries (edges) it holds. Lists are usually read ahead of use (scans, batched
 * prefetches) and taken out when the traversal expands the node.
 */
export class AdjacencyCache {
  readonly #lists = new Map<number, AdjList>()
  readonly #capacity: number
  #entries = 0

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  get entries(): number {
    return this.#entries
  }

  has(id: number): boolean {
    return this.#lists.has(id)
  }

  /** True when a list of `size` entries fits without evicting anything. */
  fits(size: number): boolean {
    return this.#entries + size + 1 <= this.#capacity
  }

  /** Adds a list, evicting the least recently used ones while over capacity. */
  put(id: number, list: AdjList): void {
    const old = this.#lists.get(id)
    if (old) {
      this.#lists.delete(id)
      this.#entries -= old.nodes.length + 1
    }
    const size = list.nodes.length + 1
    if (size > this.#capacity) return
    this.#lists.set(id, list)
    this.#entries += size
    for (const [oldest, oldList] of this.#lists) {
      if (this.#entries <= this.#capacity) break
      this.#lists.delete(oldest)
      this.#entries -= oldList.nodes.length + 1
    }
  }

  /** Removes and returns a list. */
  take(id: number): AdjList | undefined {
    const list = this.#lists.get(id)
    if (list) {
      this.#lists.delete(id)
      this.#entries -= list.nodes.length + 1
    }
    return list
  }

  /** Returns a list and marks it most recently used. */
  get(id: number): AdjList | undefined {
    const list = this.#lists.get(id)
    if (list) {
      this.#lists.delete(id)
      this.#lists.set(id, list)
    }
    return list
  }
}
