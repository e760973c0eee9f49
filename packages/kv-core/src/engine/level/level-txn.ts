import { compareKeys } from '../../records/keys.js'
import {
  type EngineIterator,
  type EngineRange,
  type EngineTxn,
  inRange,
  overlayStaged,
} from '../engine.js'
import type { KeyPresence } from './key-presence.js'
import { DELETED, type Staged, type Writes } from './staged-writes.js'

const SCAN_BATCH = 1000

/** What a transaction reads from its LevelEngine (an interface, so the two files import one way). */
export interface TxnSource {
  readonly presence: KeyPresence | undefined
  /** The latest value of a key: staged writes first, then the database. */
  readLatest(key: string): string | undefined | Promise<string | undefined>
  /** A consistent snapshot of one range: database iterator plus the staged writes at this instant. */
  snapshotRange(range: EngineRange): { iterator: EngineIterator; staged: Map<string, Staged> }
}

/** One LevelEngine transaction: its own writes, read back by its later steps. */
export class LevelTxn implements EngineTxn {
  /** Read by later steps of the transaction, then staged as one unit. */
  readonly writes: Writes = new Map()
  readonly #engine: TxnSource

  constructor(engine: TxnSource) {
    this.#engine = engine
  }

  get(key: string): string | undefined | Promise<string | undefined> {
    // Every key written is added to the filter before it is staged, so a key it has never seen
    // is in neither this transaction, the staged writes nor the database: no Map lookups (a new
    // key is a fresh string whose hash V8 has yet to compute) and no read.
    if (this.#engine.presence?.surelyAbsent(key)) return undefined
    const local = this.writes.get(key)
    if (local !== undefined) return local === DELETED ? undefined : local
    return this.#engine.readLatest(key)
  }

  put(key: string, value: string): void {
    this.#engine.presence?.adding(key)
    this.writes.set(key, value)
  }

  del(key: string): void {
    this.writes.set(key, DELETED)
  }

  async *entries(range: EngineRange): AsyncIterable<Array<[string, string]>> {
    const { iterator, staged } = this.#engine.snapshotRange(range)
    for (const [key, value] of this.writes) {
      if (inRange(key, range, compareKeys)) staged.set(key, value)
    }
    yield* overlayStaged(iterator, staged, SCAN_BATCH)
  }
}
