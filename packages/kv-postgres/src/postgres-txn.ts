import type { EngineRange, EngineTxn } from '@kvgraph/core'
import { boundsOf, fromBytes, toBytes, withinBounds } from './bytes.js'
import { entryOf, type Query, RangeIterator } from './range-iterator.js'
import type { Statements } from './statements.js'

const DELETED = Symbol('deleted')
type Staged = string | typeof DELETED
const SCAN_BATCH = 1000

/**
 * One attempt of a SERIALIZABLE transaction. Reads go to the server inside the transaction, after
 * the transaction's own staged writes; writes are staged and sent by `flush` in two statements.
 * The first driver error is kept, so a serialization failure is retried even when `work` caught
 * it or threw something else in its place.
 */
export class PostgresTxn implements EngineTxn {
  readonly #writes = new Map<string, Staged>()
  readonly #query: Query
  readonly #statements: Statements
  failure: unknown

  constructor(query: Query, statements: Statements) {
    this.#statements = statements
    this.#query = (text, params) =>
      query(text, params).catch((error: unknown) => {
        this.failure ??= error
        throw error
      })
  }

  get(key: string): string | undefined | Promise<string | undefined> {
    const local = this.#writes.get(key)
    if (local !== undefined) return local === DELETED ? undefined : local
    return this.#query(this.#statements.get, [toBytes(key)]).then((rows) => {
      const value = rows[0]?.[0]
      return value === undefined ? undefined : fromBytes(value)
    })
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
    for (
      let batch = await iterator.nextv(SCAN_BATCH);
      batch.length > 0;
      batch = await iterator.nextv(SCAN_BATCH)
    ) {
      const fresh = staged.size === 0 ? batch : batch.filter(([key]) => !staged.has(key))
      if (fresh.length > 0) yield fresh
    }
    const added: Array<[string, string]> = []
    for (const [key, value] of staged) if (value !== DELETED) added.push([key, value])
    if (added.length > 0) yield added
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
