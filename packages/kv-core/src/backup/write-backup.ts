import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { Readable, Transform, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { constants, createGzip } from 'node:zlib'
import { invalidArgument } from '../errors.js'
import { batchFrame, headerFrame, preamble, trailerFrame } from './format.js'
import { type BackupSource, FORMAT_VERSION, type ProgressListener } from './sections.js'

/** Errors that say the destination path cannot be written: a bad argument, not a failure. */
const FILE_ERRORS = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EROFS'])

export interface WriteOptions {
  /** gzip the file (default true). */
  gzip?: boolean
  onProgress?: ProgressListener
}

export interface Written {
  /** Bytes written to the destination (after gzip). */
  bytes: number
  /** SHA-256 (hex) of the backup's body, as its trailer holds it. */
  sha256: string
}

/**
 * Writes a backup to a file path or a Writable (left open when it is process.stdout or
 * stderr; ended otherwise). Backpressure is honoured: a batch is read from the store only once
 * the destination took the previous one. gzip runs at level 1: it shrinks a store about as much
 * as level 6 (JSON values and repetitive keys) at several times the speed, and a backup should
 * not take much longer than reading the store.
 */
export async function writeBackup(
  source: BackupSource,
  destination: string | Writable,
  options: WriteOptions = {},
): Promise<Written> {
  const hash = createHash('sha256')
  let bytes = 0
  let sha256 = ''
  async function* body(): AsyncGenerator<Buffer> {
    const start = preamble(FORMAT_VERSION)
    hash.update(start)
    yield start
    const header = headerFrame(source.header)
    hash.update(header)
    yield header
    let entries = 0
    let records = 0
    for await (const batch of source.batches) {
      const framed = batchFrame(batch)
      hash.update(framed)
      entries += batch.length
      yield framed
      if (options.onProgress) {
        records = source.counts().records
        options.onProgress({ entries, total: source.header.entries, records, bytes })
      }
    }
    sha256 = hash.digest('hex')
    yield trailerFrame({ ...source.counts(), sha256 })
  }
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      done(null, chunk)
    },
  })
  const keepOpen = destination === process.stdout || destination === process.stderr
  const target = typeof destination === 'string' ? createWriteStream(destination) : destination
  const stages: NodeJS.ReadWriteStream[] = []
  // 256 KiB out per zlib call (default 16 KiB): one threadpool hop per batch, not one per 16 KiB.
  if (options.gzip !== false)
    stages.push(createGzip({ level: constants.Z_BEST_SPEED, chunkSize: 1 << 18 }))
  stages.push(counter)
  try {
    await pipeline([Readable.from(body()), ...stages, target] as never, { end: !keepOpen })
  } catch (error) {
    const code = (error as { code?: string }).code
    if (typeof destination === 'string' && code && FILE_ERRORS.has(code))
      throw invalidArgument('backup: destination', `a writable file path (${code})`, destination)
    throw error
  }
  return { bytes, sha256 }
}
