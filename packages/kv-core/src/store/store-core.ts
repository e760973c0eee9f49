import type { EngineTxn, KvEngine } from '../engine/engine.js'
import { KvError } from '../errors.js'
import type { SweepContext, Sweeper } from '../expiry/ttl-sweeper.js'
import type { Change } from '../records/changes.js'
import type { CommitFeed } from '../stream/commit-feed.js'
import type { CommitListeners } from '../stream/commit-listeners.js'
import type { Consumer } from '../stream/consumer.js'
import type { Notifier } from '../stream/notifier.js'
import type { StreamSequencer } from '../stream/sequencer.js'
import type { Limits } from '../writes/mutations.js'

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
  /** On a shared engine with the stream on: delivers every process's commits to the listeners. */
  feed?: CommitFeed
  /** On a shared engine: how often watchers look for other processes' commits, in ms. */
  pollMs?: number
  /**
   * On a shared engine with the stream on: the store's transactions run one at a time, each
   * after this settles. Each of them rewrites its space's stream head, so concurrent ones of one
   * process could only conflict and run again (all but one, each round: with tens in flight, a
   * write could run out of retries under load). The engine still retries conflicts with other
   * processes.
   */
  writeQueue?: Promise<void>
  /** What sweeping expired records needs (built once, shared by the timer and sweepExpired). */
  sweep: SweepContext
  /** Deletes expired records in the background. */
  sweeper?: Sweeper
  /** Consumers (of any space) holding a lease, by meta key: close() hands their leases back. */
  leased: Map<string, Consumer>
}

/** One store space (the root store or a namespace): what every Store operation works on. */
export interface Scope {
  readonly core: StoreCore
  /** The space prefix ('' for the root store). */
  readonly space: string
  /** The prefix of the space's record keys: space + TAG_RECORD. */
  readonly base: string
}

/** Throws KV_CLOSED, naming the method, once the store is closed. */
export function assertOpen(core: StoreCore, method: string): void {
  if (core.closed) throw new KvError('KV_CLOSED', `${method}: the store is closed`)
}

/** The stream sequencer; throws when the store was opened with the change stream off. */
export function sequencerOf(core: StoreCore, method: string): StreamSequencer {
  if (!core.sequencer) {
    throw new KvError(
      'KV_INVALID_ARGUMENT',
      `${method}: the change stream is off: open the store with { stream: true } (the default)`,
    )
  }
  return core.sequencer
}

/** Runs an engine transaction (one at a time where StoreCore.writeQueue says so). */
export async function run<T>(core: StoreCore, work: (txn: EngineTxn) => Promise<T>): Promise<T> {
  if (core.writeQueue === undefined) return core.engine.transact(work)
  // One at a time: see StoreCore.writeQueue.
  const turn = core.writeQueue.then(() => core.engine.transact(work))
  core.writeQueue = turn.then(
    () => undefined,
    () => undefined,
  )
  return turn
}

/**
 * Tells commit listeners and watchers about a transaction that committed `changes`, whose
 * stream entries start at `firstSeq`. On a shared engine listeners hear it through the feed, in
 * stream order with other processes' commits (a promise to await before the write resolves);
 * otherwise at once, synchronously.
 */
export function committed(
  core: StoreCore,
  space: string,
  changes: Change[],
  firstSeq: number | undefined,
): Promise<void> | undefined {
  if (core.feed) {
    if (firstSeq !== undefined && core.commits.has(space))
      return core.feed.sync(space, firstSeq).then(() => core.notifier.notify())
  } else core.commits.emit(space, changes)
  core.notifier.notify()
  return undefined
}

/**
 * Hands back the leases of this store's consumers, so a restarted process gets in at once. A
 * failure (the server gone) is left to the lease's expiry: close() must still close.
 */
export async function releaseLeases(core: StoreCore): Promise<void> {
  const consumers = [...core.leased.values()]
  await Promise.allSettled(consumers.map((consumer) => consumer.close()))
}
