/** A binary min-heap of node ids by priority (ties: the id pushed first comes out first). */
export class BinaryHeap {
  #priorities: number[] = []
  #ids: number[] = []
  #order: number[] = []
  #pushed = 0

  get size(): number {
    return this.#ids.length
  }

  /** The smallest priority (Infinity when empty). */
  get topPriority(): number {
    return this.#ids.length === 0 ? Number.POSITIVE_INFINITY : this.#priorities[0]!
  }

  get topId(): number {
    return this.#ids[0]!
  }

  /** The id at a position of the underlying array: the first positions hold the smallest items. */
  idAt(index: number): number {
    return this.#ids[index]!
  }

  push(priority: number, id: number): void {
    const p = this.#priorities
    const order = this.#order
    const seq = this.#pushed++
    let i = this.#ids.length
    p.push(priority)
    this.#ids.push(id)
    order.push(seq)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!less(priority, seq, p[parent]!, order[parent]!)) break
      this.#move(parent, i)
      i = parent
    }
    this.#place(i, priority, id, seq)
  }

  /** Removes the smallest item and returns its id. */
  pop(): number {
    const p = this.#priorities
    const order = this.#order
    const top = this.#ids[0]!
    const lastPriority = p.pop()!
    const lastId = this.#ids.pop()!
    const lastOrder = order.pop()!
    const n = this.#ids.length
    if (n === 0) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= n) break
      const right = left + 1
      const child =
        right < n && less(p[right]!, order[right]!, p[left]!, order[left]!) ? right : left
      if (!less(p[child]!, order[child]!, lastPriority, lastOrder)) break
      this.#move(child, i)
      i = child
    }
    this.#place(i, lastPriority, lastId, lastOrder)
    return top
  }

  /** Copies the item at `from` to `to` (sifting moves items one level at a time). */
  #move(from: number, to: number): void {
    this.#priorities[to] = this.#priorities[from]!
    this.#ids[to] = this.#ids[from]!
    this.#order[to] = this.#order[from]!
  }

  #place(i: number, priority: number, id: number, seq: number): void {
    this.#priorities[i] = priority
    this.#ids[i] = id
    this.#order[i] = seq
  }
}

function less(a: number, aOrder: number, b: number, bOrder: number): boolean {
  return a < b || (a === b && aOrder < bOrder)
}
