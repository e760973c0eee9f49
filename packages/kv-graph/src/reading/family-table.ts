/**
 * The whole adjacency (every edge type, no props) of many nodes in one key family, packed in
 * two integer pools: entry i is an edge of type `types[i]` to or from node `others[i]`. A node's
 * entries are contiguous; `start`/`length` by node id locate them (length 0: not held).
 *
 * Memory is bounded by `capacity` entries. There is no per-node eviction: when a list does not
 * fit, the table starts over (one flat reset instead of LRU bookkeeping on every read). Dropping
 * a node leaves its entries as garbage until that reset. Pools only grow by appending or by
 * being replaced, so a view handed out stays valid for as long as a traversal holds it.
 */
export class FamilyTable {
  readonly #capacity: number
  #types = new Int32Array(1024)
  #others = new Int32Array(1024)
  #used = 0
  /** By node id: where its entries start, and 1 + their count (0: not held). */
  #start = new Int32Array(1024)
  #length = new Int32Array(1024)

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  /** Entries held (including dropped ones not reclaimed yet). */
  get used(): number {
    return this.#used
  }

  has(id: number): boolean {
    return id < this.#length.length && this.#length[id]! > 0
  }

  /** Views of a node's entries, or undefined when not held. Entries are never overwritten. */
  get(id: number): { types: Int32Array; others: Int32Array } | undefined {
    if (id >= this.#length.length) return undefined
    const length = this.#length[id]! - 1
    if (length < 0) return undefined
    const start = this.#start[id]!
    return {
      types: this.#types.subarray(start, start + length),
      others: this.#others.subarray(start, start + length),
    }
  }

  /** Holds a node's entries; a list longer than the capacity is not held. */
  put(id: number, types: ArrayLike<number>, others: ArrayLike<number>): void {
    const length = others.length
    if (length > this.#capacity) return
    if (this.#used + length > this.#capacity) this.clear()
    this.#reserve(this.#used + length)
    this.#types.set(types, this.#used)
    this.#others.set(others, this.#used)
    this.#index(id, this.#used, length)
    this.#used += length
  }

  drop(id: number): void {
    if (id < this.#length.length) this.#length[id] = 0
  }

  /** Starts over with fresh pools, so views handed out earlier keep their entries. */
  clear(): void {
    this.#types = new Int32Array(1024)
    this.#others = new Int32Array(1024)
    this.#used = 0
    this.#length.fill(0)
  }

  #reserve(size: number): void {
    if (size <= this.#types.length) return
    // Grow by half: at a million entries, doubling would hold megabytes it may never use.
    const grown = Math.min(this.#capacity, Math.max(size, Math.ceil(this.#types.length * 1.5)))
    this.#types = copyInto(new Int32Array(grown), this.#types, this.#used)
    this.#others = copyInto(new Int32Array(grown), this.#others, this.#used)
  }

  #index(id: number, start: number, length: number): void {
    if (id >= this.#length.length) {
      const size = Math.max(id + 1, this.#length.length * 2)
      this.#start = copyInto(new Int32Array(size), this.#start, this.#start.length)
      this.#length = copyInto(new Int32Array(size), this.#length, this.#length.length)
    }
    this.#start[id] = start
    this.#length[id] = length + 1
  }
}

function copyInto<T extends Int32Array>(target: T, source: Int32Array, count: number): T {
  target.set(source.subarray(0, count))
  return target
}
