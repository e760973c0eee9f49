import { checkSize, MAX_LIMIT } from '../arguments.js'
import type { EngineTxn, KvEngine } from '../engine/engine.js'
import { invalidArgument } from '../errors.js'
import { assertPrefix, prefixUpperBound } from '../records/keys.js'
import { metaKey, streamKey, TAG_STREAM } from '../records/keyspace.js'
import { ChunkCursor, chunkCount, dropEntries, type StreamEntry } from './stream-chunk.js'

export type { StreamEntry } from './stream-chunk.js'

export interface StreamQuery {
  /** First seq to return (inclusive); default 1. */
  from?: number
  /** Only entries of this record type. */
  type?: string
  /** Only entries whose key starts with this prefix. */
  prefix?: string
  /** Default 1000. */
  limit?: number
}

/** Meta key of the highest seq ever trimmed: seqs never restart below it. */
export const TRIMMED_THROUGH = 'stream.trimmed'

/** The key of the chunk holding `seq` (the last chunk starting at or before it). */
async function chunkKeyOf(engine: KvEngine, space: string, seq: number): Promise<string> {
  const iterator = engine.keys({
    gte: space + TAG_STREAM,
    lte: streamKey(space, seq),
    reverse: true,
  })
  try {
    const [chunk] = await iterator.nextv(1)
    return chunk ?? streamKey(space, seq)
  } finally {
    await iterator.close()
  }
}

/** Validates a stream query; `method` names the caller in errors. */
export function checkQuery(
  query: StreamQuery,
  method: string,
): Required<Pick<StreamQuery, 'from' | 'limit'>> & StreamQuery {
  if (typeof query !== 'object' || query === null)
    throw invalidArgument(`${method}: query`, 'an object', query)
  const from = query.from ?? 1
  if (!Number.isSafeInteger(from) || from < 0)
    throw invalidArgument(`${method}: query.from`, 'a non-negative integer', query.from)
  const limit = checkSize(query.limit, `${method}: query.limit`, 1000, MAX_LIMIT)
  if (query.prefix !== undefined) assertPrefix(query.prefix, `${method}: query.prefix`)
  if (query.type !== undefined && typeof query.type !== 'string')
    throw invalidArgument(`${method}: query.type`, 'a string', query.type)
  return { ...query, from, limit }
}

/**
 * Reads stream entries with seq >= from that match the filters. Also returns the last seq it
 * looked at, so a follower can resume after entries that did not match. `match` sees an entry
 * before its value is parsed (`value` is null there). `onChunk` runs before each stored chunk's
 * entries: a chunk holds one transaction's changes (a large one is split over several).
 */
export async function readStream(
  engine: KvEngine,
  space: string,
  query: StreamQuery & { from: number; limit: number },
  match?: (entry: StreamEntry) => boolean,
  onChunk?: () => void,
): Promise<{ entries: StreamEntry[]; scannedThrough: number }> {
  const prefix = space + TAG_STREAM
  const from = query.from
  const iterator = engine.iterator({
    gte: await chunkKeyOf(engine, space, from),
    lt: prefixUpperBound(prefix)!,
  })
  const entries: StreamEntry[] = []
  let scannedThrough = from - 1
  try {
    for (let batch = await iterator.nextv(16); batch.length > 0; batch = await iterator.nextv(16)) {
      for (const [chunkKey, raw] of batch) {
        const cursor = new ChunkCursor(Number(chunkKey.slice(prefix.length)), raw)
        onChunk?.()
        for (let i = 0; i < cursor.count; i++) {
          if (cursor.seq < from) {
            cursor.skip()
            continue
          }
          const entry = cursor.next()
          scannedThrough = entry.seq
          // The filters read the entry's header only: skipped values are never parsed.
          if (matches(entry, query) && (!match || match(entry))) {
            entries.push(cursor.value(entry))
            if (entries.length === query.limit) return { entries, scannedThrough }
          }
        }
      }
    }
  } finally {
    await iterator.close()
  }
  return { entries, scannedThrough }
}

function matches(entry: StreamEntry, query: StreamQuery): boolean {
  if (query.type !== undefined && entry.type !== query.type) return false
  if (query.prefix !== undefined && !entry.key.startsWith(query.prefix)) return false
  return true
}

/**
 * Drops stream entries with seq <= through, remembering the trim point so seqs never restart. A
 * chunk that straddles the trim point is rewritten without its trimmed entries.
 */
export async function trimStream(txn: EngineTxn, space: string, through: number): Promise<number> {
  const prefixLength = (space + TAG_STREAM).length
  let removed = 0
  for await (const batch of txn.entries({
    gte: streamKey(space, 0),
    lte: streamKey(space, through),
  })) {
    for (const [key, raw] of batch) {
      const count = chunkCount(raw)
      const drop = Math.min(count, through - Number(key.slice(prefixLength)) + 1)
      txn.del(key)
      if (drop < count) txn.put(streamKey(space, through + 1), dropEntries(raw, drop))
      removed += drop
    }
  }
  const previous = await txn.get(metaKey(space, TRIMMED_THROUGH))
  if (previous === undefined || Number(previous) < through)
    txn.put(metaKey(space, TRIMMED_THROUGH), String(through))
  return removed
}
