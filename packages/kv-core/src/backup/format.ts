import { crc32 } from 'node:zlib'
import type { BackupHeader, Entry } from './sections.js'

/**
 * The bytes of a backup (docs/backup.md), before gzip:
 *
 *   magic 'KVBACKUP' (8 bytes) | format version (uint16)
 *   frame*: kind (1 byte: 'H' header, 'B' batch, 'T' trailer) | payload length (uint32) |
 *           CRC-32 of the payload (uint32) | payload
 *
 * Integers are big-endian. The header and trailer payloads are JSON; a batch is an entry count
 * (uint32) then, per entry, the key's UTF-8 length (uint32), the key, the value's length
 * (uint32) and the value. The trailer holds the counts and the SHA-256 of every byte before it.
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

/** One batch frame: lengths first, so the buffer is allocated once and written in place. */
export function batchFrame(entries: Entry[]): Buffer {
  const lengths = new Array<number>(entries.length * 2)
  let size = FRAME_HEAD_BYTES + 4
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!
    const k = Buffer.byteLength(key)
    const v = Buffer.byteLength(value)
    lengths[2 * i] = k
    lengths[2 * i + 1] = v
    size += 8 + k + v
  }
  const bytes = Buffer.allocUnsafe(size)
  bytes[0] = BATCH
  bytes.writeUInt32BE(size - FRAME_HEAD_BYTES, 1)
  let at = bytes.writeUInt32BE(entries.length, FRAME_HEAD_BYTES)
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!
    at = bytes.writeUInt32BE(lengths[2 * i]!, at)
    at += bytes.write(key, at, 'utf8')
    at = bytes.writeUInt32BE(lengths[2 * i + 1]!, at)
    at += bytes.write(value, at, 'utf8')
  }
  bytes.writeUInt32BE(crc32(bytes.subarray(FRAME_HEAD_BYTES)), 5)
  return bytes
}

/** The entries of a batch payload; throws a plain Error saying what is wrong (the caller adds where). */
export function decodeBatch(payload: Buffer): Entry[] {
  if (payload.length < 4) throw new Error('a batch shorter than its entry count')
  const count = payload.readUInt32BE(0)
  const entries = new Array<Entry>(count)
  let at = 4
  const text = (): string => {
    if (at + 4 > payload.length) throw new Error('a batch ends inside an entry')
    const length = payload.readUInt32BE(at)
    const end = at + 4 + length
    if (end > payload.length) throw new Error('an entry runs past the end of its batch')
    const value = payload.toString('utf8', at + 4, end)
    at = end
    return value
  }
  for (let i = 0; i < count; i++) entries[i] = [text(), text()]
  if (at !== payload.length) throw new Error('a batch holds bytes after its last entry')
  return entries
}
