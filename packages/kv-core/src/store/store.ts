import { batchesOf, type EngineTxn, type KvEngine } from '../engine/engine.js'
import { invalidArgument, KvError } from '../errors.js'
import { mayExpire, type SweepContext, type Sweeper, sweepAll } from '../expiry/ttl-sweeper.js'
import {
  acquireLock,
  assertDuration,
  assertName,
  type LockStatus,
  lockKey,
  lockStatus,
  releaseLock,
} from '../locks/locks.js'
import type { JsonValue } from '../records/json.js'
import { assertKey, assertPrefix } from '../records/keys.js'
import { childSpace, metaKey, TAG_RECORD } from '../records/keyspace.js'
import { decodeRecord, decodeValue, isExpired, type KvRecord } from '../records/record.js'
import {
  countIn,
  type DecodedPage,
  type KvPage,
  type KvValuePage,
  pageLimit,
  pageOffset,
  readPage,
  recordsIn,
  type ScanOptions,
  takePage,
} from '../scan/pages.js'
import { type PrefixGroup, prefixGroups } from '../scan/prefix-groups.js'
import {
  boundsOf,
  decodeCursor,
  encodeCursor,
  engineRange,
  isEmpty,
  type KeyBounds,
  type KvSelector,
} from '../scan/selector.js'
import { recordsOfType } from '../scan/type-scan.js'
import type { CommitListener, CommitListeners } from '../stream/commit-listeners.js'
import { Consumer, type ConsumerOptions } from '../stream/consumer.js'
import type { Notifier } from '../stream/notifier.js'
import {
  checkQuery,
  readStream,
  type StreamEntry,
  type StreamQuery,
  type StreamSequencer,
  trimStream,
} from '../stream/stream.js'
import { type WatchEvent, type WatchOptions, watch } from '../stream/watch.js'
import { type ApplyContext, applyMutation, type Change } from '../writes/apply.js'
import {
  assertType,
  type KvMutation,
  type Limits,
  type PreparedMutation,
  prepareMutation,
} from '../writes/mutations.js'

/** Keys per batch of `keyBatches` unless asked otherwise. */
const SCAN_BATCH = 1000

export interface PutOptions {
  /** -1 or omitted: no check; 0: the key must not exist; N > 0: the stored version must be N. */
  version?: number
  /** Defaults to the key's first `/`-separated segment. */
  type?: string
  /** Time to live in milliseconds. */
  ttl?: number
}

export interface PatchOptions {
  version?: number
}

export interface DeleteOptions {
  version?: number
}

export interface EntriesOptions {
  reverse?: boolean
}

export interface KeyBatchOptions extends EntriesOptions {
  /**
   * Keys per batch (default 1,000). Larger batches cost fewer round trips to the engine on
   * scans of millions of keys, and hold that many keys in memory at once.
   */
  batchSize?: number
}

/** State shared by a store and all its namespace views. */
export interface StoreCore {
  engine: KvEngine
  limits: Limits
  now: () => number
  closed: boolean
  /** Runs once when the store closes (releases the in-process path lock). */
  onClose?: () => void
  /** Appends change stream entries; absent when the store was opened with `stream: false`. */
  sequencer?: StreamSequencer
  /** Wakes watchers after commits with changes. */
  notifier: Notifier
  /** In-process listeners hearing each committed transaction's changes. */
  commits: CommitListeners
  /** What sweeping expired records needs (built once, shared by the timer and sweepExpired). */
  sweep: SweepContext
  /** Deletes expired records in the background. */
  sweeper?: Sweeper
}

/**
 * A versioned JSON key-value store. Create one with `openStore()`; `namespace(name)` gives a
 * view whose keys are isolated from every other namespace.
 */
export class Store {
  readonly #core: StoreCore
  readonly #space: string
  readonly #base: string

  /** @internal Use openStore(). */
  constructor(core: StoreCore, space = '') {
    this.#core = core
    this.#space = space
    this.#base = space + TAG_RECORD
  }

  /** The engine's name ('classic-level', 'memory-level', ...). */
  get engine(): string {
    return this.#core.engine.name
  }

  /** The on-disk location, for engines that have one. */
  get location(): string | undefined {
    return this.#core.engine.location
  }

  get closed(): boolean {
    return this.#core.closed
  }

  // ---- reads ----

  async get<T extends JsonValue = JsonValue>(key: string): Promise<KvRecord<T> | undefined> {
    this.#open()
    assertKey(key)
    const raw = await this.#core.engine.get(this.#base + key)
    if (raw === undefined || isExpired(raw, this.#core.now())) return undefined
    return decodeRecord<T>(key, raw)
  }

  /** Records in the same order as `keys` (undefined where missing), read from one snapshot. */
  async getMany<T extends JsonValue = JsonValue>(
    keys: string[],
  ): Promise<(KvRecord<T> | undefined)[]> {
    this.#open()
    if (!Array.isArray(keys)) throw invalidArgument('keys', 'an array of keys', keys)
    for (let i = 0; i < keys.length; i++) assertKey(keys[i], `keys[${i}]`)
    const raws = await this.#core.engine.getMany(keys.map((key) => this.#base + key))
    const now = this.#core.now()
    return raws.map((raw, i) =>
      raw === undefined || isExpired(raw, now) ? undefined : decodeRecord<T>(keys[i]!, raw),
    )
  }

  /** One page of the records a selector covers, in key order (or reverse). */
  async scan(selector: KvSelector, options: ScanOptions = {}): Promise<KvPage> {
    this.#open()
    const bounds = boundsOf(selector)
    return this.#page(bounds, options)
  }

  /**
   * The page `scan` would return, with only each record's key and value (`{ keys, values,
   * cursor? }`): for callers that never look at versions, times or types, which are then not
   * decoded. Cursors are interchangeable with scan's.
   */
  async scanValues(selector: KvSelector, options: ScanOptions = {}): Promise<KvValuePage> {
    this.#open()
    const page = await this.#read(boundsOf(selector), options, decodeValue)
    return page.cursor === undefined
      ? { keys: page.keys, values: page.items }
      : { keys: page.keys, values: page.items, cursor: page.cursor }
  }

  async getPrefix(prefix: string, options: ScanOptions = {}): Promise<KvPage> {
    return this.scan({ prefix }, options)
  }

  async getRange(start: string, end: string, options: ScanOptions = {}): Promise<KvPage> {
    this.#open()
    assertKey(start, 'start')
    assertKey(end, 'end')
    return this.#page({ lower: start, upper: end }, options)
  }

  async list(options: ScanOptions = {}): Promise<KvPage> {
    return this.scan({ prefix: '' }, options)
  }

  /** One page of the records of a type, in key order. */
  async getType(type: string, options: ScanOptions = {}): Promise<KvPage> {
    this.#open()
    assertType(type)
    const { limit, offset, reverse, after } = this.#pageOptions(options, {})
    const records = recordsOfType(this.#core.engine, this.#space, type, {
      after,
      reverse,
      now: this.#core.now,
    })
    return takePage(records, limit, offset, (key) => encodeCursor(key, reverse))
  }

  /** Streams every record a selector covers, with bounded memory. */
  async *entries(selector: KvSelector, options: EntriesOptions = {}): AsyncGenerator<KvRecord> {
    this.#open()
    const bounds = boundsOf(selector)
    if (isEmpty(bounds)) return
    yield* recordsIn(
      this.#core.engine,
      engineRange(this.#base, bounds, options.reverse),
      this.#base,
      this.#core.now,
    )
  }

  /** Streams every key a selector covers (values are not decoded). */
  async *keys(selector: KvSelector, options: EntriesOptions = {}): AsyncGenerator<string> {
    for await (const batch of this.keyBatches(selector, options)) yield* batch
  }

  /**
   * The keys a selector covers, in arrays of up to `batchSize` (1,000) as the engine reads them:
   * for scans of millions of keys, one await per batch instead of one per key.
   */
  async *keyBatches(selector: KvSelector, options: KeyBatchOptions = {}): AsyncGenerator<string[]> {
    for await (const { keys, offset } of this.rawKeyBatches(selector, options)) {
      for (let i = 0; i < keys.length; i++) keys[i] = keys[i]!.slice(offset)
      yield keys
    }
  }

  /**
   * `keyBatches` without cutting each key out of the engine's: every key still carries the
   * store's own prefix, and the key itself starts at `offset`. For scans that parse millions of
   * keys in place, where one sliced string per key is a fair share of their time.
   */
  async *rawKeyBatches(
    selector: KvSelector,
    options: KeyBatchOptions = {},
  ): AsyncGenerator<{ keys: string[]; offset: number }> {
    this.#open()
    const size = options.batchSize ?? SCAN_BATCH
    if (!Number.isSafeInteger(size) || size < 1)
      throw invalidArgument('batchSize', 'a positive integer', options.batchSize)
    const bounds = boundsOf(selector)
    if (isEmpty(bounds)) return
    const range = engineRange(this.#base, bounds, options.reverse)
    const offset = this.#base.length
    // Values are read only to leave out expired records. While no record can expire, the keys
    // alone answer (a scan of a million keys reads and decodes no values): the iterator's
    // snapshot then holds only records without a TTL, or one written with a TTL in the instant
    // between this check and the snapshot (listed, as alive when the scan began).
    const engine = this.#core.engine
    if (!(await mayExpire(engine))) {
      // Room for a batch of typical keys (the engine's default bounds a batch of 1,000).
      const batchBytes = size > SCAN_BATCH ? size * 64 : undefined
      for await (const keys of batchesOf(engine.keys(range, batchBytes), size))
        yield { keys, offset }
      return
    }
    for await (const batch of batchesOf(engine.iterator(range), size)) {
      const now = this.#core.now()
      const keys: string[] = []
      for (const [key, raw] of batch) if (!isExpired(raw, now)) keys.push(key)
      if (keys.length > 0) yield { keys, offset }
    }
  }

  /**
   * For each prefix (deduplicated, in key order), the keys and records under it, read with one
   * iterator that seeks from prefix to prefix. `values: false` skips decoding records.
   */
  prefixGroups(
    prefixes: readonly string[],
    options: { values?: boolean } = {},
  ): AsyncGenerator<PrefixGroup> {
    this.#open()
    if (!Array.isArray(prefixes))
      throw invalidArgument('prefixes', 'an array of prefixes', prefixes)
    for (let i = 0; i < prefixes.length; i++) assertKey(prefixes[i], `prefixes[${i}]`)
    return prefixGroups(this.#core.engine, this.#base, prefixes, {
      values: options.values !== false,
      now: this.#core.now,
    })
  }

  /**
   * Bytes the keys a selector covers take on disk, approximately: LevelDB counts the table files
   * that overlap the range (a block's worth of precision), not recent writes still in its write
   * buffer. 0 on engines that cannot tell (memory-level). A planning aid, never a count.
   */
  async approximateSize(selector: KvSelector): Promise<number> {
    this.#open()
    const bounds = boundsOf(selector)
    const engine = this.#core.engine
    if (isEmpty(bounds) || !engine.approximateSize) return 0
    return engine.approximateSize(engineRange(this.#base, bounds))
  }

  async count(): Promise<number> {
    return this.#count({})
  }

  async countPrefix(prefix: string): Promise<number> {
    this.#open()
    assertPrefix(prefix)
    return this.#count(boundsOf({ prefix }))
  }

  async countRange(start: string, end: string): Promise<number> {
    this.#open()
    assertKey(start, 'start')
    assertKey(end, 'end')
    return this.#count({ lower: start, upper: end })
  }

  // ---- writes ----

  async put<T extends JsonValue>(
    key: string,
    value: T,
    options: PutOptions = {},
  ): Promise<KvRecord<T>> {
    this.#open()
    const mutation = prepareMutation(
      { op: 'put', key, value, ...options },
      this.#core.limits,
      'put',
    )
    return (await this.#transact([mutation], false, true)).record as KvRecord<T>
  }

  /** Applies an RFC 7396 merge patch; a missing key is created from the patch unless `version` > 0. */
  async patch(key: string, patch: JsonValue, options: PatchOptions = {}): Promise<KvRecord> {
    this.#open()
    const mutation = prepareMutation(
      { op: 'patch', key, patch, ...options },
      this.#core.limits,
      'patch',
    )
    return (await this.#transact([mutation], false, true)).record!
  }

  /** Deletes one key or several; resolves to the number of records deleted. */
  async delete(keys: string | string[], options: DeleteOptions = {}): Promise<number> {
    this.#open()
    const list = typeof keys === 'string' ? [keys] : keys
    if (!Array.isArray(list)) throw invalidArgument('keys', 'a key or an array of keys', keys)
    const mutations = list.map((key, i) =>
      prepareMutation(
        { op: 'delete', key, ...options },
        this.#core.limits,
        Array.isArray(keys) ? `keys[${i}]` : 'delete',
      ),
    )
    const { rows } = await this.#transact(mutations, false)
    return rows.reduce((sum, n) => sum + n, 0)
  }

  async deletePrefix(prefix: string): Promise<number> {
    this.#open()
    const mutation = prepareMutation(
      { op: 'deletePrefix', prefix },
      this.#core.limits,
      'deletePrefix',
    )
    return (await this.#transact([mutation], false)).rows[0]!
  }

  async deleteRange(start: string, end: string): Promise<number> {
    this.#open()
    const mutation = prepareMutation(
      { op: 'deleteRange', start, end },
      this.#core.limits,
      'deleteRange',
    )
    return (await this.#transact([mutation], false)).rows[0]!
  }

  /**
   * Applies every mutation or none. Resolves to the rows affected per mutation; on a failed check
   * rejects with KV_VERSION_CONFLICT whose `index` names the failing mutation.
   */
  async mutate(mutations: KvMutation[]): Promise<number[]> {
    this.#open()
    if (!Array.isArray(mutations))
      throw invalidArgument('mutations', 'an array of mutations', mutations)
    const prepared: PreparedMutation[] = []
    for (let i = 0; i < mutations.length; i++) {
      prepared.push(prepareMutation(mutations[i]!, this.#core.limits, i, prepared[i - 1]))
    }
    return (await this.#transact(prepared, true)).rows
  }

  // ---- change stream ----

  /** The seq of the latest stream entry (0 before the first change). */
  async streamSeq(): Promise<number> {
    this.#open()
    const sequencer = this.#sequencer()
    return this.#core.engine.transact((txn) => sequencer.last(this.#space, txn, this.#core.engine))
  }

  /** Stream entries with seq >= from, ascending, optionally filtered by type or key prefix. */
  async stream(query: StreamQuery = {}): Promise<StreamEntry[]> {
    this.#open()
    this.#sequencer()
    const checked = checkQuery(query)
    return (await readStream(this.#core.engine, this.#space, checked)).entries
  }

  /** Drops stream entries with seq <= `seq`; resolves to the number dropped. Seqs never restart. */
  async streamTrim(seq: number): Promise<number> {
    this.#open()
    const sequencer = this.#sequencer()
    if (!Number.isSafeInteger(seq) || seq < 0)
      throw invalidArgument('seq', 'a non-negative integer', seq)
    return this.#run(async (txn) => {
      const last = await sequencer.last(this.#space, txn, this.#core.engine)
      return trimStream(txn, this.#space, Math.min(seq, last))
    })
  }

  /** A durable, at-least-once consumer of the change stream, named and leased. */
  consumer(name: string, options: ConsumerOptions = {}): Consumer {
    this.#open()
    this.#sequencer()
    assertName(name, 'name')
    if (options.leaseMs !== undefined) assertDuration(options.leaseMs, 'options.leaseMs')
    if (options.prefix !== undefined) assertPrefix(options.prefix, 'options.prefix')
    const ctx = {
      engine: this.#core.engine,
      space: this.#space,
      now: this.#core.now,
      transact: <T>(work: (txn: EngineTxn) => Promise<T>) => {
        this.#open()
        return this.#run(work)
      },
    }
    return new Consumer(ctx, name, options)
  }

  /**
   * Live batches of changes: '' watches everything, a string ending in '/' a prefix, anything
   * else one key. Backed by the durable stream, so it can resume `from` a seq. Ends on `signal`
   * abort or close().
   */
  watch(target: string, options: WatchOptions = {}): AsyncGenerator<WatchEvent[]> {
    this.#open()
    this.#sequencer() // throws when the stream is off
    assertPrefix(target, 'target')
    if (options.from !== undefined && (!Number.isSafeInteger(options.from) || options.from < 0)) {
      throw invalidArgument('options.from', 'a non-negative integer', options.from)
    }
    const core = this.#core
    const context = {
      engine: core.engine,
      space: this.#space,
      notifier: core.notifier,
      isClosed: () => core.closed,
      lastSeq: () => this.streamSeq(),
    }
    return watch(context, target, options)
  }

  /**
   * Calls `listener` with the changes of every transaction that commits in this store space
   * (this namespace, or the root store's own keys), synchronously once they are durable, in
   * commit order; also for expiries and with the change stream off. In-process only: a cache
   * that drops the keys it hears of stays consistent with the database. Returns a function
   * that removes the listener.
   */
  onCommit(listener: CommitListener): () => void {
    this.#open()
    if (typeof listener !== 'function') throw invalidArgument('listener', 'a function', listener)
    return this.#core.commits.add(this.#space, listener)
  }

  /** Deletes every record whose TTL has passed now (the background sweep does this too). */
  async sweepExpired(): Promise<number> {
    this.#open()
    return sweepAll(this.#core.sweep, () => this.#core.notifier.notify())
  }

  // ---- locks and sequences ----

  /** True if the lock was free, expired, or already held by `owner` (which refreshes it). */
  async lockAcquire(name: string, owner: string, durationMs: number): Promise<boolean> {
    this.#open()
    assertName(name, 'name')
    assertName(owner, 'owner')
    assertDuration(durationMs, 'durationMs')
    const key = lockKey(this.#space, name)
    return this.#run((txn) => acquireLock(txn, key, owner, durationMs, this.#core.now()))
  }

  /** True only when `owner` held the lock; anyone else changes nothing. */
  async lockRelease(name: string, owner: string): Promise<boolean> {
    this.#open()
    assertName(name, 'name')
    assertName(owner, 'owner')
    return this.#run((txn) => releaseLock(txn, lockKey(this.#space, name), owner, this.#core.now()))
  }

  async lockStatus(name: string): Promise<LockStatus | undefined> {
    this.#open()
    assertName(name, 'name')
    return this.#run((txn) => lockStatus(txn, lockKey(this.#space, name), name, this.#core.now()))
  }

  /** Atomically adds `increment` to a named counter and resolves to the new value. */
  async seq(name: string, increment = 1): Promise<number> {
    this.#open()
    assertName(name, 'name')
    if (!Number.isSafeInteger(increment))
      throw invalidArgument('increment', 'a safe integer', increment)
    const key = metaKey(this.#space, `seq/${name}`)
    return this.#run(async (txn) => {
      const current = await txn.get(key)
      const next = (current === undefined ? 0 : Number(current)) + increment
      txn.put(key, String(next))
      return next
    })
  }

  /** A view of this store whose keys are isolated from every other namespace (nestable). */
  namespace(name: string): Store {
    this.#open()
    if (typeof name !== 'string' || name === '' || !name.isWellFormed()) {
      throw invalidArgument('name', 'a non-empty well-formed string', name)
    }
    return new Store(this.#core, childSpace(this.#space, name))
  }

  /** Closes the store (and every namespace view of it); pending writes finish first. */
  async close(): Promise<void> {
    if (this.#core.closed) return
    this.#core.closed = true
    this.#core.notifier.notify() // watchers see the store is closed and end
    try {
      await this.#core.sweeper?.stop()
      await this.#core.engine.close()
    } finally {
      this.#core.onClose?.()
    }
  }

  // ---- internals ----

  #open(): void {
    if (this.#core.closed) throw new KvError('KV_CLOSED', 'the store is closed')
  }

  #sequencer(): StreamSequencer {
    if (!this.#core.sequencer) {
      throw new KvError(
        'KV_INVALID_ARGUMENT',
        'the change stream is off: open the store with { stream: true } (the default)',
      )
    }
    return this.#core.sequencer
  }

  /** Applies mutations in one transaction; `wantRecord` returns the last record written. */
  async #transact(
    mutations: PreparedMutation[],
    indexed: boolean,
    wantRecord = false,
  ): Promise<{ rows: number[]; record?: KvRecord }> {
    const core = this.#core
    let changes: Change[] | undefined
    let record: KvRecord | undefined
    const rows = await this.#run(async (txn) => {
      const now = core.now()
      const ctx: ApplyContext = { txn, space: this.#space, limits: core.limits, now, wantRecord }
      if (core.sequencer || core.commits.has(this.#space)) ctx.changes = []
      const rows: number[] = new Array(mutations.length)
      for (let i = 0; i < mutations.length; i++) {
        const applied = applyMutation(ctx, mutations[i]!, indexed ? i : undefined)
        rows[i] = typeof applied === 'number' ? applied : await applied
      }
      if (ctx.changes && ctx.changes.length > 0) {
        await core.sequencer?.append(this.#space, txn, core.engine, ctx.changes, now)
        changes = ctx.changes
      }
      record = ctx.record
      return rows
    })
    if (changes) {
      core.commits.emit(this.#space, changes)
      core.notifier.notify()
    }
    return record ? { rows, record } : { rows }
  }

  /** Runs an engine transaction; after a failed write the cached stream counters are reloaded. */
  async #run<T>(work: (txn: EngineTxn) => Promise<T>): Promise<T> {
    try {
      return await this.#core.engine.transact(work)
    } catch (error) {
      if ((error as KvError).code === 'KV_IO_ERROR') this.#core.sequencer?.reset()
      throw error
    }
  }

  #pageOptions(options: ScanOptions, bounds: KeyBounds) {
    if (typeof options !== 'object' || options === null)
      throw invalidArgument('options', 'an object', options)
    const limit = pageLimit(options.limit)
    const offset = pageOffset(options.offset)
    const reverse = options.reverse === true
    const after =
      options.cursor === undefined ? undefined : decodeCursor(options.cursor, reverse, bounds)
    return { limit, offset, reverse, after }
  }

  async #page(bounds: KeyBounds, options: ScanOptions): Promise<KvPage> {
    const page = await this.#read(bounds, options, decodeRecord)
    return page.cursor === undefined
      ? { records: page.items }
      : { records: page.items, cursor: page.cursor }
  }

  /**
   * One page of the live records in `bounds`, each decoded by `decode`. Not async (one promise
   * less per page): called only from async methods, which turn its checks' throws into rejections.
   */
  #read<T>(
    bounds: KeyBounds,
    options: ScanOptions,
    decode: (key: string, raw: string) => T,
  ): Promise<DecodedPage<T>> {
    const { limit, offset, reverse, after } = this.#pageOptions(options, bounds)
    if (isEmpty(bounds)) return Promise.resolve({ keys: [], items: [] })
    const range = engineRange(this.#base, bounds, reverse)
    if (after !== undefined) {
      if (reverse) range.lt = this.#base + after
      else {
        delete range.gte
        range.gt = this.#base + after
      }
    }
    const read = { base: this.#base, now: this.#core.now, limit, offset, reverse }
    return readPage(this.#core.engine, range, read, decode)
  }

  async #count(bounds: KeyBounds): Promise<number> {
    this.#open()
    if (isEmpty(bounds)) return 0
    return countIn(this.#core.engine, engineRange(this.#base, bounds), this.#core.now)
  }
}
