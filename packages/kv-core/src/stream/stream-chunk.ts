import type { EngineIterator, EngineRange } from '../engine/engine.js'
import type { Change } from '../records/changes.js'
import { type JsonValue, parseQuoted } from '../records/json.js'
import { defaultType, isDefaultType, prefixUpperBound } from '../records/keys.js'
import { TAG_STREAM } from '../records/keyspace.js'
import { fromStamp, isoOf } from '../records/stamp.js'

/** One committed change, as the change stream records it. */
export interface StreamEntry {
  /** Global (per store space), gap-free, increasing. */
  seq: number
  action: 'create' | 'update' | 'delete' | 'expire'
  key: string
  version: number
  type: string
  /** ISO-8601 UTC time of the change. */
  at: string
  /** The new value; for delete and expire, the last value. */
  value: JsonValue
}

/**
 * The stored form of the stream: one key per transaction (a chunk), not one per entry, which
 * halves the database entries a write adds. The chunk's key holds the seq of its first entry;
 * its value is a header line then three lines per entry:
 *   `${count},${at}\n` then, per entry, `${action letter}${version},${type}\n${key}\n${valueJson}\n`
 * `at` is the transaction's time, base-36 epoch ms (stamp.ts); type is empty when it is the
 * key's default type, else JSON-quoted; the key is JSON-quoted. JSON text never holds a raw
 * newline, so lines split on '\n'. An entry costs about 5 bytes plus its key and value.
 */
const LETTER = { create: 'c', update: 'u', delete: 'd', expire: 'e' } as const
const ACTION = { c: 'create', u: 'update', d: 'delete', e: 'expire' } as const

/** A transaction's changes beyond these limits are split into several chunks. */
export const CHUNK_MAX_ENTRIES = 1024
const CHUNK_MAX_CHARS = 1 << 19

/**
 * Encodes changes[from..] into one chunk; returns the chunk and the index after its last change.
 * `at` is the transaction's time as a stamp (toStamp).
 */
export function encodeChunk(changes: Change[], from: number, at: string): [string, number] {
  // Pieces joined once: appending to one string builds a rope the database write then copies.
  const parts: string[] = ['']
  let chars = 0
  let i = from
  const end = Math.min(changes.length, from + CHUNK_MAX_ENTRIES)
  do {
    const change = changes[i]!
    const type = isDefaultType(change.key, change.type) ? '' : JSON.stringify(change.type)
    const key = JSON.stringify(change.key)
    parts.push(LETTER[change.action], String(change.version), ',', type, '\n', key, '\n')
    parts.push(change.valueJson, '\n')
    chars += key.length + change.valueJson.length
    i++
  } while (i < end && chars < CHUNK_MAX_CHARS)
  parts[0] = `${i - from},${at}\n`
  return [parts.join(''), i]
}

/** The number of entries in a stored chunk. */
export function chunkCount(raw: string): number {
  // Streams written before chunks hold one JSON object per key.
  return raw.charCodeAt(0) === 123 /* '{' */ ? 1 : Number(raw.slice(0, raw.indexOf(',')))
}

/** The chunk without its first `drop` entries (for trimming inside a chunk). */
/**
 * The seq of a space's last chunked entry (0 when it has none), read from `source`: an engine, or
 * a snapshot of one. Its trim point is not looked at.
 */
export async function lastChunkedSeq(
  source: { iterator(range: EngineRange): EngineIterator },
  space: string,
): Promise<number> {
  const prefix = space + TAG_STREAM
  const chunks = source.iterator({ gte: prefix, lt: prefixUpperBound(prefix)!, reverse: true })
  try {
    const [last] = await chunks.nextv(1)
    return last ? Number(last[0].slice(prefix.length)) + chunkCount(last[1]) - 1 : 0
  } finally {
    await chunks.close()
  }
}

export function dropEntries(raw: string, drop: number): string {
  const cursor = new ChunkCursor(0, raw)
  for (let i = 0; i < drop; i++) cursor.skip()
  return `${cursor.count - drop},${raw.slice(raw.indexOf(',') + 1, raw.indexOf('\n'))}\n${raw.slice(cursor.position)}`
}

/** Walks the entries of one chunk in order; `seq` is the seq of the entry `next` returns. */
export class ChunkCursor {
  readonly count: number
  seq: number
  readonly #raw: string
  readonly #at: string
  #pos: number
  #valueStart = -1
  #legacy: StreamEntry | undefined

  constructor(first: number, raw: string) {
    this.#raw = raw
    this.seq = first
    if (raw.charCodeAt(0) === 123 /* '{' */) {
      this.#legacy = JSON.parse(raw) as StreamEntry
      this.count = 1
      this.#at = ''
      this.#pos = raw.length
      return
    }
    const comma = raw.indexOf(',')
    const nl = raw.indexOf('\n', comma + 1)
    this.count = Number(raw.slice(0, comma))
    this.#at = isoOf(fromStamp(raw.slice(comma + 1, nl)))
    this.#pos = nl + 1
  }

  /** Where the next entry starts in the raw chunk. */
  get position(): number {
    return this.#pos
  }

  /** Moves past the next entry without decoding it. */
  skip(): void {
    if (this.#legacy) {
      this.seq++
      return
    }
    const raw = this.#raw
    this.#pos = raw.indexOf('\n', raw.indexOf('\n', raw.indexOf('\n', this.#pos) + 1) + 1) + 1
    this.seq++
  }

  /** Decodes the next entry except its value (null until `value()` is called). */
  next(): StreamEntry {
    if (this.#legacy) {
      this.seq++
      return this.#legacy
    }
    const raw = this.#raw
    const start = this.#pos
    const comma = raw.indexOf(',', start)
    const nl1 = raw.indexOf('\n', comma + 1)
    const nl2 = raw.indexOf('\n', nl1 + 1)
    const nl3 = raw.indexOf('\n', nl2 + 1)
    const key = parseQuoted(raw.slice(nl1 + 1, nl2))
    const entry: StreamEntry = {
      seq: this.seq++,
      action: ACTION[raw[start] as keyof typeof ACTION],
      key,
      version: Number(raw.slice(start + 1, comma)),
      type: nl1 === comma + 1 ? defaultType(key) : parseQuoted(raw.slice(comma + 1, nl1)),
      at: this.#at,
      value: null,
    }
    this.#valueStart = nl2 + 1
    this.#pos = nl3 + 1
    return entry
  }

  /** Parses the value of the entry `next` returned last and stores it in the entry. */
  value(entry: StreamEntry): StreamEntry {
    if (!this.#legacy)
      entry.value = JSON.parse(this.#raw.slice(this.#valueStart, this.#pos - 1)) as JsonValue
    return entry
  }
}
