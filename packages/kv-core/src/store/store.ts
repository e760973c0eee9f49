import type { Readable, Writable } from 'node:stream'
import type { EngineInfo } from '../engine/engine.js'
import { invalidArgument } from '../errors.js'
import type { LockStatus } from '../locks/locks.js'
import type { JsonValue } from '../records/json.js'
import { childSpace, TAG_RECORD } from '../records/keyspace.js'
import type { KvRecord } from '../records/record.js'
import type { KvPage, ScanOptions } from '../scan/pages.js'
import type { KvSelector } from '../scan/selector.js'
import type { Consumer, ConsumerOptions } from '../stream/consumer.js'
import type { StreamEntry, StreamQuery } from '../stream/stream.js'
import type { WatchEvent, WatchOptions } from '../stream/watch.js'
import type { KvMutation } from '../writes/mutations.js'
import * as backups from './backups.js'
import { keyBatches } from './key-batches.js'
import * as locking from './locking.js'
import type { DeleteOptions, EntriesOptions, PatchOptions, PutOptions } from './options.js'
import * as reads from './reads.js'
import { registerScope } from './scopes.js'
import { assertOpen, releaseLeases, type Scope, type StoreCore } from './store-core.js'
import * as streams from './streams.js'
import * as writes from './writes.js'

/**
 * A versioned JSON key-value store. Create one with `openStore()`; `namespace(name)` gives a
 * view whose keys are isolated from every other namespace.
 *
 * A facade: each method delegates to the module of its concern (reads, writes, streams,
 * locking), which validates its arguments (errors name the method) and does the work.
 */
export class Store {
  readonly #scope: Scope

  /** @internal Use openStore(). */
  constructor(core: StoreCore, space = '') {
    this.#scope = { core, space, base: space + TAG_RECORD }
    registerScope(this, this.#scope)
  }

  /** The engine's name ('classic-level', 'memory-level', ...). */
  get engine(): string {
    return this.#scope.core.engine.name
  }

  /** The on-disk location, for engines that have one. */
  get location(): string | undefined {
    return this.#scope.core.engine.location
  }

  get closed(): boolean {
    return this.#scope.core.closed
  }

  /**
   * What the engine tells about itself: its name, and where it has them its location, server
   * version, table and size in bytes (a whole store's storage, not this namespace's share).
   */
  engineInfo(): Promise<EngineInfo> {
    return reads.engineInfo(this.#scope)
  }

  // ---- reads ----

  get<T extends JsonValue = JsonValue>(key: string): Promise<KvRecord<T> | undefined> {
    return reads.get<T>(this.#scope, key)
  }

  /** Records in the same order as `keys` (undefined where missing), read from one snapshot. */
  getMany<T extends JsonValue = JsonValue>(keys: string[]): Promise<(KvRecord<T> | undefined)[]> {
    return reads.getMany<T>(this.#scope, keys)
  }

  /** One page of the records a selector covers, in key order (or reverse). */
  scan(selector: KvSelector, options: ScanOptions = {}): Promise<KvPage> {
    return reads.scan(this.#scope, selector, options)
  }

  getPrefix(prefix: string, options: ScanOptions = {}): Promise<KvPage> {
    return reads.getPrefix(this.#scope, prefix, options)
  }

  getRange(start: string, end: string, options: ScanOptions = {}): Promise<KvPage> {
    return reads.getRange(this.#scope, start, end, options)
  }

  list(options: ScanOptions = {}): Promise<KvPage> {
    return reads.list(this.#scope, options)
  }

  /** One page of the records of a type, in key order. */
  getType(type: string, options: ScanOptions = {}): Promise<KvPage> {
    return reads.getType(this.#scope, type, options)
  }

  /** Streams every record a selector covers, with bounded memory. */
  entries(selector: KvSelector, options: EntriesOptions = {}): AsyncGenerator<KvRecord> {
    return reads.entries(this.#scope, selector, options)
  }

  /** Streams every key a selector covers (values are not decoded). */
  async *keys(selector: KvSelector, options: EntriesOptions = {}): AsyncGenerator<string> {
    for await (const batch of keyBatches(this.#scope, selector, options, 'keys')) yield* batch
  }

  /**
   * Bytes the keys a selector covers take on disk, approximately: LevelDB counts the table files
   * that overlap the range (a block's worth of precision), not recent writes still in its write
   * buffer. 0 on engines that cannot tell (memory-level). A planning aid, never a count.
   */
  approximateSize(selector: KvSelector): Promise<number> {
    return reads.approximateSize(this.#scope, selector)
  }

  count(): Promise<number> {
    return reads.count(this.#scope)
  }

  countPrefix(prefix: string): Promise<number> {
    return reads.countPrefix(this.#scope, prefix)
  }

  countRange(start: string, end: string): Promise<number> {
    return reads.countRange(this.#scope, start, end)
  }

  // ---- writes ----

  put<T extends JsonValue>(key: string, value: T, options: PutOptions = {}): Promise<KvRecord<T>> {
    return writes.put(this.#scope, key, value, options)
  }

  /** Applies an RFC 7396 merge patch; a missing key is created from the patch unless `version` > 0. */
  patch(key: string, patch: JsonValue, options: PatchOptions = {}): Promise<KvRecord> {
    return writes.patch(this.#scope, key, patch, options)
  }

  /** Deletes one key or several; resolves to the number of records deleted. */
  delete(keys: string | string[], options: DeleteOptions = {}): Promise<number> {
    return writes.remove(this.#scope, keys, options)
  }

  deletePrefix(prefix: string): Promise<number> {
    return writes.deletePrefix(this.#scope, prefix)
  }

  deleteRange(start: string, end: string): Promise<number> {
    return writes.deleteRange(this.#scope, start, end)
  }

  /**
   * Applies every mutation or none. Resolves to the rows affected per mutation; on a failed check
   * rejects with KV_VERSION_CONFLICT whose `index` names the failing mutation.
   */
  mutate(mutations: KvMutation[]): Promise<number[]> {
    return writes.mutate(this.#scope, mutations)
  }

  // ---- change stream ----

  /** The seq of the latest stream entry (0 before the first change). */
  streamSeq(): Promise<number> {
    return streams.streamSeq(this.#scope)
  }

  /** Stream entries with seq >= from, ascending, optionally filtered by type or key prefix. */
  stream(query: StreamQuery = {}): Promise<StreamEntry[]> {
    return streams.stream(this.#scope, query)
  }

  /** Drops stream entries with seq <= `seq`; resolves to the number dropped. Seqs never restart. */
  streamTrim(seq: number): Promise<number> {
    return streams.streamTrim(this.#scope, seq)
  }

  /** A durable, at-least-once consumer of the change stream, named and leased. */
  consumer(name: string, options: ConsumerOptions = {}): Consumer {
    return streams.consumer(this.#scope, name, options)
  }

  /**
   * Live batches of changes: '' watches everything, a string ending in '/' a prefix, anything
   * else one key. Backed by the durable stream, so it can resume `from` a seq. Ends on `signal`
   * abort or close().
   */
  watch(target: string, options: WatchOptions = {}): AsyncGenerator<WatchEvent[]> {
    return streams.watch(this.#scope, target, options)
  }

  /** Deletes every record whose TTL has passed now (the background sweep does this too). */
  sweepExpired(): Promise<number> {
    return streams.sweepExpired(this.#scope)
  }

  // ---- locks and sequences ----

  /** True if the lock was free, expired, or already held by `owner` (which refreshes it). */
  lockAcquire(name: string, owner: string, durationMs: number): Promise<boolean> {
    return locking.lockAcquire(this.#scope, name, owner, durationMs)
  }

  /** True only when `owner` held the lock; anyone else changes nothing. */
  lockRelease(name: string, owner: string): Promise<boolean> {
    return locking.lockRelease(this.#scope, name, owner)
  }

  lockStatus(name: string): Promise<LockStatus | undefined> {
    return locking.lockStatus(this.#scope, name)
  }

  /** Atomically adds `increment` to a named counter and resolves to the new value. */
  seq(name: string, increment = 1): Promise<number> {
    return locking.seq(this.#scope, name, increment)
  }

  // ---- backup and restore (docs/backup.md) ----

  /**
   * Writes a point-in-time backup of the whole store (every namespace) to a file or a Writable,
   * taken online from one snapshot: writers go on meanwhile.
   */
  backup(
    destination: string | Writable,
    options: backups.BackupOptions = {},
  ): Promise<backups.BackupInfo> {
    return backups.backup(this.#scope, destination, options)
  }

  /**
   * Restores a backup (a file or a Readable) into this store, which must be empty unless
   * `force`. Until it completes the store is marked: openStore refuses it (KV_RESTORE_INCOMPLETE).
   */
  restore(
    source: string | Readable,
    options: backups.RestoreOptions = {},
  ): Promise<backups.Restored> {
    return backups.restore(this.#scope, source, options)
  }

  // ---- namespaces and lifetime ----

  /** A view of this store whose keys are isolated from every other namespace (nestable). */
  namespace(name: string): Store {
    const { core, space } = this.#scope
    assertOpen(core, 'namespace')
    if (typeof name !== 'string' || name === '' || !name.isWellFormed()) {
      throw invalidArgument('namespace: name', 'a non-empty well-formed string', name)
    }
    return new Store(core, childSpace(space, name))
  }

  /** Closes the store (and every namespace view of it); pending writes finish first. */
  async close(): Promise<void> {
    const { core } = this.#scope
    if (core.closed) return
    core.closed = true
    core.notifier.notify() // watchers see the store is closed and end
    try {
      core.feed?.stop()
      await core.sweeper?.stop()
      await releaseLeases(core)
      await core.engine.close()
    } finally {
      core.onClose?.()
    }
  }
}
