import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { storeModelSuite } from '@kvgraph/core/testing'

// The whole-store model test, 1,000 runs on each embedded engine (PostgreSQL:
// packages/kv-postgres/test/store-model.test.ts).
storeModelSuite({ name: 'memory-level', open: (options) => openStore(':memory:', options) })

const dirs = new Map<Store, string>()
storeModelSuite({
  name: 'classic-level',
  open: async (options) => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-store-model-'))
    const store = await openStore(join(dir, 'db'), options)
    dirs.set(store, dir)
    return store
  },
  dispose: async (store) => {
    await store.close()
    rmSync(dirs.get(store)!, { recursive: true, force: true })
  },
})
