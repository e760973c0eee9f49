import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { storeConformance } from '@kvgraph/core/testing'

const dirs = new Map<Store, string>()

async function openDisk(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'kv-conformance-'))
  const store = await openStore(join(dir, 'db'))
  dirs.set(store, dir)
  return store
}

async function disposeDisk(store: Store): Promise<void> {
  await store.close()
  rmSync(dirs.get(store)!, { recursive: true, force: true })
  dirs.delete(store)
}

storeConformance({ name: 'memory-level', open: () => openStore(':memory:') })
storeConformance({ name: 'classic-level', open: openDisk, dispose: disposeDisk })
storeConformance({
  name: 'classic-level namespace',
  open: async () => (await openDisk()).namespace('tenant/1'),
  dispose: async (store) => {
    await store.close()
  },
})
