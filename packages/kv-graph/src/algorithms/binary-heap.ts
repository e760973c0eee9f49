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
    const ids = this.#ids
    const order = this.#order
    const seq = this.#pushed++
    let i = ids.length
    p.push(priority)
    ids.push(id)
    order.push(seq)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!less(priority, seq, p[parent]!, order[parent]!)) break
      p[i] = p[parent]!
      ids[i] = ids[parent]!
      order[i] = order[parent]!
      i = parent
    }
    p[i] = priority
    ids[i] = id
    order[i] = seq
  }

  /** Removes the smallest item and returns its id. */
  pop(): number {
    const p = this.#priorities
    const ids = this.#ids
    const order = this.#order
    const top = ids[0]!
    const lastPriority = p.pop()!
    const lastId = ids.pop()!
    const lastOrder = order.pop()!
    const n = ids.length
    if (n === 0) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= n) break
      const right = left + 1
      const child =
        right < n && less(p[right]!, order[right]!, p[left]!, order[left]!) ? right : left
      if (!less(p[child]!, order[child]!, lastPriority, lastOrder)) break
      p[i] = p[child]!
      ids[i] = ids[child]!
      order[i] = order[child]!
      i = child
    }
    p[i] = lastPriority
    ids[i] = lastId
    order[i] = lastOrder
    return top
  }
}

function less(a: number, aOrder: number, b: number, bOrder: number): boolean {
  return a < b || (a === b && aOrder < bOrder)
}
