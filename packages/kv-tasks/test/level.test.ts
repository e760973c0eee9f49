import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { tasksSuite } from './suite/index.js'

const dirs = new Map<Store, string>()

tasksSuite({
  name: 'leveldb',
  async open(options) {
    const dir = await mkdtemp(join(tmpdir(), 'kv-tasks-'))
    const store = await openStore(join(dir, 'db'), options)
    dirs.set(store, dir)
    return store
  },
  async dispose(store) {
    await store.close()
    await rm(dirs.get(store)!, { recursive: true, force: true })
    dirs.delete(store)
  },
})
