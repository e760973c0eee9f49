import type { EngineTxn, KvEngine } from '../engine/engine.js'
import type { Change } from '../records/changes.js'
import { prefixUpperBound } from '../records/keys.js'
import { metaKey, streamKey, TAG_STREAM } from '../records/keyspace.js'
import { toStamp } from '../records/stamp.js'
import { TRIMMED_THROUGH } from './stream.js'
import { chunkCount, encodeChunk } from './stream-chunk.js'

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
  readonly #shared: boolean

  constructor(shared = false) {
    this.#shared = shared
  }

  async last(space: string, txn: EngineTxn, engine: KvEngine): Promise<number> {
    if (this.#shared) return readHead(space, txn, engine)
    let last = this.#last.get(space)
    if (last === undefined) {
      last = await loadLastSeq(space, txn, engine)
      this.#last.set(space, last)
    }
    return last
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
    let seq = this.#last.get(space) ?? (await this.last(space, txn, engine))
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

  /** Forgets cached counters (after a failed write, the database is the truth again). */
  reset(): void {
    this.#last.clear()
  }
}

/** The head row, read inside the transaction; a store that has none yet derives it once. */
async function readHead(space: string, txn: EngineTxn, engine: KvEngine): Promise<number> {
  const head = await txn.get(metaKey(space, STREAM_HEAD))
  return head === undefined ? loadLastSeq(space, txn, engine) : Number(head)
}

async function loadLastSeq(space: string, txn: EngineTxn, engine: KvEngine): Promise<number> {
  const prefix = space + TAG_STREAM
  const iterator = engine.iterator({ gte: prefix, lt: prefixUpperBound(prefix)!, reverse: true })
  let last = 0
  try {
    const [chunk] = await iterator.nextv(1)
    if (chunk) last = Number(chunk[0].slice(prefix.length)) + chunkCount(chunk[1]) - 1
  } finally {
    await iterator.close()
  }
  const trimmed = await txn.get(metaKey(space, TRIMMED_THROUGH))
  return Math.max(last, trimmed === undefined ? 0 : Number(trimmed))
}
