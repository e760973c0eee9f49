/**
 * Numbers by node id, `fill` where not set since the last reset. Each slot carries the stamp of
 * the reset it was written after, so a reset is one increment: a graph's traversals borrow these
 * arrays from a pool (ids are graph-wide, so arrays reach the graph's size) instead of
 * allocating and filling one per traversal.
 */
export class NumberArray {
  readonly fill: number
  #values = new Float64Array(1024)
  #stamps = new Uint32Array(1024)
  #stamp = 1

  constructor(fill: number) {
    this.fill = fill
  }

  get(id: number): number {
    return this.#stamps[id] === this.#stamp ? this.#values[id]! : this.fill
  }

  set(id: number, value: number): void {
    if (id >= this.#stamps.length) this.#grow(id)
    this.#stamps[id] = this.#stamp
    this.#values[id] = value
  }

  /** Forgets every value. */
  reset(): void {
    this.#stamp++
    if (this.#stamp === 0xffffffff) {
      this.#stamps.fill(0)
      this.#stamp = 1
    }
  }

  #grow(id: number): void {
    const size = Math.max(id + 1, this.#stamps.length * 2)
    const values = new Float64Array(size)
    values.set(this.#values)
    const stamps = new Uint32Array(size)
    stamps.set(this.#stamps)
    this.#values = values
    this.#stamps = stamps
  }
}

/** Arrays returned by finished traversals, for the next ones. */
export class ArrayPool {
  readonly #free = new Map<number, NumberArray[]>()

  take(fill: number): NumberArray {
    return this.#free.get(fill)?.pop() ?? new NumberArray(fill)
  }

  give(array: NumberArray): void {
    array.reset()
    let free = this.#free.get(array.fill)
    if (!free) {
      free = []
      this.#free.set(array.fill, free)
    }
    // A few per fill value cover every traversal running at once; more would only hold memory.
    if (free.length < 16) free.push(array)
  }
}
