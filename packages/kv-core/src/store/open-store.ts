import type { AnyLevel } from '../engine/level/any-level.js'
import type { LevelEngine } from '../engine/level/level-engine.js'
import { isAbstractLevel, openAbstractLevel, openLevelDb } from '../engine/level/open-level.js'
import { openMemoryEngine } from '../engine/memory/open-memory.js'
import { invalidArgument } from '../errors.js'
import { Sweeper } from '../expiry/ttl-sweeper.js'
import { DEFAULT_MAX_VALUE_BYTES } from '../records/json.js'
import { CommitListeners } from '../stream/commit-listeners.js'
import { Notifier } from '../stream/notifier.js'
import { StreamSequencer } from '../stream/stream.js'
import { Store } from './store.js'
import type { StoreCore } from './store-core.js'

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
}

/**
 * Opens a store: a LevelDB directory path (created if missing), ':memory:' for an in-memory
 * store, or any abstract-level database.
 */
export async function openStore(
  location: string | AnyLevel,
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

  const { engine, release } = await openEngine(location, options.sync === true)
  const notifier = new Notifier()
  const limits = { maxValueBytes }
  const sequencer = options.stream === false ? undefined : new StreamSequencer()
  const commits = new CommitListeners()
  const sweep = { engine, limits, now: clock, commits, ...(sequencer ? { sequencer } : {}) }
  const core: StoreCore = { engine, limits, now: clock, closed: false, notifier, commits, sweep }
  if (release) core.onClose = release
  if (sequencer) core.sequencer = sequencer
  if (sweepIntervalMs > 0)
    core.sweeper = new Sweeper(sweep, sweepIntervalMs, () => notifier.notify())
  return new Store(core)
}

async function openEngine(
  target: string | AnyLevel,
  sync: boolean,
): Promise<{ engine: LevelEngine; release?: () => void }> {
  if (target === ':memory:') return { engine: await openMemoryEngine(sync) }
  if (typeof target === 'string') {
    if (target === '')
      throw invalidArgument('openStore: location', 'a non-empty directory path', target)
    return openLevelDb(target, sync)
  }
  if (isAbstractLevel(target)) return { engine: await openAbstractLevel(target, sync) }
  throw invalidArgument(
    'openStore: location',
    "a directory path, ':memory:' or an abstract-level database",
    target,
  )
}
