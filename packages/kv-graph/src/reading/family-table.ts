import type { AdjList } from './adjacency.js'

/**
 * The whole adjacency (every edge type, no props) of many nodes in one key family, packed in
 * chunks of two integer pools: entry i of a chunk is an edge of type `types[i]` to or from node
 * `others[i]`. A node's entries are contiguous in one chunk; chunk, start and length by node id
 * locate them (length 0: not held).
 *
 * Memory is bounded by `capacity` entries. There is no per-node eviction: when a list does not
 * fit, the table starts over (one flat reset instead of LRU bookkeeping on every read). Dropping
 * a node leaves its entries as garbage until that reset. Chunks are only ever appended (never
 * copied into a larger pool as one array would be: a million-edge table allocated three times its
 * size that way, and that churn of native memory sets off full garbage collections of the whole
 * heap), so a view handed out stays valid for as long as a traversal holds it.
 *
 * A table can also be *complete* (`cover`): it then holds every node with entries in the family,
 * as of one snapshot, so a node it does not hold has none, and `get` says so without a read.
 * Dropping a node keeps the table complete but marks that node stale (its list must be read
 * again); only `clear` ends completeness.
 */
export class FamilyTable {
  readonly #capacity: number
  /** Whether the family is the in family: its entries point at the owner. */
  readonly #reversed: boolean
  readonly #none: HeldList
  #types: Int32Array[] = []
  #others: Int32Array[] = []
  /** Entries written in the newest chunk. */
  #fill = 0
  #used = 0
  #clears = 0
  #complete = false
  /**
   * By node id: its chunk, where its entries start there, and 1 + their count (0: not held;
   * STALE: dropped from a complete table).
   */
  #chunk = new Int32Array(1024)
  #start = new Int32Array(1024)
  #length = new Int32Array(1024)

  constructor(capacity: number, reversed = false) {
    this.#capacity = capacity
    this.#reversed = reversed
    this.#none = { types: EMPTY, nodes: EMPTY, reversed, props: undefined }
  }

  /** Entries held (including dropped ones not reclaimed yet). */
  get used(): number {
    return this.#used
  }

  /** How many times the table started over: a filler that saw it change lost what it put. */
  get clears(): number {
    return this.#clears
  }

  /** Whether every node with entries is held (see the class comment). */
  get complete(): boolean {
    return this.#complete
  }

  /** Whether the table knows the node's entries (held, or none in a complete table). */
  has(id: number): boolean {
    if (id >= this.#length.length) return this.#complete
    const length = this.#length[id]!
    return length > 0 || (length === 0 && this.#complete)
  }

  /**
   * A node's entries as an adjacency list of views, or undefined when not known (the list a
   * reader hands out as is: no second object per read). Entries are never overwritten.
   */
  get(id: number): HeldList | undefined {
    if (id >= this.#length.length) return this.#complete ? this.#none : undefined
    const length = this.#length[id]! - 1
    if (length < 0) return length === -1 && this.#complete ? this.#none : undefined
    const chunk = this.#chunk[id]!
    const start = this.#start[id]!
    return {
      types: this.#types[chunk]!.subarray(start, start + length),
      nodes: this.#others[chunk]!.subarray(start, start + length),
      reversed: this.#reversed,
      props: undefined,
    }
  }

  /**
   * Calls `visit` with the pools that hold a node's entries and where they lie, [from, to):
   * for passes over every list (no views made). False when the node is not held.
   */
  visit(
    id: number,
    visit: (types: Int32Array, others: Int32Array, from: number, to: number) => void,
  ): boolean {
    if (id >= this.#length.length || this.#length[id]! <= 0) return false
    const chunk = this.#chunk[id]!
    const from = this.#start[id]!
    visit(this.#types[chunk]!, this.#others[chunk]!, from, from + this.#length[id]! - 1)
    return true
  }

  /** Holds a node's entries; a list longer than the capacity is not held. */
  put(id: number, types: ArrayLike<number>, others: ArrayLike<number>): void {
    const length = others.length
    if (length > this.#capacity) return
    if (this.#used + length > this.#capacity) this.clear()
    let chunk = this.#types.length - 1
    if (chunk < 0 || this.#fill + length > this.#types[chunk]!.length) {
      chunk = this.#addChunk(length)
    }
    this.#types[chunk]!.set(types, this.#fill)
    this.#others[chunk]!.set(others, this.#fill)
    this.#index(id, chunk, this.#fill, length)
    this.#fill += length
    this.#used += length
  }

  /**
   * Holds the lists of many nodes at once, taking the arrays as a chunk of their own (no copy):
   * node id's entries are [start[id], start[id + 1]). Nodes held already keep their lists.
   */
  adopt(types: Int32Array, others: Int32Array, start: Int32Array): void {
    const length = others.length
    if (this.#used + length > this.#capacity) this.clear()
    this.#types.push(types)
    const chunk = this.#others.push(others) - 1
    this.#fill = length
    this.#used += length
    for (let id = 0; id + 1 < start.length; id++) {
      const from = start[id]!
      const held = id < this.#length.length && this.#length[id]! > 0
      if (start[id + 1]! > from && !held) this.#index(id, chunk, from, start[id + 1]! - from)
    }
  }

  drop(id: number): void {
    if (this.#complete) {
      this.#reserve(id)
      this.#length[id] = STALE
    } else if (id < this.#length.length) this.#length[id] = 0
  }

  /**
   * Declares the table complete: every node with entries in the family was put since the
   * snapshot the caller read them from, and no change committed after it.
   */
  cover(): void {
    this.#complete = true
  }

  /** Starts over with fresh chunks, so views handed out earlier keep their entries. */
  clear(): void {
    this.#types = []
    this.#others = []
    this.#fill = 0
    this.#used = 0
    this.#length.fill(0)
    this.#complete = false
    this.#clears++
  }

  /** A new chunk with room for `length` entries: sizes double up to CHUNK_MAX, then stay. */
  #addChunk(length: number): number {
    const last = this.#types.at(-1)?.length ?? CHUNK_FIRST / 2
    const size = Math.max(length, Math.min(last * 2, CHUNK_MAX))
    this.#types.push(new Int32Array(size))
    this.#others.push(new Int32Array(size))
    this.#fill = 0
    return this.#types.length - 1
  }

  #index(id: number, chunk: number, start: number, length: number): void {
    this.#reserve(id)
    this.#chunk[id] = chunk
    this.#start[id] = start
    this.#length[id] = length + 1
  }

  /** Grows the by-id arrays to hold `id`. */
  #reserve(id: number): void {
    if (id < this.#length.length) return
    const size = Math.max(id + 1, this.#length.length * 2)
    this.#chunk = copyInto(new Int32Array(size), this.#chunk)
    this.#start = copyInto(new Int32Array(size), this.#start)
    this.#length = copyInto(new Int32Array(size), this.#length)
  }
}

/** A held list: views of a table's pools (entry i: an edge of type types[i] to nodes[i]). */
export interface HeldList extends AdjList {
  readonly types: Int32Array
  readonly nodes: Int32Array
  readonly reversed: boolean
  readonly props: undefined
}

const CHUNK_FIRST = 1024
const STALE = -1
const EMPTY = new Int32Array(0)
const CHUNK_MAX = 1 << 16

function copyInto<T extends Int32Array>(target: T, source: Int32Array): T {
  target.set(source)
  return target
}
