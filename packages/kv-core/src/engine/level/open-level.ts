import { ClassicLevel } from 'classic-level'
import { describe, KvError } from '../../errors.js'
import type { AnyLevel } from './any-level.js'
import type { LevelEngine } from './level-engine.js'
import { makeDirectory } from './make-directory.js'
import { openAbstractLevelWith, openClaimed, startEngine } from './open-abstract.js'
import { canonicalPath, claimPath } from './path-registry.js'

export { isAbstractLevel } from './open-abstract.js'

const UTF8 = { keyEncoding: 'utf8', valueEncoding: 'utf8' } as const

/** A path as a reader types it; `describe` (quoted, with its length) only for odd ones. */
function shownPath(location: string): string {
  return /^[^\u0000-\u001f\u007f]+$/.test(location) && location.trim() === location
    ? location
    : describe(location)
}

/** Opens (creating if missing) a LevelDB directory, claimed for this process while open. */
export async function openLevelDb(
  location: string,
  sync: boolean,
): Promise<{ engine: LevelEngine; release: () => void }> {
  const path = canonicalPath(location)
  const release = claimPath(path)
  if (!release) {
    throw new KvError(
      'KV_LOCKED',
      `openStore: the database at ${shownPath(location)} is already open in this process`,
    )
  }
  return openClaimed(release, async () => {
    makeDirectory(path, shownPath(location))
    const db = new ClassicLevel<string, string>(path, UTF8)
    try {
      await db.open()
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause
      if (cause?.code === 'LEVEL_LOCKED') {
        throw new KvError(
          'KV_LOCKED',
          `openStore: the database at ${shownPath(location)} is open in another process`,
          { cause: error },
        )
      }
      throw new KvError(
        'KV_IO_ERROR',
        `openStore: could not open the database at ${shownPath(location)}: ${(error as Error).message}`,
        { cause: error },
      )
    }
    return startEngine(db, { name: 'classic-level', location: path, sync, keyFilter: true })
  })
}

/**
 * An engine over a database the caller made (opened here if it is not yet). One with a
 * `location` on disk (classic-level) is claimed like a path: a second open of a directory this
 * process holds would make LevelDB drop its file lock, so it is refused before it reaches LevelDB
 * (and closed, if it was still waiting to open: hand it over in the tick it was made).
 */
export async function openAbstractLevel(
  db: AnyLevel,
  sync: boolean,
): Promise<{ engine: LevelEngine; release?: () => void }> {
  const location = (db as { location?: unknown }).location
  let release: (() => void) | undefined
  if (typeof location === 'string' && location !== '') {
    release = claimPath(canonicalPath(location))
    if (!release) {
      // abstract-level opens a new database on the next tick by itself: a close() now, in the
      // same tick, cancels that open, which would make LevelDB drop the holder's file lock.
      if (db.status === 'opening') db.close().catch(() => {})
      throw new KvError(
        'KV_LOCKED',
        `openStore: the database at ${shownPath(location)} is already open in this process`,
      )
    }
  }
  // classic-level gets the key filter.
  const open = () => openAbstractLevelWith(db, sync, db instanceof ClassicLevel)
  return release ? openClaimed(release, open) : { engine: await open() }
}
