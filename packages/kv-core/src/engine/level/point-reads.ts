import type { AbstractGetOptions } from 'abstract-level'
import { yieldToLoop } from '../turns.js'
import type { AnyLevel } from './any-level.js'

/** Internal: tests lower these to reach both bounds with few reads. */
export const POINT_READ_TUNING = {
  /** A read of more keys than this goes to the database's threadpool. */
  maxKeys: 16,
  /** Keys read on the calling thread before the event loop must have had a turn. */
  budget: 256,
}

/**
 * Reads of a few keys, served on the calling thread when the database can (`getSync`).
 *
 * A LevelDB read of a cached key takes a few microseconds; an async `get` also waits for a
 * threadpool hop and an event-loop turn, about 0.1-0.2 ms, so for a few keys the wait is most
 * of the cost (a graph's shortest path read its edges' props in half the time this way).
 * Two bounds keep the event loop responsive: a read of many keys goes to the threadpool, and
 * once `budget` keys were read with no event-loop turn in between, the next read waits for one.
 * Several keys are read under one explicit snapshot, so a write that lands on another thread
 * meanwhile is seen by all of them or by none.
 */
export class PointReads {
  readonly #db: AnyLevel
  readonly #options: AbstractGetOptions<string, string>
  readonly #snapshotOptions = { keyEncoding: 'utf8', valueEncoding: 'utf8' } as const
  readonly enabled: boolean
  /** Keys read since the event loop last had a turn. */
  #held = 0
  /** Resolves at the next event-loop turn (set while keys are held). */
  #turn: Promise<void> | undefined

  /** `options`: the engine's read options (undefined at run time when the defaults are utf8). */
  constructor(db: AnyLevel, options: AbstractGetOptions<string, string>) {
    this.#db = db
    this.#options = options
    const supports = db.supports as { getSync?: boolean; explicitSnapshots?: boolean }
    this.enabled = supports.getSync === true && supports.explicitSnapshots === true
  }

  /** The values of `keys`, or undefined when the read should go to the threadpool. */
  read(keys: string[]): Promise<(string | undefined)[]> | undefined {
    const count = keys.length
    if (!this.enabled || count === 0 || count > POINT_READ_TUNING.maxKeys) return undefined
    if (this.#held + count > POINT_READ_TUNING.budget) {
      return this.#turn!.then(() => this.read(keys)!)
    }
    if (this.#held === 0) {
      this.#turn = yieldToLoop().then(() => {
        this.#held = 0
      })
    }
    this.#held += count
    try {
      return Promise.resolve(this.#readNow(keys))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  #readNow(keys: string[]): (string | undefined)[] {
    if (keys.length === 1) return [this.#db.getSync(keys[0]!, this.#options)]
    const snapshot = this.#db.snapshot()
    try {
      const options = { ...this.#snapshotOptions, snapshot }
      return keys.map((key) => this.#db.getSync(key, options))
    } finally {
      // Closing only releases the LevelDB snapshot; nothing waits on it.
      snapshot.close().catch(() => {})
    }
  }
}
