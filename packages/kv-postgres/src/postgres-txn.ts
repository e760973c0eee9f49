import type { EngineRange, EngineTxn } from '@kvgraph/core'
import { overlayStaged } from '@kvgraph/core/internal'
import { boundsOf, fromBytes, toBytes, withinBounds } from './bytes.js'
import { entryOf, type Query, RangeIterator } from './range-iterator.js'
import type { Statements } from './statements.js'

const DELETED = Symbol('deleted')
type Staged = string | typeof DELETED
const SCAN_BATCH = 1000

/**
 * Keys read one by one before the rest are read speculatively (see `get`): a transaction that
 * reads a key or two (a put, a version check) waits for each read as it asks; a larger one (a
 * mutate of many keys) batches.
 */
export const SPECULATE_AFTER = 2

/**
 * One pass of `work` in a SERIALIZABLE transaction. Reads go to the server inside the transaction,
 * after the transaction's own staged writes; writes are staged and sent by `flush` in two
 * statements. The first driver error is kept, so a serialization failure is retried even when
 * `work` caught it or threw something else in its place.
 *
 * Speculative reads: with `speculate` on, once SPECULATE_AFTER keys were read from the server, a
 * key the pass has not seen reads as missing at once (no round trip) and is noted in `assumed`.
 * The runner (transaction.ts) then reads every assumed key in one statement, in the same
 * transaction and snapshot, before anything is written: if all are missing the pass saw the
 * truth; otherwise `work` runs again with what was read in `known`. One statement replaces a
 * round trip per key, which is what a mutate of 1,000 new keys costs otherwise.
 */
export class PostgresTxn implements EngineTxn {
  readonly #writes = new Map<string, Staged>()
  readonly #query: Query
  readonly #statements: Statements
  /** Values read from the server earlier in this transaction (undefined: missing there). */
  readonly #known: Map<string, string | undefined>
  readonly #speculate: boolean
  #reads = 0
  /** Keys this pass took to be missing without asking the server. */
  readonly assumed = new Set<string>()
  failure: unknown

  constructor(
    query: Query,
    statements: Statements,
    known = new Map<string, string | undefined>(),
    speculate = false,
  ) {
    this.#statements = statements
    this.#known = known
    this.#speculate = speculate
    this.#query = (text, params) =>
      query(text, params).catch((error: unknown) => {
        this.failure ??= error
        throw error
      })
  }

  get(key: string): string | undefined | Promise<string | undefined> {
    const local = this.#writes.get(key)
    if (local !== undefined) return local === DELETED ? undefined : local
    if (this.#known.has(key)) return this.#known.get(key)
    if (this.#speculate && this.#reads >= SPECULATE_AFTER) {
      this.assumed.add(key)
      return undefined
    }
    this.#reads++
    return this.#query(this.#statements.get, [toBytes(key)]).then((rows) => {
      const found = rows[0]?.[0]
      const value = found === undefined ? undefined : fromBytes(found)
      this.#known.set(key, value)
      return value
    })
  }

  /**
   * Reads the assumed keys (one statement) into `known`; true when every one is missing, so the
   * pass saw what the server holds.
   */
  async confirm(): Promise<boolean> {
    if (this.assumed.size === 0) return true
    const keys = [...this.assumed]
    const rows = await this.#query(this.#statements.getMany, [keys.map(toBytes)])
    for (const key of keys) this.#known.set(key, undefined)
    for (const [k, v] of rows) this.#known.set(fromBytes(k!), fromBytes(v!))
    return rows.length === 0
  }

  put(key: string, value: string): void {
    this.#writes.set(key, value)
  }

  del(key: string): void {
    this.#writes.set(key, DELETED)
  }

  /** The server's rows of the range minus the keys staged here, then the staged puts in range. */
  async *entries(range: EngineRange): AsyncIterable<Array<[string, string]>> {
    const bounds = boundsOf(range)
    const staged = new Map<string, Staged>()
    for (const [key, value] of this.#writes) {
      if (withinBounds(toBytes(key), bounds)) staged.set(key, value)
    }
    const iterator = new RangeIterator(this.#query, this.#statements.table, range, true, entryOf)
    yield* overlayStaged(iterator, staged, SCAN_BATCH)
  }

  /** Sends the staged writes: one multi-row upsert, one `DELETE ... = ANY`. */
  async flush(): Promise<void> {
    const putKeys: Buffer[] = []
    const putValues: Buffer[] = []
    const deleted: Buffer[] = []
    for (const [key, value] of this.#writes) {
      if (value === DELETED) deleted.push(toBytes(key))
      else {
        putKeys.push(toBytes(key))
        putValues.push(toBytes(value))
      }
    }
    const sent: Promise<unknown>[] = []
    // Pipelined on the transaction's connection: one round trip for both.
    if (deleted.length > 0) sent.push(this.#query(this.#statements.deleteMany, [deleted]))
    if (putKeys.length > 0) sent.push(this.#query(this.#statements.upsert, [putKeys, putValues]))
    await Promise.all(sent)
  }
}
