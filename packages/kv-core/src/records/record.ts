import { type JsonValue, parseQuoted } from './json.js'
import { defaultType } from './keys.js'
import { fromStamp, isoOf, toStamp } from './stamp.js'

/** A stored record: the value with its version and bookkeeping. */
export interface KvRecord<T extends JsonValue = JsonValue> {
  key: string
  /** Starts at 1 and increments on every write. */
  version: number
  type: string
  /** ISO-8601 UTC time of the first write. */
  created: string
  /** ISO-8601 UTC time of the latest write. */
  updated: string
  /** ISO-8601 UTC time after which the record is gone (only when written with a `ttl`). */
  expires?: string
  value: T
}

/**
 * The record header kept in front of the value's JSON, so version checks read a few fields
 * without parsing the whole value:
 *   `${version},${created},${updated},${expiresMs},${type}\n${valueJson}`
 * created and updated are base-36 epoch ms (stamp.ts); updated is empty when it equals created,
 * expiresMs (decimal) is empty without a TTL, and type is empty when it is the key's default
 * type, else JSON-quoted. JSON.stringify escapes newlines, so the first '\n' ends the header.
 * A typical header is 14 bytes (`1,mhx3k2p0,,,\n`).
 */
export interface RecordHeader {
  version: number
  /** Epoch ms of the first write. */
  created: number
  /** Epoch ms of the latest write. */
  updated: number
  /** Expiry instant in epoch milliseconds, or 0 for none. */
  expiresAt: number
  type: string
}

/** A decoded header with the raw record it came from (the value starts at `bodyStart`). */
export interface StoredHeader extends RecordHeader {
  raw: string
  bodyStart: number
}

/**
 * The stored form of a record (fields as in RecordHeader; no header object, as this runs for
 * every write). `natural` is the key's default type (the caller has it at hand).
 */
export function encodeRecord(
  version: number,
  created: number,
  updated: number,
  expiresAt: number,
  type: string,
  natural: string,
  valueJson: string,
): string {
  const typeField = type === natural ? '' : JSON.stringify(type)
  if (
    version !== memo.version ||
    created !== memo.created ||
    updated !== memo.updated ||
    expiresAt !== memo.expiresAt ||
    typeField !== memo.typeField
  ) {
    const updatedStamp = updated === created ? '' : toStamp(updated)
    memo.header = `${version},${toStamp(created)},${updatedStamp},${expiresAt || ''},${typeField}\n`
    memo.version = version
    memo.created = created
    memo.updated = updated
    memo.expiresAt = expiresAt
    memo.typeField = typeField
  }
  return memo.header + valueJson
}

// The new records of one transaction share their header (version 1, its time, no TTL, the
// default type): a one-entry memo builds it once instead of once per record.
const memo = { version: 0, created: 0, updated: 0, expiresAt: 0, typeField: '', header: '' }

/** Parses the header only; `key` (the user key) resolves an omitted type. */
export function decodeHeader(key: string, raw: string): StoredHeader {
  const c1 = raw.indexOf(',')
  const c2 = raw.indexOf(',', c1 + 1)
  const c3 = raw.indexOf(',', c2 + 1)
  const c4 = raw.indexOf(',', c3 + 1)
  const nl = raw.indexOf('\n', c4 + 1)
  const created = fromStamp(raw.slice(c1 + 1, c2))
  return {
    version: Number(raw.slice(0, c1)),
    created,
    updated: c3 === c2 + 1 ? created : fromStamp(raw.slice(c2 + 1, c3)),
    expiresAt: c4 === c3 + 1 ? 0 : Number(raw.slice(c3 + 1, c4)),
    type: nl === c4 + 1 ? defaultType(key) : parseQuoted(raw.slice(c4 + 1, nl)),
    raw,
    bodyStart: nl + 1,
  }
}

export function decodeRecord<T extends JsonValue = JsonValue>(
  key: string,
  raw: string,
): KvRecord<T> {
  const c1 = raw.indexOf(',')
  const c2 = raw.indexOf(',', c1 + 1)
  const c3 = raw.indexOf(',', c2 + 1)
  const c4 = raw.indexOf(',', c3 + 1)
  const nl = raw.indexOf('\n', c4 + 1)
  const created = isoOfStampAt(raw, c1 + 1, c2)
  const record: KvRecord<T> = {
    key,
    version: Number(raw.slice(0, c1)),
    type: nl === c4 + 1 ? defaultType(key) : parseQuoted(raw.slice(c4 + 1, nl)),
    created,
    updated: c3 === c2 + 1 ? created : isoOfStampAt(raw, c2 + 1, c3),
    value: JSON.parse(raw.slice(nl + 1)) as T,
  }
  if (c4 !== c3 + 1) record.expires = new Date(Number(raw.slice(c3 + 1, c4))).toISOString()
  return record
}

/**
 * A record's value alone: the header is skipped, not decoded (its first '\n' ends it, as in
 * decodeRecord). Takes the user key, unused, to fit where decodeRecord fits.
 */
export function decodeValue<T extends JsonValue = JsonValue>(_key: string, raw: string): T {
  return JSON.parse(raw.slice(raw.indexOf('\n') + 1)) as T
}

// Records written together share their time, and a scan reads them together: a one-entry memo
// of the last stamp decoded skips its parse and ISO formatting (about a quarter of decoding a
// small record).
let memoStamp = ''
let memoIso = ''

/** The ISO time of the stamp at `raw[start, end)`. */
function isoOfStampAt(raw: string, start: number, end: number): string {
  if (end - start !== memoStamp.length || !raw.startsWith(memoStamp, start)) {
    memoStamp = raw.slice(start, end)
    memoIso = isoOf(fromStamp(memoStamp))
  }
  return memoIso
}

/** True when a raw record has an expiry at or before `now` (it is invisible from that instant). */
export function isExpired(raw: string, now: number): boolean {
  // Fast path: records without a TTL have an empty fourth field.
  const c1 = raw.indexOf(',')
  const c2 = raw.indexOf(',', c1 + 1)
  const c3 = raw.indexOf(',', c2 + 1)
  if (raw.charCodeAt(c3 + 1) === 44 /* ',' */) return false
  const c4 = raw.indexOf(',', c3 + 1)
  return Number(raw.slice(c3 + 1, c4)) <= now
}
