import type { Change } from './apply.js'
import type { EngineTxn, KvEngine } from './engine.js'
import { invalidArgument } from './errors.js'
import type { JsonValue } from './json.js'
import { assertPrefix, prefixUpperBound } from './keys.js'
import { metaKey, streamKey, TAG_STREAM } from './keyspace.js'

/** One committed change, as the change stream records it. */
export interface StreamEntry {
  /** Global (per store space), gap-free, increasing. */
  seq: number
  action: 'create' | 'update' | 'delete' | 'expire'
  key: string
  version: number
  type: string
  /** The new value; for delete and expire, the last value. */
  value: JsonValue
  /** ISO-8601 UTC time of the change. */
  at: string
}

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

const TRIMMED_THROUGH = 'stream.trimmed'

/**
 * The next stream seq of each space, loaded on first use and then kept in memory: every stream
 * append runs inside a serialized transaction, so the counter can never race.
 */
export class StreamSequencer {
  readonly #last = new Map<string, number>()

  async last(space: string, txn: EngineTxn, engine: KvEngine): Promise<number> {
    let last = this.#last.get(space)
    if (last === undefined) {
      last = await loadLastSeq(space, txn, engine)
      this.#last.set(space, last)
    }
    return last
  }

  /** Appends stream entries for `changes` inside the transaction that made them. */
  async append(
    space: string,
    txn: EngineTxn,
    engine: KvEngine,
    changes: Change[],
    iso: string,
  ): Promise<void> {
    let seq = await this.last(space, txn, engine)
    for (const change of changes) {
      seq++
      txn.put(streamKey(space, seq), encodeEntry(seq, change, iso))
    }
    this.#last.set(space, seq)
  }

  /** Forgets cached counters (after a failed write, the database is the truth again). */
  reset(): void {
    this.#last.clear()
  }
}

function encodeEntry(seq: number, change: Change, iso: string): string {
  return `{"seq":${seq},"action":"${change.action}","key":${JSON.stringify(change.key)},"version":${change.version},"type":${JSON.stringify(change.type)},"at":"${iso}","value":${change.valueJson}}`
}

async function loadLastSeq(space: string, txn: EngineTxn, engine: KvEngine): Promise<number> {
  const prefix = space + TAG_STREAM
  const iterator = engine.iterator({
    gte: prefix,
    lt: prefixUpperBound(prefix)!,
    reverse: true,
    keysOnly: true,
  })
  let last = 0
  try {
    const [entry] = await iterator.nextv(1)
    if (entry) last = Number(entry[0].slice(prefix.length))
  } finally {
    await iterator.close()
  }
  const trimmed = await txn.get(metaKey(space, TRIMMED_THROUGH))
  return Math.max(last, trimmed === undefined ? 0 : Number(trimmed))
}

export function checkQuery(
  query: StreamQuery,
): Required<Pick<StreamQuery, 'from' | 'limit'>> & StreamQuery {
  if (typeof query !== 'object' || query === null)
    throw invalidArgument('query', 'an object', query)
  const from = query.from ?? 1
  if (!Number.isSafeInteger(from) || from < 0)
    throw invalidArgument('from', 'a non-negative integer', query.from)
  const limit = query.limit ?? 1000
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw invalidArgument('limit', 'a positive integer', query.limit)
  if (query.prefix !== undefined) assertPrefix(query.prefix, 'prefix')
  if (query.type !== undefined && typeof query.type !== 'string')
    throw invalidArgument('type', 'a string', query.type)
  return { ...query, from, limit }
}

/**
 * Reads stream entries with seq >= from that match the filters. Also returns the last seq it
 * looked at, so a follower can resume after entries that did not match.
 */
export async function readStream(
  engine: KvEngine,
  space: string,
  query: StreamQuery & { from: number; limit: number },
  match?: (entry: StreamEntry) => boolean,
): Promise<{ entries: StreamEntry[]; scannedThrough: number }> {
  const prefix = space + TAG_STREAM
  const iterator = engine.iterator({
    gte: streamKey(space, query.from),
    lt: prefixUpperBound(prefix)!,
  })
  const entries: StreamEntry[] = []
  let scannedThrough = query.from - 1
  try {
    outer: for (
      let batch = await iterator.nextv(256);
      batch.length > 0;
      batch = await iterator.nextv(256)
    ) {
      for (const [, raw] of batch) {
        const entry = JSON.parse(raw) as StreamEntry
        if (matches(entry, query) && (!match || match(entry))) {
          entries.push(entry)
          if (entries.length === query.limit) {
            scannedThrough = entry.seq
            break outer
          }
        }
        scannedThrough = entry.seq
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

/** Drops stream entries with seq <= through, remembering the trim point so seqs never restart. */
export async function trimStream(txn: EngineTxn, space: string, through: number): Promise<number> {
  let removed = 0
  for await (const batch of txn.entries({
    gte: streamKey(space, 0),
    lte: streamKey(space, through),
  })) {
    for (const [key] of batch) {
      txn.del(key)
      removed++
    }
  }
  const previous = await txn.get(metaKey(space, TRIMMED_THROUGH))
  if (previous === undefined || Number(previous) < through)
    txn.put(metaKey(space, TRIMMED_THROUGH), String(through))
  return removed
}
