import type { AdjList } from './adjacency.js'

/**
 * A reader's lists read ahead of use, keyed by node id: a least-recently-used part bounded by the
 * total number of entries (edges) it holds, and pinned lists (of nodes a scan was asked for),
 * held beyond the bound until the traversal takes them. Lists are taken out when the traversal
 * expands the node, or kept (`get`) by searches that expand a node more than once.
 */
export class AdjacencyCache {
  readonly #lists = new Map<number, AdjList>()
  readonly #pinned = new Map<number, AdjList>()
  readonly #capacity: number
  #entries = 0

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  /** Entries held by the bounded part. */
  get entries(): number {
    return this.#entries
  }

  has(id: number): boolean {
    return this.#pinned.has(id) || this.#lists.has(id)
  }

  /** Holds a list until it is taken, whatever the bound. */
  pin(id: number, list: AdjList): void {
    this.#pinned.set(id, list)
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
    const pinned = this.#pinned.get(id)
    if (pinned) {
      this.#pinned.delete(id)
      return pinned
    }
    const list = this.#lists.get(id)
    if (list) {
      this.#lists.delete(id)
      this.#entries -= list.nodes.length + 1
    }
    return list
  }

  /** Returns a list and marks it most recently used (a pinned list joins the bounded part). */
  get(id: number): AdjList | undefined {
    const pinned = this.#pinned.get(id)
    if (pinned) {
      this.#pinned.delete(id)
      this.put(id, pinned)
      return pinned
    }
    const list = this.#lists.get(id)
    if (list) {
      this.#lists.delete(id)
      this.#lists.set(id, list)
    }
    return list
  }
}
