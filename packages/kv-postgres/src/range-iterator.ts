import { describeValue, type EngineRange, KvError } from '@kvgraph/core'
import { boundsOf, fromBytes, toBytes } from './bytes.js'
import { closedError } from './errors.js'
import { type Bound, type RangePage, rangeQuery } from './statements.js'

/** Runs one statement and gives its rows as arrays of column values (bytea as Buffer). */
export type Query = (text: string, params: unknown[]) => Promise<Buffer[][]>

/**
 * A range read page by page (keyset pagination): each `nextv(n)` is one statement, `k > last
 * ORDER BY k LIMIT n` (reversed: `k < last ... DESC`). Each page is a consistent snapshot; the
 * pages together are not (a write committed between two pages is seen or not by where it falls).
 * In exchange an open iterator holds no connection and no transaction: the pool is never pinned
 * by a slow or forgotten reader, and a failover between pages costs nothing. See docs/postgres.md.
 */
export class RangeIterator<T> {
  readonly #query: Query
  readonly #table: string
  readonly #page: RangePage
  readonly #row: (row: Buffer[]) => T
  #ended = false
  #closed = false

  constructor(
    query: Query,
    table: string,
    range: EngineRange,
    values: boolean,
    row: (row: Buffer[]) => T,
  ) {
    this.#query = query
    this.#table = table
    this.#page = { ...boundsOf(range), reverse: range.reverse === true, values }
    this.#row = row
  }

  async nextv(size: number): Promise<T[]> {
    if (this.#closed) throw closedError('iterator.nextv')
    if (!Number.isInteger(size)) {
      throw new KvError(
        'KV_INVALID_ARGUMENT',
        `PostgresEngine iterator.nextv: size must be an integer: received ${describeValue(size)}`,
      )
    }
    if (this.#ended) return []
    const limit = Math.max(size, 1) // as abstract-level: 0 or less reads one
    const { text, params } = rangeQuery(this.#table, this.#page, limit)
    const rows = await this.#query(text, params)
    // A short page is the end: no statement to learn it (a seek starts over).
    if (rows.length < limit) this.#ended = true
    const last = rows.at(-1)
    if (last) this.#page.from = { key: last[0]!, inclusive: false }
    return rows.map(this.#row)
  }

  seek(target: string): void {
    this.#page.from = { key: toBytes(target), inclusive: true } satisfies Bound
    this.#ended = false
  }

  async close(): Promise<void> {
    this.#closed = true
  }
}

export const entryOf = (row: Buffer[]): [string, string] => [fromBytes(row[0]!), fromBytes(row[1]!)]
export const keyOf = (row: Buffer[]): string => fromBytes(row[0]!)
