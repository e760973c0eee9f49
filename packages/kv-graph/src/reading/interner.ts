/**
 * Maps strings (node codes, edge type components) to dense integer ids (for a graph's traversals,
 * or for one traversal when the graph keeps no adjacency), so visited sets, depths and adjacency
 * lists hold small integers instead of strings. Ids are never reused: the table only grows, and
 * the graph starts a fresh one when it outgrows its bound (shared-adjacency.ts).
 *
 * A traversal looks up the node at the end of every edge it reads, so lookups are the hottest
 * path of a large traversal. This table avoids what makes a Map slow there: the code is looked
 * up inside its key without slicing a string out; the hash, the id and where the value lies in
 * a pool of character codes share one slot of a typed array; and the stored codes are compared
 * against that pool, instead of chasing string objects across the heap.
 */
export class Interner {
  /** The string of each id. */
  readonly values: string[] = []
  /**
   * Four integers by slot: hash, id + 1 (0 marks an empty slot), and where the value starts in
   * the pool and ends. A hit reads one slot and the pool, nothing else (lookups miss the CPU
   * cache on large graphs: each array touched is another miss).
   */
  #slots = new Int32Array(4 * 1024)
  /** The characters of every value, one after the other. */
  #pool = new Uint16Array(4096)
  #used = 0

  /** The id of `value`, assigned on first sight. */
  id(value: string): number {
    return this.idIn(value, 0, value.length)
  }

  /** The id of `key.slice(start, end)`, assigned on first sight. */
  idIn(key: string, start: number, end: number): number {
    const hash = hashOf(key, start, end)
    const slots = this.#slots
    const mask = (slots.length >> 2) - 1
    let slot = hash & mask
    for (;;) {
      const at = 4 * slot
      const entry = slots[at + 1]!
      if (entry === 0) break
      if (slots[at] === hash && this.#matches(slots[at + 2]!, slots[at + 3]!, key, start, end)) {
        return entry - 1
      }
      slot = (slot + 1) & mask
    }
    const id = this.values.length
    const from = this.#add(key, start, end)
    const at = 4 * slot
    slots[at] = hash
    slots[at + 1] = id + 1
    slots[at + 2] = from
    slots[at + 3] = this.#used
    if (this.values.length * 2 > mask) this.#grow()
    return id
  }

  /** The id of `value`, or undefined when it has none. */
  find(value: string): number | undefined {
    const id = this.lookupIn(value, 0, value.length)
    return id < 0 ? undefined : id
  }

  /** The id of `key.slice(start, end)`, or -1 when it has none (never assigns one). */
  lookupIn(key: string, start: number, end: number): number {
    const hash = hashOf(key, start, end)
    const slots = this.#slots
    const mask = (slots.length >> 2) - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = 4 * slot
      const entry = slots[at + 1]!
      if (entry === 0) return -1
      if (slots[at] === hash && this.#matches(slots[at + 2]!, slots[at + 3]!, key, start, end)) {
        return entry - 1
      }
    }
  }

  get size(): number {
    return this.values.length
  }

  #matches(from: number, to: number, key: string, start: number, end: number): boolean {
    if (to - from !== end - start) return false
    const pool = this.#pool
    for (let i = start, j = from; i < end; i++, j++) if (key.charCodeAt(i) !== pool[j]) return false
    return true
  }

  /** Appends the value's characters to the pool; returns where they start. */
  #add(key: string, start: number, end: number): number {
    const length = end - start
    if (this.#used + length > this.#pool.length) {
      const pool = new Uint16Array(Math.max(this.#pool.length * 2, this.#used + length))
      pool.set(this.#pool)
      this.#pool = pool
    }
    const from = this.#used
    for (let i = start; i < end; i++) this.#pool[this.#used++] = key.charCodeAt(i)
    this.values.push(start === 0 && end === key.length ? key : own(key.slice(start, end)))
    return from
  }

  /** Doubles the slots, moving each entry (its hash is kept, not recomputed). */
  #grow(): void {
    const old = this.#slots
    const slots = new Int32Array(2 * old.length)
    const mask = (slots.length >> 2) - 1
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 1] === 0) continue
      let slot = old[at]! & mask
      while (slots[4 * slot + 1] !== 0) slot = (slot + 1) & mask
      const to = 4 * slot
      slots[to] = old[at]!
      slots[to + 1] = old[at + 1]!
      slots[to + 2] = old[at + 2]!
      slots[to + 3] = old[at + 3]!
    }
    this.#slots = slots
  }
}

/** FNV-1a over UTF-16 code units. */
function hashOf(key: string, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193)
  return hash
}

/**
 * Strings sliced out of a key keep the whole key alive in V8; copy the ones we keep, so the
 * table holds one short string per node rather than one full key.
 */
function own(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1)
}
