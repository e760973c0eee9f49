// Backup, restore, copy and verify (docs/backup.md). The work is in the backup room, loaded here
// at the call: it uses node:fs, node:zlib, node:crypto and node:stream, which the rest of kv-core
// must not load (a browser build of kv-core has none of them).
import type { Readable, Writable } from 'node:stream'
import type { Restored } from '../backup/restore.js'
import type { ProgressListener } from '../backup/sections.js'
import { invalidArgument, KvError } from '../errors.js'
import { scopeOf } from './scopes.js'
import { assertOpen, type Scope } from './store-core.js'

export type { Restored } from '../backup/restore.js'
export type { BackupProgress, ProgressListener } from '../backup/sections.js'

export interface BackupOptions {
  /** Include the change stream (default true); see docs/backup.md for what `false` does. */
  stream?: boolean
  /** gzip the file (default true). */
  gzip?: boolean
  onProgress?: ProgressListener
}

export interface BackupInfo {
  /** Records in the backup (with their versions, types, times and TTLs). */
  records: number
  streamEntries: number
  /** The root store's stream seq at the snapshot. */
  seq: number
  /** Bytes written (after gzip). */
  bytes: number
  /** SHA-256 (hex) of the backup's body, as its trailer holds it. */
  sha256: string
}

export interface RestoreOptions {
  /** Replace the contents of a store that is not empty (they are deleted first). */
  force?: boolean
  onProgress?: ProgressListener
}

export interface CopyOptions {
  stream?: boolean
  /** Replace the contents of a target that is not empty. */
  force?: boolean
  onProgress?: ProgressListener
}

export interface VerifiedBackup {
  records: number
  seq: number
  entries: number
  streamEntries: number
  batches: number
  engine: string
  createdAt: string
}

function checkOptions(method: string, options: unknown, flags: string[]): void {
  if (typeof options !== 'object' || options === null)
    throw invalidArgument(`${method}: options`, 'an object', options)
  const given = options as Record<string, unknown>
  for (const flag of flags) {
    if (given[flag] !== undefined && typeof given[flag] !== 'boolean')
      throw invalidArgument(`${method}: options.${flag}`, 'a boolean', given[flag])
  }
  if (given.onProgress !== undefined && typeof given.onProgress !== 'function')
    throw invalidArgument(`${method}: options.onProgress`, 'a function', given.onProgress)
}

/** A backup covers the whole store, every namespace: it is taken from the root store. */
function rootScope(store: unknown, method: string): Scope {
  return checkRoot(scopeOf(store, method), method)
}

function checkRoot(scope: Scope, method: string): Scope {
  assertOpen(scope.core, method)
  if (scope.space !== '') {
    throw new KvError(
      'KV_INVALID_ARGUMENT',
      `${method}: call it on the root store, not a namespace view: a backup holds every namespace`,
    )
  }
  return scope
}

function checkPlace(method: string, name: string, place: unknown, kind: string): void {
  const ok =
    (typeof place === 'string' && place !== '') ||
    (typeof place === 'object' && place !== null && kind in place)
  if (!ok) throw invalidArgument(`${method}: ${name}`, `a file path or a ${kind} stream`, place)
}

export async function backup(
  scope: Scope,
  destination: string | Writable,
  options: BackupOptions,
): Promise<BackupInfo> {
  checkRoot(scope, 'backup')
  checkOptions('backup', options, ['stream', 'gzip'])
  checkPlace('backup', 'destination', destination, 'write')
  const [{ snapshotSource }, { writeBackup }] = await Promise.all([
    import('../backup/snapshot-source.js'),
    import('../backup/write-backup.js'),
  ])
  const source = await snapshotSource(scope.core.engine, {
    stream: options.stream !== false,
    now: scope.core.now,
  })
  let written: Awaited<ReturnType<typeof writeBackup>>
  try {
    written = await writeBackup(source, destination, options)
  } finally {
    await source.close()
  }
  const counts = source.counts()
  return {
    records: counts.records,
    streamEntries: counts.streamEntries,
    seq: source.header.seq,
    ...written,
  }
}

export async function restore(
  scope: Scope,
  input: string | Readable,
  options: RestoreOptions,
): Promise<Restored> {
  checkRoot(scope, 'restore')
  checkOptions('restore', options, ['force'])
  checkPlace('restore', 'source', input, 'read')
  const [{ readBackup }, { restoreInto }] = await Promise.all([
    import('../backup/read-backup.js'),
    import('../backup/restore.js'),
  ])
  const opened = await readBackup(input, 'restore')
  try {
    return await restoreInto(scope.core.engine, opened, scope.core.now(), {
      ...options,
      offset: opened.offset,
    })
  } finally {
    scope.core.sequencer?.reset() // its counters came from the store's old contents
    await opened.close().catch(() => {})
  }
}

/** Copies every record, index, stream entry and counter of `source` into the empty `target`. */
export async function copyStore(
  source: unknown,
  target: unknown,
  options: CopyOptions = {},
): Promise<Restored> {
  const from = rootScope(source, 'copyStore')
  const to = rootScope(target, 'copyStore')
  checkOptions('copyStore', options, ['stream', 'force'])
  if (from.core === to.core)
    throw new KvError('KV_INVALID_ARGUMENT', 'copyStore: source and target are the same store')
  const [{ snapshotSource }, { restoreInto }] = await Promise.all([
    import('../backup/snapshot-source.js'),
    import('../backup/restore.js'),
  ])
  const snapshot = await snapshotSource(from.core.engine, {
    stream: options.stream !== false,
    now: from.core.now,
  })
  try {
    return await restoreInto(to.core.engine, snapshot, to.core.now(), options)
  } finally {
    to.core.sequencer?.reset()
    await snapshot.close()
  }
}

/** Reads a whole backup and checks it (checksums, counts, SHA-256) without restoring it. */
export async function verifyBackup(input: string | Readable): Promise<VerifiedBackup> {
  checkPlace('verifyBackup', 'source', input, 'read')
  const { readBackup } = await import('../backup/read-backup.js')
  const opened = await readBackup(input, 'verifyBackup')
  try {
    for await (const _batch of opened.batches);
    const counts = opened.counts()
    const { header } = opened
    return {
      ...counts,
      seq: header.seq,
      engine: header.engine,
      createdAt: header.createdAt,
    }
  } finally {
    await opened.close().catch(() => {})
  }
}
