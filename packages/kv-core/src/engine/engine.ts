/**
 * The storage seam. The Store speaks only to this interface; the LevelDB engine implements it
 * over abstract-level, and a server engine (PostgreSQL) can implement it with a transaction.
 * Keys and values are strings; keys order by UTF-8 bytes.
 */
export interface KvEngine {
  /** Human-readable engine name, e.g. 'classic-level' or 'memory-level'. */
  readonly name: string
  /** Filesystem location for on-disk engines. */
  readonly location?: string
  /**
   * True when other processes write the same storage (a server engine such as PostgreSQL). The
   * store then caches nothing it would have to trust between transactions (the stream's next
   * seq is read inside each one), and hears other processes' commits from the change stream.
   */
  readonly shared?: boolean
  /**
   * How many writes have failed so far, on an engine that stages writes in memory (LevelDB):
   * every transaction that saw a failed write's staged state fails with it, so a counter the
   * store caches from such state (the stream's next seq) is stale once this number changes.
   */
  readonly writeFailures?: number

  /** Reads committed values. */
  getMany(keys: string[]): Promise<(string | undefined)[]>
  get(key: string): Promise<string | undefined>

  /** Iterates committed entries of a range, from a snapshot taken when called. */
  iterator(range: EngineRange): EngineIterator

  /**
   * Iterates the keys alone of a range, from a snapshot taken when called: no value is read,
   * and a batch is an array of keys (no entry pairs for the caller to unpack). `batchBytes`, a
   * hint, bounds the bytes one `nextv` holds (engines that read in place may ignore it).
   */
  keys(range: EngineRange, batchBytes?: number): EngineKeyIterator

  /**
   * Runs `work` with exclusive access to the latest state: no other transaction's writes can
   * interleave between its reads and its writes. Writes staged on the transaction are committed
   * atomically, in order, after `work` resolves; if `work` throws, nothing is written.
   * The returned promise settles once the writes are durable (as durable as the engine's mode).
   */
  transact<T>(work: (txn: EngineTxn) => T | Promise<T>): Promise<T>

  /**
   * Bytes the range's entries (`gte` to `lt`, either open) take on disk, approximately (LevelDB
   * counts its table files, not the write buffer). Absent on engines that cannot tell.
   */
  approximateSize?(range: EngineRange): Promise<number>

  /**
   * What the engine can tell about itself and its storage, for status displays (`kv info`): its
   * name, server version, location and size. Absent on engines with nothing more to say than
   * `name` and `location`. Fields the engine cannot read (no permission, a server without the
   * statistic) are left out rather than failing.
   */
  info?(): Promise<EngineInfo>

  /**
   * A read view of the whole storage at one instant (one commit: every transaction committed
   * before it, none after), for a backup that runs while writers go on. Its reads take no lock
   * a writer waits for. LevelDB: an explicit snapshot; PostgreSQL: one REPEATABLE READ READ ONLY
   * transaction on a reserved connection. Close it when done (it pins old data). Absent on
   * engines that cannot give one: such a store cannot be backed up online.
   */
  snapshot?(): Promise<EngineSnapshot>

  /**
   * Writes entries whose keys the store does not hold, as they are, outside any transaction: for
   * a restore into a store nobody else is using (no read, no version check, no stream). Each
   * call is atomic; an engine may fail on a key that exists. Absent: the restore puts them in
   * transactions of the same size instead.
   */
  load?(entries: Array<[key: string, value: string]>): Promise<void>

  /** Waits for in-flight transactions, then releases the storage. */
  close(): Promise<void>
}

/** What `KvEngine.snapshot()` gives: ranges read as of one instant, until `close()`. */
export interface EngineSnapshot {
  iterator(range: EngineRange): EngineIterator
  keys(range: EngineRange): EngineKeyIterator
  close(): Promise<void>
}

/** What `KvEngine.info()` reports; every field but `engine` is optional. */
export interface EngineInfo {
  /** The engine's name, as `KvEngine.name`: 'classic-level', 'memory-level', 'postgres'... */
  engine: string
  /** Where the data lives: a directory, or a server URL with its password masked. */
  location?: string
  /** The table holding the store, on SQL engines. */
  table?: string
  /** The server's version string (`SHOW server_version` on PostgreSQL), on server engines. */
  serverVersion?: string
  /** Bytes the store's storage takes (a SQL table with its indexes and TOAST), as the engine counts them. */
  bytes?: number
  /** The server this engine writes to now (`host:port`), on server engines with several hosts. */
  host?: string
  /** The server's role, where it tells: a primary accepts writes, a standby replays them. */
  role?: 'primary' | 'standby'
  /** The primary's standbys as it reports them (`pg_stat_replication`); empty without any. */
  replication?: ReplicationPeer[]
}

/** One standby attached to the primary. */
export interface ReplicationPeer {
  /** The standby's `application_name` (`walreceiver` unless its connection names it). */
  name: string
  /** Its address, when the server shows it. */
  address?: string
  /** `streaming`, `catchup`, `startup`, ... */
  state: string
  /** `sync` for a synchronous standby, `async`, `potential` or `quorum`. */
  syncState: string
}

export interface EngineRange {
  gte?: string
  gt?: string
  lt?: string
  lte?: string
  reverse?: boolean
}

export interface EngineIterator {
  /** Up to `size` entries; an empty array means the end. */
  nextv(size: number): Promise<Array<[key: string, value: string]>>
  /** Moves to the first entry at or after `target` (at or before, when reverse), within the range. */
  seek(target: string): void
  close(): Promise<void>
}

export interface EngineKeyIterator {
  /** Up to `size` keys; an empty array means the end. */
  nextv(size: number): Promise<string[]>
  /** Moves to the first key at or after `target` (at or before, when reverse), within the range. */
  seek(target: string): void
  close(): Promise<void>
}

/** A transaction's view of the latest state (committed, plus earlier transactions not yet flushed). */
export interface EngineTxn {
  get(key: string): Promise<string | undefined> | string | undefined
  /** Every entry currently in the range, in batches, in no particular order. */
  entries(range: EngineRange): AsyncIterable<Array<[key: string, value: string]>>
  put(key: string, value: string): void
  del(key: string): void
}

/** Whether an iterator yields any entry (reads at most one); closes it. */
export async function yieldsAny(iterator: EngineIterator | EngineKeyIterator): Promise<boolean> {
  try {
    return (await iterator.nextv(1)).length > 0
  } finally {
    await iterator.close()
  }
}

/** An iterator's batches of up to `size` until its end; closes it. */
export async function* batchesOf<T>(
  iterator: { nextv(size: number): Promise<T[]>; close(): Promise<void> },
  size: number,
): AsyncGenerator<T[]> {
  try {
    for (
      let batch = await iterator.nextv(size);
      batch.length > 0;
      batch = await iterator.nextv(size)
    )
      yield batch
  } finally {
    await iterator.close()
  }
}

/** True when `key` lies inside `range` (string comparison matches UTF-8 order for our keys). */
export function inRange(
  key: string,
  range: EngineRange,
  compare: (a: string, b: string) => number,
): boolean {
  if (range.gte !== undefined && compare(key, range.gte) < 0) return false
  if (range.gt !== undefined && compare(key, range.gt) <= 0) return false
  if (range.lt !== undefined && compare(key, range.lt) >= 0) return false
  if (range.lte !== undefined && compare(key, range.lte) > 0) return false
  return true
}

/**
 * What a transaction reads of a range: the committed entries of `iterator` (in batches of
 * `size`) not overwritten by a write `staged` in the transaction, then the staged puts. A staged
 * value that is not a string (an engine's deletion marker) is a delete. Closes the iterator.
 */
export async function* overlayStaged(
  iterator: EngineIterator,
  staged: ReadonlyMap<string, unknown>,
  size: number,
): AsyncGenerator<Array<[key: string, value: string]>> {
  for await (const batch of batchesOf(iterator, size)) {
    const fresh = staged.size === 0 ? batch : batch.filter(([key]) => !staged.has(key))
    if (fresh.length > 0) yield fresh
  }
  const added: Array<[string, string]> = []
  for (const [key, value] of staged) if (typeof value === 'string') added.push([key, value])
  if (added.length > 0) yield added
}
