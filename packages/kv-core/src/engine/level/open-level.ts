import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { describe, KvError } from '../../errors.js'
import type { AnyLevel } from './any-level.js'
import { LevelEngine } from './level-engine.js'
import { openAbstractLevelWith } from './open-abstract.js'
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
  try {
    mkdirSync(dirname(path), { recursive: true })
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
    const engine = new LevelEngine(db, {
      name: 'classic-level',
      location: path,
      sync,
      keyFilter: true,
    })
    await engine.start()
    return { engine, release }
  } catch (error) {
    release()
    throw error
  }
}

/** An engine over a database the caller made; classic-level gets the key filter. */
export function openAbstractLevel(db: AnyLevel, sync: boolean): Promise<LevelEngine> {
  return openAbstractLevelWith(db, sync, db instanceof ClassicLevel)
}
