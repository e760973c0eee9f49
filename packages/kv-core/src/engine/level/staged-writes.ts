/** A staged delete: the key reads as absent until the flush that deletes it has finished. */
export const DELETED = Symbol('deleted')
export type Staged = string | typeof DELETED
/** A transaction's writes: the final value of each key it wrote (a Map keeps write order). */
export type Writes = Map<string, Staged>

/** Transactions with fewer writes share a layer; larger ones are a layer of their own. */
const OWN_LAYER_MIN = 64

/**
 * Writes that transactions have staged and the database does not hold yet, as layers in staging
 * order: a large transaction's writes become a layer as they are (no copy), consecutive small
 * transactions share one. A flush takes every layer staged so far and drops them once written,
 * so no key is deleted one by one. Reads look from the newest layer down; layers are few: the
 * ones being written and those staged since.
 */
export class StagedWrites {
  readonly #layers: Writes[] = []
  /** How many of the oldest layers the flush in progress is writing. */
  #taken = 0
  /** The layer small transactions are merged into, until a large one or a flush closes it. */
  #open: Writes | undefined

  add(writes: Writes): void {
    if (writes.size >= OWN_LAYER_MIN) {
      this.#layers.push(writes)
      this.#open = undefined
      return
    }
    if (this.#open === undefined) {
      this.#open = new Map()
      this.#layers.push(this.#open)
    }
    for (const [key, value] of writes) this.#open.set(key, value)
  }

  /** The latest staged value of `key`, or undefined when no staged write touches it. */
  get(key: string): Staged | undefined {
    for (let i = this.#layers.length - 1; i >= 0; i--) {
      const value = this.#layers[i]!.get(key)
      if (value !== undefined) return value
    }
    return undefined
  }

  /** True when layers wait for a flush. */
  get pending(): boolean {
    return this.#layers.length > this.#taken
  }

  /** The layers for the next flush, oldest first; one flush at a time (see `release`). */
  take(): Writes[] {
    this.#open = undefined
    const taken = this.#layers.slice(this.#taken)
    this.#taken = this.#layers.length
    return taken
  }

  /** Drops the layers of the finished flush: the database holds them now (or never will). */
  release(): void {
    this.#layers.splice(0, this.#taken)
    this.#taken = 0
  }

  /**
   * Drops the layers staged after the flush in progress took its own, unwritten: after that
   * flush failed, they were built on its state (see LevelEngine's #flush).
   */
  discardPending(): void {
    this.#layers.length = this.#taken
    this.#open = undefined
  }

  /** Every staged key (a key written twice comes twice). */
  *keys(): Iterable<string> {
    for (const layer of this.#layers) yield* layer.keys()
  }

  /** Every staged write, oldest first (a later value of a key comes after an earlier one). */
  *entries(): Iterable<[string, Staged]> {
    for (const layer of this.#layers) yield* layer
  }
}
