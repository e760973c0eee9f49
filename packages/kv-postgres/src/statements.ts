/**
 * Every statement the engine sends for one store table (docs/postgres.md lists them). Only SQL
 * that CockroachDB accepts too: `bytea` (its `BYTES`), `= ANY($1)`, `unnest` of two arrays,
 * `INSERT ... ON CONFLICT ... DO UPDATE`. The table name is validated, then quoted.
 */
export interface Statements {
  get: string
  getMany: string
  upsert: string
  deleteMany: string
  /** A page of a range, keyset style: see `rangeQuery`. */
  table: string
  /**
   * Taken first in every transaction on PostgreSQL (not on CockroachDB, which queues contending
   * transactions itself): see runTransaction. Self-conflicting, so the store's transactions
   * queue for the table; plain reads (ACCESS SHARE) are not blocked.
   */
  writeLock: string
}

export function statementsFor(table: string): Statements {
  const t = `"${table}"`
  return {
    table: t,
    writeLock: `LOCK TABLE ${t} IN SHARE ROW EXCLUSIVE MODE`,
    get: `SELECT v FROM ${t} WHERE k = $1`,
    getMany: `SELECT k, v FROM ${t} WHERE k = ANY($1)`,
    // One statement for all of a transaction's puts (and one for its deletes), whatever their count.
    upsert: `INSERT INTO ${t} (k, v) SELECT * FROM unnest($1::bytea[], $2::bytea[]) ON CONFLICT (k) DO UPDATE SET v = excluded.v`,
    deleteMany: `DELETE FROM ${t} WHERE k = ANY($1)`,
  }
}

/** One end of a key range, as bytes. */
export interface Bound {
  key: Buffer
  inclusive: boolean
}

/** A range page: `lower < k < upper` (each end optional, inclusive or not), in order, at most n. */
export interface RangePage {
  lower?: Bound | undefined
  upper?: Bound | undefined
  /** Where the previous page ended or a seek moved to: a second lower (forward) or upper bound. */
  from?: Bound | undefined
  reverse: boolean
  values: boolean
}

/**
 * `SELECT k[, v] FROM t WHERE <ends> ORDER BY k [DESC] LIMIT $n`. Both the range's end and the
 * position are sent (not merged in JS: comparing bytes in JS costs more than the server's index
 * does); the primary key index serves either direction.
 */
export function rangeQuery(table: string, page: RangePage, limit: number) {
  const params: unknown[] = []
  const where: string[] = []
  const add = (bound: Bound | undefined, side: '>' | '<') => {
    if (bound === undefined) return
    params.push(bound.key)
    where.push(`k ${side}${bound.inclusive ? '=' : ''} $${params.length}`)
  }
  add(page.lower, '>')
  add(page.upper, '<')
  add(page.from, page.reverse ? '<' : '>')
  params.push(limit)
  const text =
    `SELECT ${page.values ? 'k, v' : 'k'} FROM ${table}` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY k${page.reverse ? ' DESC' : ''} LIMIT $${params.length}`
  return { text, params }
}

/** The server's estimate of a range's rows and their width (the planner's statistics). */
export function sizeQuery(table: string, page: RangePage) {
  const { text, params } = rangeQuery(table, { ...page, values: true }, 0)
  return {
    text: `EXPLAIN (FORMAT JSON) ${text.replace(/ ORDER BY.*$/, '')}`,
    params: params.slice(0, -1),
  }
}
