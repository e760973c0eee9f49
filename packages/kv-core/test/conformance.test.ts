import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type OpenStoreOptions, openStore, type Store } from '@kvgraph/core'
import { storeConformance } from '@kvgraph/core/testing'

const dirs = new Map<Store, string>()

async function openDisk(options?: OpenStoreOptions): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'kv-conformance-'))
  const store = await openStore(join(dir, 'db'), options)
  dirs.set(store, dir)
  return store
}

async function disposeDisk(store: Store): Promise<void> {
  await store.close()
  const dir = dirs.get(store)
  if (dir) rmSync(dir, { recursive: true, force: true })
  dirs.delete(store)
}

storeConformance({ name: 'memory-level', open: (options) => openStore(':memory:', options) })
storeConformance({ name: 'classic-level', open: openDisk, dispose: disposeDisk })

// The same suite inside a namespace of a LevelDB store: a namespace is a complete store.
const roots = new Map<Store, Store>()
storeConformance({
  name: 'classic-level namespace',
  open: async (options) => {
    const root = await openDisk(options)
    const view = root.namespace('tenant/1')
    roots.set(view, root)
    return view
  },
  dispose: async (view) => {
    await disposeDisk(roots.get(view)!)
    roots.delete(view)
  },
})
