import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { type AnyLevel, LevelEngine } from '../engine/level/level-engine.js'
import { canonicalPath, claimPath } from '../engine/level/path-registry.js'
import { describe, invalidArgument, KvError } from '../errors.js'
import { Sweeper } from '../expiry/ttl-sweeper.js'
import { DEFAULT_MAX_VALUE_BYTES } from '../records/json.js'
import { CommitListeners } from '../stream/commit-listeners.js'
import { Notifier } from '../stream/notifier.js'
import { StreamSequencer } from '../stream/stream.js'
import { Store, type StoreCore } from './store.js'

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

const UTF8 = { keyEncoding: 'utf8', valueEncoding: 'utf8' } as const

/**
 * Opens a store: a LevelDB directory path (created if missing), ':memory:' for an in-memory
 * store, or any abstract-level database.
 */
export async function openStore(
  target: string | AnyLevel,
  options: OpenStoreOptions = {},
): Promise<Store> {
  if (typeof options !== 'object' || options === null)
    throw invalidArgument('options', 'an object', options)
  const maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES
  if (!Number.isSafeInteger(maxValueBytes) || maxValueBytes < 1) {
    throw invalidArgument('options.maxValueBytes', 'a positive integer', options.maxValueBytes)
  }
  const clock = options.clock ?? Date.now
  if (typeof clock !== 'function')
    throw invalidArgument('options.clock', 'a function', options.clock)

  const sweepIntervalMs = options.sweepIntervalMs ?? 1000
  if (typeof sweepIntervalMs !== 'number' || !(sweepIntervalMs >= 0)) {
    throw invalidArgument(
      'options.sweepIntervalMs',
      'a non-negative number of milliseconds',
      options.sweepIntervalMs,
    )
  }

  const { engine, release } = await openEngine(target, options.sync === true)
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
  if (target === ':memory:') {
    const { MemoryLevel } = await import('memory-level') // loaded only when asked for
    const db = new MemoryLevel<string, string>(UTF8)
    await db.open()
    return { engine: new LevelEngine(db, { name: 'memory-level', sync }) }
  }
  if (typeof target === 'string') return openLevelDb(target, sync)
  if (isAbstractLevel(target)) {
    if (target.status === 'opening' || target.status === 'closed') await target.open()
    const name = target.constructor?.name ?? 'abstract-level'
    const keyFilter = target instanceof ClassicLevel
    const engine = new LevelEngine(target, { name, sync, keyFilter })
    await engine.start()
    return { engine }
  }
  throw invalidArgument(
    'target',
    "a directory path, ':memory:' or an abstract-level database",
    target,
  )
}

async function openLevelDb(
  location: string,
  sync: boolean,
): Promise<{ engine: LevelEngine; release: () => void }> {
  if (location === '') throw invalidArgument('path', 'a non-empty directory path', location)
  const path = canonicalPath(location)
  const release = claimPath(path)
  if (!release) {
    throw new KvError(
      'KV_LOCKED',
      `the database at ${describe(location)} is already open in this process`,
    )
  }
  try {
    mkdirSync(dirname(path), { recursive: true })
    const db = new ClassicLevel<string, string>(path, UTF8)
    try {
      await db.open()
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause
      if (cause?.code === 'LEVEL_LOCKED') {
        throw new KvError(
          'KV_LOCKED',
          `the database at ${describe(location)} is open in another process`,
          {
            cause: error,
          },
        )
      }
      throw new KvError(
        'KV_IO_ERROR',
        `could not open the database at ${describe(location)}: ${(error as Error).message}`,
        {
          cause: error,
        },
      )
    }
    const engine = new LevelEngine(db, {
      name: 'classic-level',
      location: path,
      sync,
      keyFilter: true,
    })
    await engine.start()
    return { engine, release }
  } catch (error) {
    release()
    throw error
  }
}

function isAbstractLevel(value: unknown): value is AnyLevel {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AnyLevel).batch === 'function' &&
    typeof (value as AnyLevel).iterator === 'function' &&
    typeof (value as AnyLevel).supports === 'object'
  )
}
