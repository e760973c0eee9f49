import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type OpenStoreOptions, openStore, type Store } from '@kvgraph/core'
import { afterEach } from 'vitest'

/** The engines a regression test runs on without a server. */
export const ENGINES = ['memory', 'leveldb'] as const
export type EngineName = (typeof ENGINES)[number]

/**
 * Fresh stores for one test file, closed and removed after each test. `path(engine)` gives a
 * location to open again (a LevelDB directory; ':memory:' has none to reopen).
 */
export function useStores() {
  const stores: Store[] = []
  const dirs: string[] = []
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close()
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  const path = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-regression-'))
    dirs.push(dir)
    return join(dir, 'db')
  }
  const openAt = async (location: string, options?: OpenStoreOptions): Promise<Store> => {
    const store = await openStore(location, options)
    stores.push(store)
    return store
  }
  const open = (engine: EngineName, options?: OpenStoreOptions): Promise<Store> =>
    openAt(engine === 'memory' ? ':memory:' : path(), options)
  return { open, openAt, path }
}
