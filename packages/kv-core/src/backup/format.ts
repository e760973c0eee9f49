import { crc32 } from 'node:zlib'
import type { BackupHeader, Entry } from './sections.js'

/**
 * The bytes of a backup (docs/backup.md), before gzip:
 *
 *   magic 'KVBACKUP' (8 bytes) | format version (uint16)
 *   frame*: kind (1 byte: 'H' header, 'B' batch, 'T' trailer) | payload length (uint32) |
 *           CRC-32 of the payload (uint32) | payload
 *
 * Integers are big-endian. The header and trailer payloads are JSON, a batch's is text (see
 * batchFrame). The trailer holds the counts and the SHA-256 of every byte before it.
 */
export const MAGIC = Buffer.from('KVBACKUP', 'latin1')
export const PREAMBLE_BYTES = MAGIC.length + 2
export const FRAME_HEAD_BYTES = 9
export const HEADER = 0x48
export const BATCH = 0x42
export const TRAILER = 0x54

export interface BackupTrailer {
  entries: number
  records: number
  streamEntries: number
  batches: number
  /** SHA-256 (hex) of every byte before the trailer frame. */
  sha256: string
}

export function preamble(version: number): Buffer {
  const bytes = Buffer.alloc(PREAMBLE_BYTES)
  MAGIC.copy(bytes)
  bytes.writeUInt16BE(version, MAGIC.length)
  return bytes
}

function frame(kind: number, payload: Buffer): Buffer {
  const head = Buffer.allocUnsafe(FRAME_HEAD_BYTES)
  head[0] = kind
  head.writeUInt32BE(payload.length, 1)
  head.writeUInt32BE(crc32(payload), 5)
  return Buffer.concat([head, payload], FRAME_HEAD_BYTES + payload.length)
}

export const headerFrame = (header: BackupHeader) =>
  frame(HEADER, Buffer.from(JSON.stringify(header)))

export const trailerFrame = (trailer: BackupTrailer) =>
  frame(TRAILER, Buffer.from(JSON.stringify(trailer)))

/**
 * One batch frame. The payload is one UTF-8 text: the entry count, a newline, the lengths of
 * each key and value in UTF-16 code units (JavaScript string lengths) separated by commas, a
 * newline, then every key and value back to back. Encoded by one join and one UTF-8 conversion,
 * decoded by one conversion and slicing: per-string byte counting cost three times as much.
 */
export function batchFrame(entries: Entry[]): Buffer {
  const lengths = new Array<number>(entries.length * 2)
  const texts = new Array<string>(entries.length * 2 + 1)
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!
    lengths[2 * i] = key.length
    lengths[2 * i + 1] = value.length
    texts[2 * i + 1] = key
    texts[2 * i + 2] = value
  }
  texts[0] = `${entries.length}\n${lengths.join(',')}\n`
  const text = texts.join('')
  const size = Buffer.byteLength(text)
  const bytes = Buffer.allocUnsafe(FRAME_HEAD_BYTES + size)
  bytes.write(text, FRAME_HEAD_BYTES, 'utf8')
  bytes[0] = BATCH
  bytes.writeUInt32BE(size, 1)
  bytes.writeUInt32BE(crc32(bytes.subarray(FRAME_HEAD_BYTES)), 5)
  return bytes
}

/** The entries of a batch payload; throws a plain Error saying what is wrong (the caller adds where). */
export function decodeBatch(payload: Buffer): Entry[] {
  const text = payload.toString('utf8')
  const first = text.indexOf('\n')
  const second = first < 0 ? -1 : text.indexOf('\n', first + 1)
  if (second < 0) throw new Error('a batch without its count and lengths')
  const count = Number(text.slice(0, first))
  const lengths = second === first + 1 ? [] : text.slice(first + 1, second).split(',')
  if (!Number.isSafeInteger(count) || lengths.length !== count * 2)
    throw new Error(
      `a batch whose count (${text.slice(0, Math.min(first, 12))}) and lengths disagree`,
    )
  const entries = new Array<Entry>(count)
  let at = second + 1
  for (let i = 0; i < count; i++) {
    const k = Number(lengths[2 * i])
    const v = Number(lengths[2 * i + 1])
    if (!(k >= 0 && v >= 0) || at + k + v > text.length)
      throw new Error('an entry runs past the end of its batch')
    entries[i] = [text.slice(at, at + k), text.slice(at + k, at + k + v)]
    at += k + v
  }
  if (at !== text.length) throw new Error('a batch holds text after its last entry')
  return entries
}
