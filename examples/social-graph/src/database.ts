import { rm } from 'node:fs/promises'
import { type KvEngine, openStore, type Store } from '@kvgraph/core'

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i

/** Whether the example's --db names a PostgreSQL table (a URL) rather than a LevelDB folder. */
export function isPostgresUrl(db: string): boolean {
  return POSTGRES_URL.test(db)
}

/** A URL with its password shown as `***`, for printing. */
export function maskPassword(db: string): string {
  return db.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:)[^/?#]*@/i, '$1***@')
}

/**
 * The example's store, emptied first so every run starts from the same data: a LevelDB folder
 * is removed, a PostgreSQL table (`?table=` of the URL) has all its rows deleted. A bulk load
 * does not need the change stream: every write stores one key fewer.
 */
export async function openFreshStore(db: string): Promise<Store> {
  if (!isPostgresUrl(db)) {
    await rm(db, { recursive: true, force: true })
    return openStore(db, { stream: false })
  }
  // Loaded only for a URL: a LevelDB run needs no PostgreSQL driver.
  const { PostgresEngine } = await import('@kvgraph/postgres')
  const engine = await PostgresEngine.open(db)
  try {
    await clear(engine)
  } catch (error) {
    await engine.close()
    throw error
  }
  return openStore(engine, { stream: false })
}

/** Deletes every key of the engine, some thousands per transaction. */
async function clear(engine: KvEngine): Promise<void> {
  for (;;) {
    const iterator = engine.keys({})
    const keys = await iterator.nextv(5000)
    await iterator.close()
    if (keys.length === 0) return
    await engine.transact((txn) => {
      for (const key of keys) txn.del(key)
    })
  }
}
