import { checkSize, MAX_LIMIT } from '../arguments.js'
import { batchesOf, type EngineRange, type KvEngine } from '../engine/engine.js'
import { invalidArgument } from '../errors.js'
import type { JsonValue } from '../records/json.js'
import { decodeRecord, isExpired, type KvRecord } from '../records/record.js'
import { encodeCursor } from './selector.js'

export interface ScanOptions {
  /** Records per page; default 1000. */
  limit?: number
  reverse?: boolean
  /** Resume after the last record of a previous page. */
  cursor?: string
  /** Records to skip before the page starts (after the cursor, if any). */
  offset?: number
}

export interface KvPage<T extends JsonValue = JsonValue> {
  records: KvRecord<T>[]
  /** Present when more records may follow; pass it back as `cursor`. */
  cursor?: string
}

/**
 * A page of `scanValues`: each record's key and value (same order, same index), without the
 * record's version, times and type.
 */
export interface KvValuePage<T extends JsonValue = JsonValue> {
  keys: string[]
  values: T[]
  /** Present when more records may follow; pass it back as `cursor` (to scan or scanValues). */
  cursor?: string
}

export const DEFAULT_PAGE_LIMIT = 1000
const BATCH = 256

/** A page's `limit` option; `method` names the caller in errors. */
export function pageLimit(limit: unknown, method: string): number {
  return checkSize(limit, `${method}: options.limit`, DEFAULT_PAGE_LIMIT, MAX_LIMIT)
}

export function pageOffset(offset: unknown, method: string): number {
  if (offset === undefined) return 0
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    throw invalidArgument(`${method}: options.offset`, 'a non-negative integer', offset)
  }
  return offset
}

/**
 * Streams the live records of one engine range in key order, in batches, with bounded memory.
 * `base` is stripped from internal keys to give user keys.
 */
export async function* recordsIn(
  engine: KvEngine,
  range: EngineRange,
  base: string,
  now: () => number,
): AsyncGenerator<KvRecord> {
  const iterator = engine.iterator(range)
  try {
    let size = 16 // small first batch: a short page should not read a thousand records
    for (
      let batch = await iterator.nextv(size);
      batch.length > 0;
      batch = await iterator.nextv(size)
    ) {
      const at = now()
      for (const [key, raw] of batch) {
        if (!isExpired(raw, at)) yield decodeRecord(key.slice(base.length), raw)
      }
      size = BATCH
    }
  } finally {
    await iterator.close()
  }
}

/** Counts the live records of a range without decoding their values. */
export async function countIn(
  engine: KvEngine,
  range: EngineRange,
  now: () => number,
): Promise<number> {
  let count = 0
  for await (const batch of batchesOf(engine.iterator(range), 1000)) {
    const at = now()
    for (const [, raw] of batch) if (!isExpired(raw, at)) count++
  }
  return count
}

/** Entries read per engine call when a page needs many (a large `offset` must not read them all at once). */
const PAGE_BATCH = 1024

export interface PageRead {
  /** Stripped from internal keys to give user keys. */
  base: string
  now: () => number
  limit: number
  offset: number
  /** The range is read backwards (for the cursor). */
  reverse: boolean
}

/** One page of live records: their user keys and what `decode` made of each. */
export interface DecodedPage<T> {
  keys: string[]
  items: T[]
  /** Present when more records follow: resumes after the page's last key. */
  cursor?: string
}

/**
 * One page of the live records of an engine range: skips `offset`, takes `limit` and looks one
 * record further to know if more follow. Each read asks for what the page still needs, so a short
 * page is one engine call (a stream's small first batch would need a second call to see the end),
 * and only the records returned are decoded, by `decode(userKey, storedRecord)` (the whole record,
 * or only what a caller needs). Same page as `takePage(recordsIn(...))`.
 */
export async function readPage<T>(
  engine: KvEngine,
  range: EngineRange,
  read: PageRead,
  decode: (key: string, raw: string) => T,
): Promise<DecodedPage<T>> {
  const { base, limit } = read
  const keys: string[] = []
  const items: T[] = []
  let toSkip = read.offset
  let more = false
  const iterator = engine.iterator(range)
  try {
    while (!more) {
      const wanted = Math.min(toSkip + limit + 1 - items.length, PAGE_BATCH)
      const batch = await iterator.nextv(wanted)
      if (batch.length === 0) break
      const at = read.now()
      for (const [key, raw] of batch) {
        if (isExpired(raw, at)) continue
        if (toSkip > 0) toSkip--
        else if (items.length === limit) {
          more = true
          break
        } else {
          const userKey = key.slice(base.length)
          keys.push(userKey)
          items.push(decode(userKey, raw))
        }
      }
    }
  } finally {
    await iterator.close()
  }
  return more
    ? { keys, items, cursor: encodeCursor(keys[keys.length - 1]!, read.reverse) }
    : { keys, items }
}

/** Takes one page from a key-ordered record stream: skips `offset`, reads `limit` and one more to know if more follow. */
export async function takePage(
  records: AsyncGenerator<KvRecord>,
  limit: number,
  offset: number,
  cursorOf: (lastKey: string) => string,
): Promise<KvPage> {
  const page: KvRecord[] = []
  let skipped = 0
  let more = false
  try {
    for await (const record of records) {
      if (skipped < offset) {
        skipped++
        continue
      }
      if (page.length === limit) {
        more = true
        break
      }
      page.push(record)
    }
  } finally {
    await records.return(undefined)
  }
  const last = page.at(-1)
  return more && last ? { records: page, cursor: cursorOf(last.key) } : { records: page }
}
