import { KvError } from '../../errors.js'
import { compareKeys } from '../../records/keys.js'
import {
  type EngineIterator,
  type EngineKeyIterator,
  type EngineRange,
  type EngineSnapshot,
  type EngineTxn,
  inRange,
  type KvEngine,
} from '../engine.js'
import type { AnyLevel } from './any-level.js'
import { KeyPresence } from './key-presence.js'
import { LevelTxn } from './level-txn.js'
import { PointReads } from './point-reads.js'
import { DELETED, type Staged, StagedWrites, type Writes } from './staged-writes.js'
import { writeFailure } from './write-failure.js'

const UTF8 = { keyEncoding: 'utf8', valueEncoding: 'utf8' } as const
/** Failed batches in a row after which the engine gives up on the disk and refuses writes. */
const FAILURES_BEFORE_BROKEN = 3
const firstOf = (values: (string | undefined)[]) => values[0]

/**
 * An engine range as iterator options. classic-level ends a `nextv` once it has read 16 KiB by
 * default: about 200 graph edges, so a scan of a million keys took five times the round trips
 * its batches of 1,000 ask for; 256 KiB bounds the bytes one call holds instead. Built with
 * Object.assign: abstract-level walks the options' keys, and that walk is about 2 us slower on an
 * object built from several spreads (a short page costs ~50 us in all).
 */
function iteratorOptions(
  range: EngineRange,
  read: object | undefined,
  batchBytes = 1 << 18,
): object {
  return Object.assign({ highWaterMarkBytes: batchBytes }, range, read)
}

interface Job {
  work: (txn: EngineTxn) => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

interface Waiter {
  resolve: () => void
  reject: (error: unknown) => void
}

/** classic-level's size estimate (other abstract-level databases may not have one). */
interface ClassicLevelSize {
  approximateSize?(start: string, end: string): Promise<number>
}

export interface LevelEngineOptions {
  name: string
  location?: string
  /** fsync every batch (survives an OS crash, about 5x slower writes). */
  sync?: boolean
  /**
   * Keep a filter of the keys present, so writes of new keys skip their read (worth it where a
   * read of a missing key is costly: LevelDB on disk).
   */
  keyFilter?: boolean
}

/**
 * A KvEngine over any abstract-level database.
 *
 * Transactions run one at a time, so each sees every earlier transaction's writes and version
 * checks can never race. They do not wait for the disk: their writes are staged in memory (read
 * by later transactions) until a flush has written them. One flush is in flight at a time;
 * writes staged meanwhile are group-committed by the next one.
 */
export class LevelEngine implements KvEngine {
  readonly name: string
  readonly location?: string
  readonly #db: AnyLevel
  // abstract-level clones any options object it is given (and getSync skips its fast path),
  // which costs about as much as a cached read: pass none unless the defaults are not utf8.
  readonly #readOptions: typeof UTF8
  readonly #writeOptions: { sync?: true }
  readonly #opOptions: { keyEncoding?: 'utf8'; valueEncoding?: 'utf8' }
  readonly #canGetSync: boolean
  readonly #pointReads: PointReads
  readonly #queue: Job[] = []
  #running = false
  readonly #staged = new StagedWrites()
  /** Set with the `keyFilter` option. */
  readonly presence: KeyPresence | undefined
  #waiters: Waiter[] = []
  #flushing: Promise<void> | undefined
  /** The waiters of the batch being written (a read-only transaction may join them). */
  #inFlight: Waiter[] | undefined
  #closed = false
  #writeFailures = 0
  #failuresInARow = 0
  #lastFailure: KvError | undefined
  /** Why writes are refused after failing FAILURES_BEFORE_BROKEN times in a row. */
  #broken: KvError | undefined

  constructor(db: AnyLevel, options: LevelEngineOptions) {
    this.#db = db
    this.name = options.name
    if (options.location !== undefined) this.location = options.location
    const utf8 = db.keyEncoding().commonName === 'utf8' && db.valueEncoding().commonName === 'utf8'
    // Typed as options, but `undefined` is what abstract-level's own default path receives.
    this.#readOptions = utf8 ? (undefined as unknown as typeof UTF8) : UTF8
    const sync = options.sync === true ? { sync: true as const } : {}
    this.#writeOptions = sync
    this.#opOptions = utf8 ? {} : UTF8
    this.#canGetSync = (db.supports as { getSync?: boolean }).getSync === true
    this.#pointReads = new PointReads(db, this.#readOptions)
    if (options.keyFilter && this.#canGetSync) {
      this.presence = new KeyPresence({
        keys: () => this.#keyScan(),
        stagedKeys: () => this.#staged.keys(),
        approximateBytes: () => this.approximateSize({}),
      })
    }
  }

  async approximateSize(range: EngineRange): Promise<number> {
    const db = this.#db as unknown as ClassicLevelSize
    return db.approximateSize ? db.approximateSize(range.gte ?? '', range.lt ?? '\u{10ffff}') : 0
  }

  /** Called once the database is open: a new, empty database starts with its key filter in use. */
  async start(): Promise<void> {
    await this.presence?.startIfEmpty()
  }

  get(key: string): Promise<string | undefined> {
    if (this.#closed) return Promise.reject(closedError())
    const values = this.#pointReads.read([key])
    return values ? values.then(firstOf) : this.#db.get(key, this.#readOptions).catch(asClosed)
  }

  getMany(keys: string[]): Promise<(string | undefined)[]> {
    if (this.#closed) return Promise.reject(closedError())
    return this.#pointReads.read(keys) ?? this.#db.getMany(keys, this.#readOptions).catch(asClosed)
  }

  // abstract-level's iterators already have the engine's iterator methods: no wrapper object;
  // only their nextv is wrapped, so a scan that close() cut short fails with KV_CLOSED.
  iterator(range: EngineRange): EngineIterator {
    if (this.#closed) throw closedError()
    const options = iteratorOptions(range, this.#readOptions)
    return typedReadErrors(this.#db.iterator(options) as unknown as EngineIterator)
  }

  keys(range: EngineRange, batchBytes?: number): EngineKeyIterator {
    if (this.#closed) throw closedError()
    const options = iteratorOptions(range, this.#readOptions, batchBytes)
    return typedReadErrors(this.#db.keys(options) as unknown as EngineKeyIterator)
  }

  get writeFailures(): number {
    return this.#writeFailures
  }

  /**
   * An explicit LevelDB snapshot. It holds every flushed batch and none of the staged writes:
   * batches hold whole transactions and a transaction's promise settles only once its batch is
   * written, so the snapshot is the state after one commit and holds every write already awaited.
   */
  async snapshot(): Promise<EngineSnapshot> {
    if (this.#closed) throw closedError()
    const snapshot = this.#db.snapshot()
    const read = Object.assign({ snapshot }, this.#readOptions)
    return {
      iterator: (range) =>
        this.#db.iterator(iteratorOptions(range, read)) as unknown as EngineIterator,
      keys: (range) => this.#db.keys(iteratorOptions(range, read)) as unknown as EngineKeyIterator,
      close: () => snapshot.close(),
    }
  }

  /**
   * Writes the entries as one LevelDB batch, in the transaction queue's turn: earlier writes are
   * flushed first and no transaction runs until the batch is written, so none can read around
   * it, and the key filter learns every key before it is written. No transaction Map, no staged
   * layer: a restore's load costs about a raw batch.
   */
  load(entries: Array<[key: string, value: string]>): Promise<void> {
    return this.transact(async () => {
      while (this.#flushing) await this.#flushing
      const chained = this.#db.batch()
      const options = this.#opOptions
      for (let i = 0; i < entries.length; i++) {
        const [key, value] = entries[i]!
        this.presence?.adding(key)
        chained.put(key, value, options)
      }
      try {
        await chained.write(this.#writeOptions)
      } catch (error) {
        throw new KvError('KV_IO_ERROR', `load failed: ${(error as Error).message}`, {
          cause: error,
        })
      }
    })
  }

  transact<T>(work: (txn: EngineTxn) => T | Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(closedError())
    if (this.#broken) return Promise.reject(this.#broken)
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (!this.#running) void this.#run()
    })
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    while (this.#running || this.#flushing) {
      await (this.#flushing ?? new Promise((resolve) => setTimeout(resolve, 0)))
    }
    await this.presence?.close()
    await this.#db.close()
  }

  /**
   * The latest value of a key: staged writes first, then the database itself. The caller has
   * asked the key filter first (it knows of every staged key too).
   */
  readLatest(key: string): string | undefined | Promise<string | undefined> {
    const staged = this.#staged.get(key)
    if (staged !== undefined) return staged === DELETED ? undefined : staged
    if (!this.#canGetSync) return this.#db.get(key, this.#readOptions)
    const value = this.#db.getSync(key, this.#readOptions)
    if (value === undefined) this.presence?.missed()
    return value
  }

  /**
   * Every key, from a snapshot, in large batches: the scan's batches wait for the event loop,
   * which a bulk load keeps busy, so the fewer round trips the sooner the filter is in use.
   */
  #keyScan(): EngineKeyIterator {
    return this.keys({}, 1 << 22)
  }

  async #run(): Promise<void> {
    this.#running = true
    try {
      for (let job = this.#queue.shift(); job; job = this.#queue.shift()) {
        this.presence?.between()
        const txn = new LevelTxn(this)
        const failures = this.#writeFailures
        let result: unknown
        try {
          result = await job.work(txn)
        } catch (error) {
          job.reject(error)
          continue
        }
        const { resolve, reject } = job
        // A write failed while `work` ran: it may have read that write's staged state.
        if (this.#writeFailures !== failures) reject(this.#lastFailure)
        else if (txn.writes.size === 0)
          this.#settleReadOnly({ resolve: () => resolve(result), reject })
        else this.#stage(txn.writes, { resolve: () => resolve(result), reject })
      }
    } finally {
      this.#running = false
    }
  }

  /**
   * A transaction that wrote nothing may still have read staged writes: it settles with the
   * batch that writes them (and fails if that batch fails), never on state that is then lost.
   */
  #settleReadOnly(waiter: Waiter): void {
    if (this.#staged.pending) this.#waiters.push(waiter)
    else if (this.#inFlight) this.#inFlight.push(waiter)
    else waiter.resolve()
  }

  #stage(writes: Writes, waiter: Waiter): void {
    this.#staged.add(writes)
    this.#waiters.push(waiter)
    // The first write goes out at once; writes staged while it is in flight form the next batch.
    this.#flushing ??= this.#flush()
  }

  async #flush(): Promise<void> {
    while (this.#staged.pending) {
      const batch = this.#staged.take()
      const waiters = this.#waiters
      this.#waiters = []
      this.#inFlight = waiters
      let failure: KvError | undefined
      try {
        await this.#write(batch)
      } catch (error) {
        failure = this.#failed(error)
        // Everything staged since this batch was taken read its state: it fails too, unwritten.
        this.#staged.discardPending()
        waiters.push(...this.#waiters)
        this.#waiters = []
      }
      this.#inFlight = undefined
      // The database now holds these values (or, on failure, still holds the old ones).
      this.#staged.release()
      if (failure === undefined) this.#failuresInARow = 0
      for (const waiter of waiters)
        failure === undefined ? waiter.resolve() : waiter.reject(failure)
    }
    this.#flushing = undefined
  }

  /** Counts a failed batch; after several in a row the disk is taken as gone for good. */
  #failed(error: unknown): KvError {
    this.#writeFailures++
    const failure = writeFailure(error)
    this.#lastFailure = failure
    // A full quota (a browser's) is no broken disk: freeing space lets the next write through.
    if (failure.code === 'KV_QUOTA') return failure
    if (++this.#failuresInARow >= FAILURES_BEFORE_BROKEN) {
      this.#broken = new KvError(
        'KV_CLOSED',
        `the store refuses writes after ${FAILURES_BEFORE_BROKEN} failed writes in a row ` +
          `(last: ${(error as Error).message}); close it and open it again`,
        { cause: error },
      )
    }
    return failure
  }

  /**
   * Writes ops atomically through a chained batch: classic-level converts each chained put with
   * two string arguments, far cheaper than reading type, key and value properties off every
   * object of an array batch (about 1.5x faster for a batch of 2,000 small puts).
   */
  #write(batch: Writes[]): Promise<void> {
    const chained = this.#db.batch()
    const options = this.#opOptions
    // forEach: a for-of over a Map allocates an entry array per write.
    const add = (value: Staged, key: string) => {
      if (value === DELETED) chained.del(key, options)
      else chained.put(key, value, options)
    }
    for (const writes of batch) writes.forEach(add)
    return chained.write(this.#writeOptions)
  }

  /** A consistent snapshot of one range: database iterator plus the staged writes at this instant. */
  snapshotRange(range: EngineRange): { iterator: EngineIterator; staged: Map<string, Staged> } {
    const staged = new Map<string, Staged>()
    for (const [key, value] of this.#staged.entries()) {
      if (inRange(key, range, compareKeys)) staged.set(key, value)
    }
    return { iterator: this.iterator(range), staged }
  }
}

function closedError(cause?: unknown): KvError {
  return new KvError('KV_CLOSED', 'the store is closed', { cause })
}

/** abstract-level's "not open" errors (the store closed under a read) as KV_CLOSED. */
function asClosed(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'LEVEL_ITERATOR_NOT_OPEN' || code === 'LEVEL_DATABASE_NOT_OPEN')
    throw closedError(error)
  throw error
}

/** LevelDB's codes for a failing disk or damaged files. */
const IO_CODES = new Set(['LEVEL_IO_ERROR', 'LEVEL_CORRUPTION'])

/**
 * Types an iterator's read errors in place (one closure per iterator, a catch per batch, no
 * wrapper object): a disk error is KV_IO_ERROR, a read that close() cut short KV_CLOSED.
 */
function typedReadErrors<T extends { nextv(size: number): Promise<unknown[]> }>(iterator: T): T {
  const nextv = iterator.nextv.bind(iterator)
  const typed = (error: unknown): never => {
    if (!IO_CODES.has((error as { code?: string })?.code ?? '')) return asClosed(error)
    throw new KvError('KV_IO_ERROR', `read failed: ${(error as Error).message}`, { cause: error })
  }
  iterator.nextv = ((size: number) => nextv(size).catch(typed)) as T['nextv']
  return iterator
}
