import type { KvEngine } from '../engine/engine.js'
import { KvError } from '../errors.js'
import { RESTORE_MARKER } from '../records/keyspace.js'
import { RestoreRules } from './restore-rules.js'
import type { BackupSource, Entry, ProgressListener } from './sections.js'

export interface RestoreOptions {
  /** Restore into a store that holds data: everything in it is deleted first. */
  force?: boolean
  onProgress?: ProgressListener
  /** Bytes read so far, for progress (a file's reader). */
  offset?: () => number
}

export interface Restored {
  /** Records written (records of the backup that had expired by now are left out). */
  records: number
  /** Entries written in all: records, indexes, stream chunks, meta. */
  entries: number
  streamEntries: number
  /** The backup's root stream seq: the restored store's next seq is above it. */
  seq: number
}

/** Whether a store holds anything but a restore marker; and whether it holds the marker. */
export async function storeState(engine: KvEngine): Promise<{ empty: boolean; marked: boolean }> {
  const marked = (await engine.get(RESTORE_MARKER)) !== undefined
  const keys = engine.keys({})
  try {
    const first = await keys.nextv(2)
    return { empty: first.length === (marked ? 1 : 0), marked }
  } finally {
    await keys.close()
  }
}

/**
 * Restores a backup into `engine`. Nothing is written before the target was found empty (or
 * `force`, or marked by an earlier restore) and the backup's header was read. Then the marker is
 * written, the old contents (if any) deleted, the batches loaded (engine.load where there is one)
 * and, once the trailer has proved the body whole, the marker removed: a restore that fails or
 * is killed on the way leaves a store that openStore refuses (KV_RESTORE_INCOMPLETE).
 */
export async function restoreInto(
  engine: KvEngine,
  source: BackupSource,
  now: number,
  options: RestoreOptions = {},
): Promise<Restored> {
  const { empty, marked } = await storeState(engine)
  if (!empty && !marked && options.force !== true) {
    throw new KvError(
      'KV_NOT_EMPTY',
      'restore: the target store is not empty: restore into an empty store, or pass { force: true } (kv restore --force) to replace its contents',
    )
  }
  const { header } = source
  const marker = JSON.stringify({ startedAt: new Date(now).toISOString(), from: header.engine })
  await engine.transact((txn) => txn.put(RESTORE_MARKER, marker))
  if (!empty) await clearAllBut(engine, RESTORE_MARKER)
  const rules = new RestoreRules(now, engine.shared === true)
  const loads = new Loads(loader(engine), engine.shared === true ? 4 : 2)
  let entries = 0
  let read = 0
  try {
    for await (const batch of source.batches) {
      read += batch.length
      const kept = rules.filter(batch)
      await loads.add(kept)
      entries += kept.length
      options.onProgress?.({
        entries: read,
        total: header.entries,
        records: rules.records,
        bytes: options.offset?.() ?? 0,
      })
    }
    source.counts() // throws unless the trailer checked out
    await loads.add(rules.finish())
    await loads.drain()
  } finally {
    await loads.settle() // nothing may still be writing once restore has settled
  }
  const counts = source.counts()
  await engine.transact((txn) => txn.del(RESTORE_MARKER))
  return {
    records: rules.records,
    entries,
    streamEntries: counts.streamEntries,
    seq: header.seq,
  }
}

/** Entries per engine load: larger than a backup's batches, fewer round trips and commits. */
const LOAD_ENTRIES = 5000

/**
 * Loads gathered into LOAD_ENTRIES at a time, with up to `depth` of them in flight: the next
 * batch is read and decoded while the engine writes (LevelDB on its own thread, PostgreSQL on
 * several connections). Entries of a backup are distinct keys, so loads may land in any order.
 */
class Loads {
  readonly #load: (entries: Entry[]) => Promise<void>
  readonly #depth: number
  readonly #inFlight = new Set<Promise<void>>()
  #gathered: Entry[] = []
  #failure: { error: unknown } | undefined

  constructor(load: (entries: Entry[]) => Promise<void>, depth: number) {
    this.#load = load
    this.#depth = depth
  }

  async add(entries: Entry[]): Promise<void> {
    for (const entry of entries) this.#gathered.push(entry)
    if (this.#gathered.length >= LOAD_ENTRIES) await this.#send()
  }

  async drain(): Promise<void> {
    if (this.#gathered.length > 0) await this.#send()
    await this.settle()
    this.#check()
  }

  async settle(): Promise<void> {
    await Promise.allSettled([...this.#inFlight])
  }

  async #send(): Promise<void> {
    this.#check()
    const entries = this.#gathered
    this.#gathered = []
    const loading: Promise<void> = this.#load(entries).then(
      () => {
        this.#inFlight.delete(loading)
      },
      (error: unknown) => {
        this.#inFlight.delete(loading)
        this.#failure ??= { error }
      },
    )
    this.#inFlight.add(loading)
    while (this.#inFlight.size >= this.#depth) await Promise.race(this.#inFlight)
    this.#check()
  }

  #check(): void {
    if (this.#failure) throw this.#failure.error
  }
}

function loader(engine: KvEngine): (entries: Entry[]) => Promise<void> {
  if (engine.load) return (entries) => engine.load!(entries)
  return (entries) =>
    engine.transact((txn) => {
      for (const [key, value] of entries) txn.put(key, value)
    })
}

/** Deletes every key but `keep`, some thousands per transaction. */
async function clearAllBut(engine: KvEngine, keep: string): Promise<void> {
  for (;;) {
    const iterator = engine.keys({})
    let keys: string[]
    try {
      keys = (await iterator.nextv(5000)).filter((key) => key !== keep)
    } finally {
      await iterator.close()
    }
    if (keys.length === 0) return
    await engine.transact((txn) => {
      for (const key of keys) txn.del(key)
    })
  }
}
