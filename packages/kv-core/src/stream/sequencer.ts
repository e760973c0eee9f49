import type { EngineTxn, KvEngine } from '../engine/engine.js'
import type { Change } from '../records/changes.js'
import { prefixUpperBound } from '../records/keys.js'
import { metaKey, streamKey, TAG_STREAM } from '../records/keyspace.js'
import { toStamp } from '../records/stamp.js'
import { TRIMMED_THROUGH } from './stream.js'
import { chunkCount, encodeChunk, lastChunkedSeq } from './stream-chunk.js'

/** Meta key of a space's last stream seq, kept on shared engines (see StreamSequencer). */
const STREAM_HEAD = 'stream.head'

/**
 * The last stream seq of each space, and appends to the stream.
 *
 * On an engine this process owns alone (LevelDB, memory), the counter is loaded on first use and
 * then kept in memory: every append runs inside a serialized transaction, so it can never race.
 *
 * On a shared engine (`engine.shared`, PostgreSQL) other processes append too, so nothing is
 * cached: each append reads and rewrites the space's head row inside its own SERIALIZABLE
 * transaction. Two transactions that append to one space therefore always conflict, one of them
 * retries, and seqs are handed out in commit order with no gaps: once a reader sees seq N, every
 * seq below N is committed and visible too, so a consumer can never move past an entry that
 * becomes visible later. (A plain SQL sequence hands out numbers in start order, not commit order.)
 */
export class StreamSequencer {
  readonly #last = new Map<string, number>()
  /** The engine's `writeFailures` when `#last` was filled: after a failed write it is reloaded. */
  #failuresSeen = 0
  readonly #shared: boolean
  /** On a shared engine: the head each transaction read first (see `begin`). */
  readonly #heads = new WeakMap<EngineTxn, { space: string; head: number }>()

  constructor(shared = false) {
    this.#shared = shared
  }

  async last(space: string, txn: EngineTxn, engine: KvEngine): Promise<number> {
    if (this.#shared) return readHead(space, txn)
    this.#forgetAfterFailure(engine)
    let last = this.#last.get(space)
    if (last === undefined) {
      last = await loadLastSeq(space, txn, engine)
      this.#last.set(space, last)
    }
    return last
  }

  /**
   * The last seq committed, read outside any transaction: on a shared engine one read of the
   * head row (a transaction would queue behind the writers for the table's lock).
   */
  async committedLast(space: string, engine: KvEngine): Promise<number> {
    if (this.#shared) {
      const head = await engine.get(metaKey(space, STREAM_HEAD))
      if (head !== undefined) return Number(head)
    }
    return engine.transact((txn) => this.last(space, txn, engine))
  }

  /**
   * Called first in a transaction that may append to `space`: on a shared engine it reads the
   * head now, before the transaction's other reads. A server engine may batch a transaction's
   * later reads on a guess that their keys are absent, and a guessed-absent head would make the
   * append derive it from every chunk of the stream. No-op elsewhere.
   */
  async begin(space: string, txn: EngineTxn): Promise<void> {
    if (this.#shared) this.#heads.set(txn, { space, head: await readHead(space, txn) })
  }

  /**
   * Appends stream entries for `changes` (made at `now`) inside the transaction that made them:
   * one chunk (see stream-chunk.ts), keyed by the seq of its first entry. Returns that seq.
   */
  async append(
    space: string,
    txn: EngineTxn,
    engine: KvEngine,
    changes: Change[],
    now: number,
  ): Promise<number> {
    const begun = this.#heads.get(txn)
    this.#forgetAfterFailure(engine)
    let seq =
      begun?.space === space
        ? begun.head
        : (this.#last.get(space) ?? (await this.last(space, txn, engine)))
    const first = seq + 1
    const at = toStamp(now)
    for (let i = 0; i < changes.length; ) {
      const [chunk, next] = encodeChunk(changes, i, at)
      txn.put(streamKey(space, seq + 1), chunk)
      seq += next - i
      i = next
    }
    if (this.#shared) txn.put(metaKey(space, STREAM_HEAD), String(seq))
    else this.#last.set(space, seq)
    return first
  }

  get shared(): boolean {
    return this.#shared
  }

  /** Forgets the cached counters: a restore wrote the stream underneath the store. */
  reset(): void {
    this.#last.clear()
  }

  /**
   * Forgets the cached counters once a write has failed since they were filled: the engine
   * failed every transaction that saw the lost writes, so the database is the truth again.
   */
  #forgetAfterFailure(engine: KvEngine): void {
    const failures = engine.writeFailures ?? 0
    if (failures === this.#failuresSeen) return
    this.#last.clear()
    this.#failuresSeen = failures
  }
}

/**
 * The head row, read inside the transaction. A space that has none yet (its first append, or a
 * store copied from another engine) derives it once from its chunks, read through the
 * transaction too: a read outside it would need a second connection while this one is held, and
 * many such transactions at once would starve the pool.
 */
async function readHead(space: string, txn: EngineTxn): Promise<number> {
  const head = await txn.get(metaKey(space, STREAM_HEAD))
  if (head !== undefined) return Number(head)
  const prefix = space + TAG_STREAM
  let last = 0
  for await (const batch of txn.entries({ gte: prefix, lt: prefixUpperBound(prefix)! })) {
    for (const [key, chunk] of batch)
      last = Math.max(last, Number(key.slice(prefix.length)) + chunkCount(chunk) - 1)
  }
  return Math.max(last, await trimmedThrough(space, txn))
}

async function trimmedThrough(space: string, txn: EngineTxn): Promise<number> {
  const trimmed = await txn.get(metaKey(space, TRIMMED_THROUGH))
  return trimmed === undefined ? 0 : Number(trimmed)
}

async function loadLastSeq(space: string, txn: EngineTxn, engine: KvEngine): Promise<number> {
  return Math.max(await lastChunkedSeq(engine, space), await trimmedThrough(space, txn))
}
