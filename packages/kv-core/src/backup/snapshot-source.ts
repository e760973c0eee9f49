import type { EngineSnapshot, KvEngine } from '../engine/engine.js'
import { KvError } from '../errors.js'
import { RESTORE_MARKER, TAG_META } from '../records/keyspace.js'
import { TRIMMED_THROUGH } from '../stream/stream.js'
import { chunkCount, lastChunkedSeq } from '../stream/stream-chunk.js'
import { keyFamily, tagAt } from './key-family.js'
import type { BackupCounts, BackupHeader, BackupSource, Entry } from './sections.js'

/** Entries per engine read and (about) per batch; a batch also ends past BATCH_CHARS. */
const READ_SIZE = 1000
const BATCH_CHARS = 1 << 20

export interface SnapshotOptions {
  /** Include the change stream (default true). */
  stream: boolean
  now: () => number
}

/**
 * What a raw entry becomes in a backup:
 * - 'keep' as it is;
 * - 'drop': locks and the stream head row belong to live processes and engines (a restore onto
 *   a shared engine derives the head from the chunks), and a restore marker to a restore;
 * - 'lease': a consumer, kept without its lease;
 * - 'stream': a stream chunk or trim point, left out with `{ stream: false }` (rewritten at the end).
 */
type Rule = 'keep' | 'drop' | 'lease' | 'stream'

const KEEP_RECORD = { rule: 'keep', space: '', tag: 'd' } as const
const KEEP_OTHER = { rule: 'keep', space: '', tag: '' } as const

function ruleOf(key: string): { rule: Rule; space: string; tag: string } {
  // Most keys are records or index entries, kept as they are: no string is cut for them.
  const at = tagAt(key)
  if (at < 0) return KEEP_OTHER
  const letter = key.charCodeAt(at + 1)
  if (letter === 100 /* d */) return KEEP_RECORD
  if (letter !== 109 /* m */ && letter !== 115 /* s */) return KEEP_OTHER
  const { space, tag, rest } = keyFamily(key)!
  let rule: Rule = 'keep'
  if (tag === 's') rule = 'stream'
  else if (tag === 'm') {
    if (rest.startsWith('lock/') || rest === 'stream.head' || key === RESTORE_MARKER) rule = 'drop'
    else if (rest.startsWith('consumer/')) rule = 'lease'
    else if (rest === TRIMMED_THROUGH) rule = 'stream'
  }
  return { rule, space, tag }
}

/**
 * A backup of everything the engine stores, read from one snapshot: a keys-only pass counts what
 * follows (the header's counts, and a restore's ETA), then the entries are read in key order in
 * batches. Memory is bounded by a batch (plus, with `{ stream: false }`, the consumers and one
 * number per space, written at the end).
 */
export async function snapshotSource(
  engine: KvEngine,
  options: SnapshotOptions,
): Promise<BackupSource> {
  if (!engine.snapshot) {
    throw new KvError(
      'KV_INVALID_ARGUMENT',
      `backup: the engine ${engine.name} cannot take a snapshot, so it cannot be backed up online`,
    )
  }
  const snapshot = await engine.snapshot()
  try {
    const createdAt = new Date(options.now()).toISOString()
    const { entries, records, streamSpaces } = await countPass(snapshot, options.stream)
    const seq = await headOf(snapshot, '')
    const header: BackupHeader = {
      engine: engine.name,
      createdAt,
      seq,
      stream: options.stream,
      entries: entries + streamSpaces,
      records,
    }
    const counts: BackupCounts = { entries: 0, records: 0, streamEntries: 0, batches: 0 }
    return {
      header,
      batches: readBatches(snapshot, options.stream, counts),
      counts: () => counts,
      close: () => snapshot.close(),
    }
  } catch (error) {
    await snapshot.close()
    throw error
  }
}

async function countPass(snapshot: EngineSnapshot, stream: boolean) {
  let entries = 0
  let records = 0
  const spaces = new Set<string>()
  const keys = snapshot.keys({})
  try {
    for (let batch = await keys.nextv(10_000); batch.length > 0; batch = await keys.nextv(10_000)) {
      for (const key of batch) {
        const { rule, space, tag } = ruleOf(key)
        if (rule === 'drop') continue
        if (rule === 'stream' && !stream) {
          spaces.add(space)
          continue
        }
        entries++
        if (tag === 'd') records++
      }
    }
  } finally {
    await keys.close()
  }
  return { entries, records, streamSpaces: spaces.size }
}

/** The last stream seq of a space in the snapshot: its last chunk's last entry, or its trim point. */
async function headOf(snapshot: EngineSnapshot, space: string): Promise<number> {
  let head = await lastChunkedSeq(snapshot, space)
  const trimKey = space + TAG_META + TRIMMED_THROUGH
  const trim = snapshot.iterator({ gte: trimKey, lte: trimKey })
  try {
    const [found] = await trim.nextv(1)
    if (found) head = Math.max(head, Number(found[1]))
  } finally {
    await trim.close()
  }
  return head
}

async function* readBatches(
  snapshot: EngineSnapshot,
  stream: boolean,
  counts: BackupCounts,
): AsyncGenerator<Entry[]> {
  // Without the stream: each space's head (the new trim point) and its consumers, written last.
  const heads = new Map<string, number>()
  const consumers: Entry[] = []
  let batch: Entry[] = []
  let chars = 0
  const emit = () => {
    counts.batches++
    counts.entries += batch.length
    const full = batch
    batch = []
    chars = 0
    return full
  }
  const iterator = snapshot.iterator({})
  try {
    for (let read = await iterator.nextv(READ_SIZE); read.length > 0; ) {
      // The next read goes to the engine (LevelDB's thread, the server) while this one is encoded.
      const next = iterator.nextv(READ_SIZE)
      next.catch(() => {}) // awaited below
      for (const entry of read) {
        const [key, value] = entry
        const { rule, space, tag } = ruleOf(key)
        if (rule === 'drop') continue
        if (rule === 'stream') {
          const head =
            tag === 's'
              ? Number(key.slice(space.length + 2)) + chunkCount(value) - 1
              : Number(value)
          if (tag === 's') counts.streamEntries += stream ? chunkCount(value) : 0
          if (!stream) {
            heads.set(space, Math.max(heads.get(space) ?? 0, head))
            continue
          }
        }
        if (tag === 'd') counts.records++
        if (rule === 'lease') {
          const unleased: Entry = [key, withoutLease(value)]
          if (!stream) consumers.push(unleased)
          else batch.push(unleased)
        } else batch.push(entry)
        chars += key.length + value.length
        if (batch.length >= READ_SIZE || chars >= BATCH_CHARS) yield emit()
      }
      read = await next
    }
  } finally {
    await iterator.close()
    await snapshot.close()
  }
  for (const [space, head] of heads) batch.push([space + TAG_META + TRIMMED_THROUGH, String(head)])
  for (const [key, value] of consumers) batch.push([key, movedTo(value, key, heads)])
  if (batch.length > 0) yield emit()
}

/** A consumer's stored state without its owner and lease. */
function withoutLease(raw: string): string {
  const {
    owner: _owner,
    leaseExpires: _lease,
    ...state
  } = JSON.parse(raw) as Record<string, unknown>
  return JSON.stringify(state)
}

/** Without the stream, a consumer's position moves to its space's head: nothing is left to read. */
function movedTo(raw: string, key: string, heads: Map<string, number>): string {
  const space = keyFamily(key)?.space ?? ''
  return JSON.stringify({ ...JSON.parse(raw), position: heads.get(space) ?? 0 })
}
