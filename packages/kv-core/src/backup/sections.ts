/**
 * What a backup holds, before it is bytes: a header, batches of raw engine entries, a trailer.
 * A backup file encodes these (format.ts); copyStore hands them straight to the restore.
 */
export type Entry = [key: string, value: string]

/** The format version this code writes; it reads every version up to it. */
export const FORMAT_VERSION = 1

export interface BackupHeader {
  /** The source engine's name ('classic-level', 'memory-level', 'postgres'). */
  engine: string
  /** When the snapshot was taken (ISO-8601). */
  createdAt: string
  /** The root store's stream head at the snapshot. */
  seq: number
  /** Whether stream entries are included (false: `{ stream: false }`). */
  stream: boolean
  /** Entries that follow, and how many of them are records (exact: counted on the snapshot). */
  entries: number
  records: number
}

export interface BackupCounts {
  entries: number
  records: number
  /** Stream entries in the backup's chunks (0 with `{ stream: false }`). */
  streamEntries: number
  batches: number
}

/** A backup being read or written: its header, then its batches, then its counts. */
export interface BackupSource {
  header: BackupHeader
  batches: AsyncIterable<Entry[]>
  /** The counts once every batch was read (throws, for a file, when its trailer disagrees). */
  counts(): BackupCounts
  /** Releases what the source holds (a snapshot, a file); safe to call more than once. */
  close(): Promise<void>
}

/** One call per batch, from backup, restore and copy. */
export interface BackupProgress {
  /** Entries done so far, and the total the header announced. */
  entries: number
  total: number
  records: number
  /** Bytes written (backup) or read (restore) so far, where there is a file. */
  bytes: number
}

export type ProgressListener = (progress: BackupProgress) => void
