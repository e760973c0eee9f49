import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { pipeline, Readable } from 'node:stream'
import { crc32, createGunzip } from 'node:zlib'
import { describe, invalidArgument, KvError } from '../errors.js'
import { ByteReader } from './byte-reader.js'
import {
  BATCH,
  type BackupTrailer,
  decodeBatch,
  FRAME_HEAD_BYTES,
  HEADER,
  MAGIC,
  PREAMBLE_BYTES,
  TRAILER,
} from './format.js'
import {
  type BackupCounts,
  type BackupHeader,
  type BackupSource,
  type Entry,
  FORMAT_VERSION,
} from './sections.js'

/** A backup being read: its header is checked; its batches are checked as they are read. */
export interface OpenedBackup extends BackupSource {
  /** Bytes of the (uncompressed) backup read so far. */
  offset(): number
  /** Stops reading and closes the input. */
  close(): Promise<void>
}

export function corrupt(what: string, cause?: unknown): KvError {
  return new KvError('KV_BACKUP_CORRUPT', `backup is corrupt: ${what}`, { cause })
}

/** The input's bytes, gunzipped when they start with gzip's magic bytes. */
async function bytesOf(input: string | Readable, method: string): Promise<AsyncIterable<Buffer>> {
  let stream: Readable
  // Large reads and a large gunzip output buffer: each is a threadpool hop (64 KiB and 16 KiB
  // by default made a restore hop about 40 times per 64 KiB of file).
  if (typeof input === 'string') stream = createReadStream(input, { highWaterMark: 1 << 20 })
  else if (input instanceof Readable || isReadable(input)) stream = input
  else throw invalidArgument(`${method}: source`, 'a file path or a Readable', input)
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  let first: IteratorResult<Buffer | string>
  try {
    first = await chunks.next()
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES')
      throw invalidArgument(`${method}: source`, 'a readable backup file', input)
    throw error
  }
  // Buffers as they are (Buffer.from would copy each); strings from a stream set to an encoding.
  const bytes = (chunk: Buffer | string) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  async function* all(): AsyncGenerator<Buffer> {
    if (first.done) return
    yield bytes(first.value)
    for (let next = await chunks.next(); !next.done; next = await chunks.next())
      yield bytes(next.value)
  }
  const head = first.done ? undefined : bytes(first.value)
  if (head && head[0] === 0x1f && head[1] === 0x8b) {
    return pipeline(Readable.from(all()), createGunzip({ chunkSize: 1 << 20 }), () => {})
  }
  return all()
}

function isReadable(value: unknown): value is Readable {
  return typeof (value as Readable | null)?.[Symbol.asyncIterator] === 'function'
}

/** Opens a backup: reads and checks its preamble and header (nothing else yet). */
export async function readBackup(input: string | Readable, method: string): Promise<OpenedBackup> {
  const reader = new ByteReader(await bytesOf(input, method))
  const hash = createHash('sha256')
  let batchNo = 0
  const where = () => `at byte ${reader.offset} of the uncompressed backup (batch ${batchNo})`

  const take = async (n: number, what: string): Promise<Buffer> => {
    let bytes: Buffer
    try {
      bytes = await reader.take(n)
    } catch (error) {
      throw corrupt(`${(error as Error).message} ${where()}`, error)
    }
    if (bytes.length < n) throw corrupt(`truncated: ends inside ${what} ${where()}`)
    return bytes
  }
  const frame = async (): Promise<{ kind: number; payload: Buffer }> => {
    const head = await take(FRAME_HEAD_BYTES, 'a frame header')
    const kind = head[0]!
    if (kind !== HEADER && kind !== BATCH && kind !== TRAILER)
      throw corrupt(`unknown frame kind ${kind} ${where()}`)
    const payload = await take(head.readUInt32BE(1), 'a frame')
    if (crc32(payload) !== head.readUInt32BE(5)) throw corrupt(`checksum mismatch ${where()}`)
    if (kind !== TRAILER) hash.update(head).update(payload)
    return { kind, payload }
  }

  try {
    const start = await take(PREAMBLE_BYTES, 'its preamble')
    if (!start.subarray(0, MAGIC.length).equals(MAGIC))
      throw corrupt(`not a kvgraph backup (no 'KVBACKUP' at byte 0)`)
    const version = start.readUInt16BE(MAGIC.length)
    if (version < 1 || version > FORMAT_VERSION) {
      throw corrupt(
        `format version ${version} at byte 8: this kvgraph reads versions 1 to ${FORMAT_VERSION}`,
      )
    }
    hash.update(start)
    const first = await frame()
    if (first.kind !== HEADER) throw corrupt(`no header frame ${where()}`)
    const header = parseHeader(first.payload)
    let trailer: BackupTrailer | undefined
    const counts: BackupCounts = { entries: 0, records: 0, streamEntries: 0, batches: 0 }

    async function* batches(): AsyncGenerator<Entry[]> {
      for (;;) {
        const next = await frame()
        if (next.kind === TRAILER) {
          trailer = checkTrailer(next.payload, counts, hash.digest('hex'), where)
          if (header.entries !== counts.entries)
            throw corrupt(
              `its header announced ${header.entries} entries, ${counts.entries} were read`,
            )
          let ended: boolean
          try {
            ended = await reader.atEnd() // gunzip checks its own CRC and length here
          } catch (error) {
            throw corrupt(`${(error as Error).message} ${where()}`, error)
          }
          if (!ended) throw corrupt(`bytes after the trailer ${where()}`)
          return
        }
        if (next.kind !== BATCH) throw corrupt(`a second header ${where()}`)
        batchNo++
        let entries: Entry[]
        try {
          entries = decodeBatch(next.payload)
        } catch (error) {
          throw corrupt(`${(error as Error).message} ${where()}`)
        }
        counts.batches++
        counts.entries += entries.length
        yield entries
      }
    }
    return {
      header,
      batches: batches(),
      counts: () => {
        if (!trailer) throw corrupt(`the trailer was not read ${where()}`)
        return counts
      },
      offset: () => reader.offset,
      close: () => reader.close(),
    }
  } catch (error) {
    await reader.close().catch(() => {})
    throw error
  }
}

function parseHeader(payload: Buffer): BackupHeader {
  let header: BackupHeader
  try {
    header = JSON.parse(payload.toString('utf8')) as BackupHeader
  } catch (error) {
    throw corrupt('its header is not JSON', error)
  }
  const numbers = [header?.seq, header?.entries, header?.records]
  if (
    typeof header?.engine !== 'string' ||
    typeof header.stream !== 'boolean' ||
    !numbers.every((n) => Number.isSafeInteger(n) && n >= 0)
  )
    throw corrupt(`its header lacks a field: ${describe(payload.toString('utf8'))}`)
  return header
}

/** The trailer, checked against what was read: the body's hash, the entry and batch counts. */
function checkTrailer(
  payload: Buffer,
  counts: BackupCounts,
  sha256: string,
  where: () => string,
): BackupTrailer {
  let trailer: BackupTrailer
  try {
    trailer = JSON.parse(payload.toString('utf8')) as BackupTrailer
  } catch (error) {
    throw corrupt(`its trailer is not JSON ${where()}`, error)
  }
  if (trailer.sha256 !== sha256)
    throw corrupt(`the body's SHA-256 is ${sha256}, its trailer says ${trailer.sha256}`)
  if (trailer.entries !== counts.entries || trailer.batches !== counts.batches) {
    throw corrupt(
      `read ${counts.entries} entries in ${counts.batches} batches, its trailer says ${trailer.entries} in ${trailer.batches}`,
    )
  }
  counts.records = trailer.records
  counts.streamEntries = trailer.streamEntries
  return trailer
}
