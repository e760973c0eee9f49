import { checkBoolean } from '../arguments.js'
import type { KvEngine } from '../engine/engine.js'
import { openEngine, type StoreLocation } from '../engine/open-engine.js'
import { invalidArgument, KvError } from '../errors.js'
import { Sweeper } from '../expiry/ttl-sweeper.js'
import type { Change } from '../records/changes.js'
import { DEFAULT_MAX_VALUE_BYTES } from '../records/json.js'
import { RESTORE_MARKER } from '../records/keyspace.js'
import { CommitFeed } from '../stream/commit-feed.js'
import { CommitListeners } from '../stream/commit-listeners.js'
import { Notifier } from '../stream/notifier.js'
import { StreamSequencer } from '../stream/sequencer.js'
import { Store } from './store.js'
import { committed, type StoreCore } from './store-core.js'

export interface OpenStoreOptions {
  /** fsync every write: survives an OS crash, at about 5x lower write throughput. */
  sync?: boolean
  /** Largest value accepted, in bytes of JSON (default 1 MiB). */
  maxValueBytes?: number
  /** Milliseconds since the epoch; inject a fake clock in tests. */
  clock?: () => number
  /**
   * Record every change in the change stream (default true). Turn it off for bulk loads: each
   * write then stores one key fewer; stream(), consumers and watch() are unavailable.
   */
  stream?: boolean
  /** How often expired records are swept, in ms (default 1000; 0 turns the timer off). */
  sweepIntervalMs?: number
  /**
   * On an engine other processes write too (PostgreSQL): how often watchers and commit
   * listeners look for their commits, in ms (default 250).
   */
  pollIntervalMs?: number
  /**
   * Open a store that a restore left incomplete (see docs/backup.md): without it, openStore
   * rejects with KV_RESTORE_INCOMPLETE. The marker stays until a restore into the store completes.
   */
  force?: boolean
}

/**
 * Opens a store: a LevelDB directory path (created if missing), ':memory:' for an in-memory
 * store, a `postgres://` URL (with @kvgraph/postgres installed), any abstract-level database,
 * or a KvEngine.
 */
export async function openStore(
  location: StoreLocation,
  options: OpenStoreOptions = {},
): Promise<Store> {
  if (typeof options !== 'object' || options === null)
    throw invalidArgument('openStore: options', 'an object', options)
  const maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES
  if (!Number.isSafeInteger(maxValueBytes) || maxValueBytes < 1) {
    throw invalidArgument(
      'openStore: options.maxValueBytes',
      'a positive integer',
      options.maxValueBytes,
    )
  }
  const clock = options.clock ?? Date.now
  if (typeof clock !== 'function')
    throw invalidArgument('openStore: options.clock', 'a function', options.clock)

  const sweepIntervalMs = options.sweepIntervalMs ?? 1000
  if (typeof sweepIntervalMs !== 'number' || !(sweepIntervalMs >= 0)) {
    throw invalidArgument(
      'openStore: options.sweepIntervalMs',
      'a non-negative number of milliseconds',
      options.sweepIntervalMs,
    )
  }

  const pollIntervalMs = options.pollIntervalMs ?? 250
  if (!Number.isSafeInteger(pollIntervalMs) || pollIntervalMs < 1) {
    throw invalidArgument(
      'openStore: options.pollIntervalMs',
      'a positive integer number of milliseconds',
      options.pollIntervalMs,
    )
  }

  const sync = checkBoolean(options.sync, 'openStore: options.sync', false)
  const withStream = checkBoolean(options.stream, 'openStore: options.stream', true)
  const force = checkBoolean(options.force, 'openStore: options.force', false)
  const { engine, release } = await openEngine(location, sync)
  if (!force) await refuseIncomplete(engine, release)
  const notifier = new Notifier()
  const limits = { maxValueBytes }
  const shared = engine.shared === true
  const sequencer = withStream ? new StreamSequencer(shared) : undefined
  const commits = new CommitListeners()
  const sweep = {
    engine,
    limits,
    now: clock,
    committed: (space: string, changes: Change[], firstSeq?: number) =>
      committed(core, space, changes, firstSeq),
    ...(sequencer ? { sequencer } : {}),
  }
  const leased = new Map()
  const core: StoreCore = {
    engine,
    limits,
    now: clock,
    closed: false,
    notifier,
    commits,
    sweep,
    leased,
  }
  if (release) core.onClose = release
  if (sequencer) core.sequencer = sequencer
  if (sweepIntervalMs > 0)
    core.sweeper = new Sweeper(sweep, sweepIntervalMs, () => notifier.notify())
  const store = new Store(core)
  if (shared && sequencer) {
    core.pollMs = pollIntervalMs
    const lastSeq = (space: string) => sequencer.committedLast(space, engine)
    core.writeQueue = Promise.resolve()
    core.feed = new CommitFeed(engine, commits, lastSeq, pollIntervalMs)
  }
  return store
}

/** One point read: a store a restore is writing (or left half-written) does not pass for complete. */
async function refuseIncomplete(engine: KvEngine, release: (() => void) | undefined) {
  let marker: string | undefined
  try {
    marker = await engine.get(RESTORE_MARKER)
  } catch (error) {
    await engine.close().finally(release)
    throw error
  }
  if (marker === undefined) return
  await engine.close().finally(release)
  throw new KvError(
    'KV_RESTORE_INCOMPLETE',
    `openStore: a restore into this store did not complete (${marker}): run the restore again (kv restore <file> --force, or openStore with { force: true } then store.restore(file)), or open it with { force: true } to use what it holds`,
  )
}
