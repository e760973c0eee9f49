import {
  type EngineInfo,
  type EngineIterator,
  type EngineKeyIterator,
  type EngineRange,
  type EngineSnapshot,
  type EngineTxn,
  type KvEngine,
  KvError,
} from '@kvgraph/core'
import postgres, { type Sql } from 'postgres'
import { boundsOf, fromBytes, toBytes } from './bytes.js'
import { type PostgresConfig, type PostgresEngineOptions, parseConfig } from './config.js'
import { copyLoad } from './copy-load.js'
import { readEngineInfo } from './engine-info.js'
import { closedError, isPrimaryLost, isRetryable, toKvError } from './errors.js'
import { primaryBackoff, untilPrimary } from './primary-wait.js'
import { entryOf, keyOf, type Query, RangeIterator } from './range-iterator.js'
import { backoff } from './retry.js'
import { CommitUnknown, runTransaction, WorkFailure } from './run-transaction.js'
import { ensureSchema } from './schema.js'
import { openSnapshot } from './snapshot.js'
import { type Statements, sizeQuery, statementsFor } from './statements.js'

const NO_JSON_EXPLAIN = new Set(['42601', '0A000'])

/** Rows times width of the plan's top node, from `EXPLAIN (FORMAT JSON)`'s one row. */
function planBytes(rows: ReadonlyArray<Record<string, unknown>>): number {
  const plans = rows[0]?.['QUERY PLAN'] as Array<{ Plan?: Record<string, number> }> | undefined
  const plan = plans?.[0]?.Plan
  return plan ? Math.round((plan['Plan Rows'] ?? 0) * (plan['Plan Width'] ?? 0)) : 0
}

/**
 * A KvEngine on PostgreSQL (or CockroachDB): one table of `bytea` keys and values per store.
 * `transact` is one SERIALIZABLE transaction, run again on a serialization failure; reads outside
 * a transaction see committed data. Many processes may share a table.
 */
export class PostgresEngine implements KvEngine {
  readonly name = 'postgres'
  /** Other processes may write the same table: the store reads its stream head in each transaction. */
  readonly shared = true
  /** The connection URL with its password masked. */
  readonly url: string
  readonly table: string
  readonly #sql: Sql
  readonly #config: PostgresConfig
  readonly #statements: Statements
  readonly #query: Query
  readonly #inFlight = new Set<Promise<unknown>>()
  #closed = false

  /** Transactions queue for the table (PostgreSQL; CockroachDB queues them itself). */
  readonly #lockTable: boolean
  /** Bulk loads use binary COPY (PostgreSQL), else multi-row upserts (CockroachDB). */
  readonly #copy: boolean

  private constructor(sql: Sql, config: PostgresConfig, lockTable: boolean, copy: boolean) {
    this.#lockTable = lockTable
    this.#copy = copy
    this.#sql = sql
    this.#config = config
    this.url = config.maskedUrl
    this.table = config.table
    this.#statements = statementsFor(config.table)
    this.#query = (text, params) =>
      sql.unsafe(text, params as never[], { prepare: true }).values() as Promise<Buffer[][]>
  }

  /**
   * Connects, then creates or migrates the store's table. Rejects with KV_INVALID_ARGUMENT for a
   * malformed URL or option, KV_UNAVAILABLE when the server cannot be reached or refuses the
   * credentials or database (the message names the URL, password masked).
   */
  static async open(url: string, options: PostgresEngineOptions = {}): Promise<PostgresEngine> {
    const config = parseConfig(url, options)
    const sql = postgres(config.driverUrl, {
      max: config.poolSize,
      connect_timeout: config.connectTimeoutMs / 1000,
      queue_timeout: config.queueTimeoutMs / 1000,
      onnotice: () => {},
      // Seconds before the pool tries a lost server again (calls meanwhile fail fast with the
      // last error). The driver's default grows to 20 s; 1 s at most notices a restart sooner.
      backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 1),
      // Our statements need no type lookup: skip the round trip it costs per new connection.
      fetch_types: false,
      connection: {
        application_name: 'kvgraph',
        ...(config.statementTimeoutMs === undefined
          ? {}
          : { statement_timeout: Math.floor(config.statementTimeoutMs) }),
      },
    })
    let cockroach: boolean
    try {
      await ensureSchema(sql, config.table)
      const [row] = await sql.unsafe('SELECT version()')
      cockroach = /cockroach/i.test(String(Object.values(row ?? {})[0] ?? ''))
    } catch (error) {
      await sql.end({ timeout: 0 }).catch(() => {})
      throw toKvError(error, 'open', config.maskedUrl)
    }
    return new PostgresEngine(sql, config, config.queueTransactions && !cockroach, !cockroach)
  }

  get(key: string): Promise<string | undefined> {
    return this.#track('get', async () => {
      const rows = await this.#query(this.#statements.get, [toBytes(key)])
      const value = rows[0]?.[0]
      return value === undefined ? undefined : fromBytes(value)
    })
  }

  getMany(keys: string[]): Promise<(string | undefined)[]> {
    return this.#track('getMany', async () => {
      if (keys.length === 0) return []
      const rows = await this.#query(this.#statements.getMany, [keys.map(toBytes)])
      const found = new Map<string, string>()
      for (const [k, v] of rows) found.set(fromBytes(k!), fromBytes(v!))
      return keys.map((key) => found.get(key))
    })
  }

  iterator(range: EngineRange): EngineIterator {
    return this.#range('iterator', range, true, entryOf)
  }

  keys(range: EngineRange): EngineKeyIterator {
    return this.#range('keys', range, false, keyOf)
  }

  /** Pages of the range (with values, or keys alone), each page one statement. */
  #range<T>(
    method: string,
    range: EngineRange,
    values: boolean,
    row: (row: Buffer[]) => T,
  ): RangeIterator<T> {
    return new RangeIterator(this.#trackedQuery(method), this.#statements.table, range, values, row)
  }

  /**
   * The planner's estimate of the range's rows times their width, from the table's statistics
   * (ANALYZE / autovacuum): a planning aid, 0 where the server gives no estimate.
   */
  approximateSize(range: EngineRange): Promise<number> {
    return this.#track('approximateSize', async () => {
      const { text, params } = sizeQuery(this.#statements.table, {
        ...boundsOf(range),
        reverse: false,
        values: true,
      })
      try {
        return planBytes(await this.#sql.unsafe(text, params as never[]))
      } catch (error) {
        // CockroachDB has no EXPLAIN (FORMAT JSON): no estimate there.
        if (NO_JSON_EXPLAIN.has((error as { code?: string }).code ?? '')) return 0
        throw error
      }
    })
  }

  /**
   * The engine, the URL (password masked), the table, the server's version and the table's size
   * with its indexes (left out where the server does not tell it, e.g. CockroachDB).
   */
  info(): Promise<EngineInfo> {
    return this.#track('info', () => readEngineInfo(this.#sql, this.table, this.url))
  }

  /**
   * One REPEATABLE READ READ ONLY transaction (see snapshot.ts): no table lock, so writers are
   * not held up. close() waits for open snapshots to be closed.
   */
  snapshot(): Promise<EngineSnapshot> {
    return this.#track('snapshot', async () => {
      const snapshot = await openSnapshot(this.#sql, this.#statements.table, (error) =>
        toKvError(error, 'snapshot', this.url),
      )
      let closed!: () => void
      const done = new Promise<void>((resolve) => {
        closed = resolve
      })
      this.#inFlight.add(done)
      return {
        ...snapshot,
        close: () =>
          snapshot.close().finally(() => {
            this.#inFlight.delete(done)
            closed()
          }),
      }
    })
  }

  /**
   * The entries in one statement, outside any transaction (a single statement is atomic, and a
   * restore into an empty table needs no table lock): a binary COPY on PostgreSQL (copy-load.ts;
   * it fails on a key the table holds), a multi-row upsert (unnest of two bytea arrays) on
   * CockroachDB.
   */
  load(entries: Array<[key: string, value: string]>): Promise<void> {
    return this.#track('load', async () => {
      if (entries.length === 0) return
      if (this.#copy) return copyLoad(this.#sql, this.#statements.table, entries)
      const keys = new Array<Buffer>(entries.length)
      const values = new Array<Buffer>(entries.length)
      for (let i = 0; i < entries.length; i++) {
        keys[i] = toBytes(entries[i]![0])
        values[i] = toBytes(entries[i]![1])
      }
      await this.#query(this.#statements.upsert, [keys, values])
    })
  }

  /**
   * Runs `work` in one SERIALIZABLE transaction, then sends its staged writes and commits. On a
   * serialization failure or deadlock (40001, 40P01) `work` runs again from the start, after a
   * jittered backoff; after `maxRetries` it rejects with KV_CONFLICT. Settles once committed.
   *
   * Without a primary (a crash, a failover, a read-only host) before COMMIT, it runs again until
   * one answers or `primaryWaitMs` has passed (then KV_UNAVAILABLE, `outcome: 'not-applied'`). A
   * connection lost after COMMIT was sent rejects at once with `outcome: 'unknown'`.
   */
  transact<T>(work: (txn: EngineTxn) => T | Promise<T>): Promise<T> {
    return this.#track('transact', () => this.#attempts(work), false)
  }

  async #attempts<T>(work: (txn: EngineTxn) => T | Promise<T>): Promise<T> {
    const deadline = Date.now() + this.#config.primaryWaitMs
    let conflicts = 0
    for (let lost = 0; ; ) {
      try {
        return await runTransaction(this.#sql, this.#statements, work, this.#lockTable)
      } catch (error) {
        if (error instanceof WorkFailure) throw error.error // work's own error, as thrown
        if (error instanceof CommitUnknown) {
          throw toKvError(error.error, 'transact', this.url, 'unknown')
        }
        // Never reached COMMIT: nothing applied, so try again while the wait for a primary lasts.
        const left = deadline - Date.now()
        if (isPrimaryLost(error) && left > 0 && !this.#closed) {
          await primaryBackoff(++lost, left)
          continue
        }
        if (!isRetryable(error)) throw toKvError(error, 'transact', this.url)
        if (conflicts >= this.#config.maxRetries) {
          throw new KvError(
            'KV_CONFLICT',
            `PostgresEngine.transact: still conflicting after ${conflicts + 1} attempts (maxRetries ${this.#config.maxRetries}): ${(error as Error).message}`,
            { cause: error },
          )
        }
        await backoff(++conflicts)
      }
    }
  }

  /** Waits for in-flight calls, then closes the pool's connections. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight])
    await this.#sql.end({ timeout: 5 })
  }

  /**
   * Runs a call unless closed; close() waits for it. Unless told not to (transact, which handles
   * both itself), runs it again while no primary answers and maps driver errors to KvErrors.
   */
  #track<T>(method: string, call: () => Promise<T>, map = true): Promise<T> {
    if (this.#closed) return Promise.reject(closedError(method))
    // Reads apply nothing: run again while no primary answers, up to primaryWaitMs.
    const deadline = Date.now() + this.#config.primaryWaitMs
    const called = map ? untilPrimary(call, deadline, () => this.#closed) : call()
    const running = map
      ? called.catch((error: unknown) => {
          throw toKvError(error, method, this.url)
        })
      : called
    this.#inFlight.add(running)
    const done = () => this.#inFlight.delete(running)
    running.then(done, done)
    return running
  }

  #trackedQuery(method: string): Query {
    return (text, params) => this.#track(method, () => this.#query(text, params))
  }
}
