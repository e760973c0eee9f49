import { type OpenStoreOptions, openStore, type Store } from '@kvgraph/core'
import { storeConformance } from '@kvgraph/core/testing'
import { afterAll } from 'vitest'
import { engines, postgresUrl, uniqueTable } from './helpers.js'

// The store conformance suite, every test on a fresh table of the test server: the same suite
// memory-level and LevelDB pass (packages/kv-core/test/conformance.test.ts).
const opened = engines()
afterAll(() => opened.cleanup())

async function openPostgres(options?: OpenStoreOptions): Promise<Store> {
  return openStore(await opened.open(uniqueTable('conf')), options)
}

storeConformance({ name: 'postgres', open: openPostgres }, { modelRuns: 150 })

// Through a URL, as users open it: openStore loads @kvgraph/postgres by itself.
const viaUrl = (options?: OpenStoreOptions) => {
  const url = new URL(postgresUrl())
  url.searchParams.set('table', uniqueTable('url'))
  return openStore(url.toString(), options)
}
const roots = new Map<Store, Store>()
storeConformance(
  {
    name: 'postgres namespace, opened by URL',
    open: async (options) => {
      const root = await viaUrl(options)
      const view = root.namespace('tenant/1')
      roots.set(view, root)
      return view
    },
    dispose: async (view) => {
      await roots.get(view)!.close()
      roots.delete(view)
    },
  },
  { modelRuns: 50 },
)
