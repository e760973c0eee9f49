import type { JsonValue } from './json.js'

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
 *   `${version},${created},${updated},${expiresMs},${JSON.stringify(type)}\n${valueJson}`
 * JSON.stringify escapes newlines, so the first '\n' always ends the header.
 */
export interface RecordHeader {
  version: number
  created: string
  updated: string
  /** Expiry instant in epoch milliseconds, or 0 for none. */
  expiresAt: number
  type: string
}

export function encodeRecord(header: RecordHeader, valueJson: string): string {
  const type = JSON.stringify(header.type)
  return `${header.version},${header.created},${header.updated},${header.expiresAt || ''},${type}\n${valueJson}`
}

export function decodeHeader(raw: string): RecordHeader & { bodyStart: number } {
  const c1 = raw.indexOf(',')
  const c2 = raw.indexOf(',', c1 + 1)
  const c3 = raw.indexOf(',', c2 + 1)
  const c4 = raw.indexOf(',', c3 + 1)
  const nl = raw.indexOf('\n', c4 + 1)
  const typeJson = raw.slice(c4 + 1, nl)
  return {
    version: Number(raw.slice(0, c1)),
    created: raw.slice(c1 + 1, c2),
    updated: raw.slice(c2 + 1, c3),
    expiresAt: c4 === c3 + 1 ? 0 : Number(raw.slice(c3 + 1, c4)),
    type: typeJson.includes('\\') ? JSON.parse(typeJson) : typeJson.slice(1, -1),
    bodyStart: nl + 1,
  }
}

export function decodeRecord<T extends JsonValue = JsonValue>(
  key: string,
  raw: string,
): KvRecord<T> {
  const header = decodeHeader(raw)
  const record: KvRecord<T> = {
    key,
    version: header.version,
    type: header.type,
    created: header.created,
    updated: header.updated,
    value: JSON.parse(raw.slice(header.bodyStart)) as T,
  }
  if (header.expiresAt) record.expires = new Date(header.expiresAt).toISOString()
  return record
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
