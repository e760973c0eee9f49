import type { KvValuePage, ScanOptions } from '../scan/pages.js'
import type { PrefixGroup } from '../scan/prefix-groups.js'
import type { KvSelector } from '../scan/selector.js'
import type { CommitListener } from '../stream/commit-listeners.js'
import * as batches from './key-batches.js'
import type { KeyBatchOptions } from './options.js'
import * as reads from './reads.js'
import { hasScope, scopeOf } from './scopes.js'
import type { Store } from './store.js'
import * as streams from './streams.js'

// What only the @kvgraph packages need of a Store: free functions, so they are no part of the
// public Store type. Each behaves exactly as the Store method it replaced did.

/** True for a Store (of this copy of @kvgraph/core): a brand check, not a shape check. */
export function isStore(value: unknown): value is Store {
  return hasScope(value)
}

/**
 * The page `store.scan` would return, with only each record's key and value (`{ keys, values,
 * cursor? }`): for callers that never look at versions, times or types, which are then not
 * decoded. Cursors are interchangeable with scan's.
 */
export function scanValues(
  store: Store,
  selector: KvSelector,
  options: ScanOptions = {},
): Promise<KvValuePage> {
  return reads.scanValues(scopeOf(store, 'scanValues'), selector, options)
}

/**
 * The keys a selector covers, in arrays of up to `batchSize` (1,000) as the engine reads them:
 * for scans of millions of keys, one await per batch instead of one per key.
 */
export function keyBatches(
  store: Store,
  selector: KvSelector,
  options: KeyBatchOptions = {},
): AsyncGenerator<string[]> {
  return batches.keyBatches(scopeOf(store, 'keyBatches'), selector, options, 'keyBatches')
}

/**
 * `keyBatches` without cutting each key out of the engine's: every key still carries the
 * store's own prefix, and the key itself starts at `offset`. For scans that parse millions of
 * keys in place, where one sliced string per key is a fair share of their time.
 */
export function rawKeyBatches(
  store: Store,
  selector: KvSelector,
  options: KeyBatchOptions = {},
): AsyncGenerator<{ keys: string[]; offset: number }> {
  return batches.rawKeyBatches(scopeOf(store, 'rawKeyBatches'), selector, options, 'rawKeyBatches')
}

/**
 * For each prefix (deduplicated, in key order), the keys and records under it, read with one
 * iterator that seeks from prefix to prefix. `values: false` skips decoding records.
 */
export function prefixGroups(
  store: Store,
  prefixes: readonly string[],
  options: { values?: boolean } = {},
): AsyncGenerator<PrefixGroup> {
  return batches.prefixGroups(scopeOf(store, 'prefixGroups'), prefixes, options)
}

/**
 * Calls `listener` with the changes of every transaction that commits in this store space
 * (this namespace, or the root store's own keys), synchronously once they are durable, in
 * commit order; also for expiries and with the change stream off. On an engine this process
 * owns, a cache that drops the keys it hears of stays consistent with the database. On a shared
 * engine (PostgreSQL, with the stream on) listeners also hear other processes' commits, from the
 * change stream, every `pollIntervalMs` and whenever `syncCommits` is awaited: every commit
 * after the space's first listener was added (that start is the stream's end, read right away
 * but asynchronously: await `syncCommits` once to be sure it is fixed). Returns a function that
 * removes the listener.
 */
export function onCommit(store: Store, listener: CommitListener): () => void {
  return streams.onCommit(scopeOf(store, 'onCommit'), listener)
}

/**
 * Resolves once this space's commit listeners have heard every commit made so far, by any
 * process: what a cache awaits before it answers from what it holds. Immediate on engines this
 * process owns.
 */
export function syncCommits(store: Store): Promise<void> {
  return streams.syncCommits(scopeOf(store, 'syncCommits'))
}

/** True when other processes may write this store's storage (a server engine). */
export function isShared(store: Store): boolean {
  return scopeOf(store, 'isShared').core.engine.shared === true
}

/**
 * True when commit listeners hear every commit to this store: always on an engine this process
 * owns; on a shared engine only with the change stream on (the feed reads it). A cache of the
 * store's data is safe to keep only then.
 */
export function hearsEveryCommit(store: Store): boolean {
  const { core } = scopeOf(store, 'hearsEveryCommit')
  return core.engine.shared !== true || core.feed !== undefined
}
