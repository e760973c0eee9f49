/**
 * Maps strings (node codes, edge type components) to dense integer ids (for a graph's traversals,
 * or for one traversal when the graph keeps no adjacency), so visited sets, depths and adjacency
 * lists hold small integers instead of strings. Ids are never reused: the table only grows, and
 * the graph starts a fresh one when it outgrows its bound (shared-adjacency.ts).
 *
 * A traversal looks up the node at the end of every edge it reads, so lookups are the hottest
 * path of a large traversal. This table avoids what makes a Map slow there: the code is looked
 * up inside its key without slicing a string out; the hash and the id share one slot of a
 * typed array; and the stored codes are compared against a pool of character codes in one
 * typed array, instead of chasing string objects across the heap.
 */
export class Interner {
  /** The string of each id. */
  readonly values: string[] = []
  /** Pairs (hash, id + 1) by slot; id + 1 === 0 marks an empty slot. */
  #slots = new Int32Array(2048)
  /** The characters of every value, one after the other. */
  #pool = new Uint16Array(4096)
  /** Where each value starts in the pool; value i ends where value i + 1 starts. */
  #starts = new Int32Array(1025)
  #used = 0

  /** The id of `value`, assigned on first sight. */
  id(value: string): number {
    return this.idIn(value, 0, value.length)
  }

  /** The id of `key.slice(start, end)`, assigned on first sight. */
  idIn(key: string, start: number, end: number): number {
    const hash = hashOf(key, start, end)
    const slots = this.#slots
    const mask = (slots.length >> 1) - 1
    let slot = hash & mask
    for (;;) {
      const entry = slots[2 * slot + 1]!
      if (entry === 0) break
      if (slots[2 * slot] === hash && this.#matches(entry - 1, key, start, end)) return entry - 1
      slot = (slot + 1) & mask
    }
    const id = this.values.length
    this.#add(key, start, end)
    slots[2 * slot] = hash
    slots[2 * slot + 1] = id + 1
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
    const mask = (slots.length >> 1) - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1]!
      if (entry === 0) return -1
      if (slots[2 * slot] === hash && this.#matches(entry - 1, key, start, end)) return entry - 1
    }
  }

  get size(): number {
    return this.values.length
  }

  #matches(id: number, key: string, start: number, end: number): boolean {
    const from = this.#starts[id]!
    if (this.#starts[id + 1]! - from !== end - start) return false
    const pool = this.#pool
    for (let i = start, j = from; i < end; i++, j++) if (key.charCodeAt(i) !== pool[j]) return false
    return true
  }

  #add(key: string, start: number, end: number): void {
    const id = this.values.length
    const length = end - start
    if (this.#used + length > this.#pool.length) {
      const pool = new Uint16Array(Math.max(this.#pool.length * 2, this.#used + length))
      pool.set(this.#pool)
      this.#pool = pool
    }
    for (let i = start; i < end; i++) this.#pool[this.#used++] = key.charCodeAt(i)
    if (id + 2 > this.#starts.length) {
      const starts = new Int32Array(this.#starts.length * 2)
      starts.set(this.#starts)
      this.#starts = starts
    }
    this.#starts[id + 1] = this.#used
    this.values.push(start === 0 && end === key.length ? key : own(key.slice(start, end)))
  }

  #grow(): void {
    this.#rebuild(this.#slots.length)
  }

  #rebuild(capacity: number): void {
    const slots = new Int32Array(2 * capacity)
    const mask = capacity - 1
    const pool = this.#pool
    for (let id = 0; id < this.values.length; id++) {
      let hash = 0x811c9dc5 | 0
      for (let i = this.#starts[id]!; i < this.#starts[id + 1]!; i++) {
        hash = Math.imul(hash ^ pool[i]!, 0x01000193)
      }
      let slot = hash & mask
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask
      slots[2 * slot] = hash
      slots[2 * slot + 1] = id + 1
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
