import { Level } from 'level'
import { describe, KvError } from '../../errors.js'
import type { AnyLevel } from './any-level.js'
import type { LevelEngine } from './level-engine.js'
import { openAbstractLevelWith, openClaimed, startEngine } from './open-abstract.js'
import { claimTab } from './tab-lock.js'

export { isAbstractLevel } from './open-abstract.js'

const UTF8 = { keyEncoding: 'utf8', valueEncoding: 'utf8' } as const

/**
 * The browser's `open-level.js` (package.json `browser` map): a name opens an IndexedDB
 * database through `level` (browser-level), owned by one tab at a time.
 */
export async function openLevelDb(
  location: string,
  sync: boolean,
): Promise<{ engine: LevelEngine; release: () => void }> {
  const release = await claimTab(location)
  if (!release) {
    throw new KvError(
      'KV_LOCKED',
      `openStore: the database ${describe(location)} is open in another tab, worker or store`,
    )
  }
  return openClaimed(release, async () => {
    const db = new Level<string, string>(location, UTF8)
    try {
      await db.open()
    } catch (error) {
      throw new KvError(
        'KV_IO_ERROR',
        `openStore: could not open the database ${describe(location)}: ${(error as Error).message}`,
        { cause: error },
      )
    }
    return startEngine(db, { name: 'browser-level', location, sync })
  })
}

/** An engine over a database the caller made (no key filter: it pays off on LevelDB only). */
export async function openAbstractLevel(
  db: AnyLevel,
  sync: boolean,
): Promise<{ engine: LevelEngine; release?: () => void }> {
  return { engine: await openAbstractLevelWith(db, sync, false) }
}
