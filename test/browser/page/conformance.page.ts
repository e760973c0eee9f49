// The store conformance suite in the page, on browser-level (IndexedDB), as shipped: this
// entry imports the built @kvgraph/core through its package.json, so the bundler picks the
// browser files. `vitest` is the shim next to this file.
import { openStore, type Store } from '@kvgraph/core'
import { storeConformance } from '@kvgraph/core/testing'
import { runSuites } from './vitest-shim.js'

let databases = 0
const name = () => `conformance-${Date.now().toString(36)}-${databases++}`

storeConformance(
  { name: 'browser-level', open: (options) => openStore(name(), options) },
  { modelRuns: 200 },
)

// A namespace of an IndexedDB store is a complete store too.
const roots = new Map<Store, Store>()
storeConformance(
  {
    name: 'browser-level namespace',
    open: async (options) => {
      const root = await openStore(name(), options)
      const view = root.namespace('tenant/1')
      roots.set(view, root)
      return view
    },
    dispose: async (view) => {
      await roots.get(view)?.close()
      roots.delete(view)
    },
  },
  { modelRuns: 50 },
)

Object.assign(globalThis, { runPageTests: () => runSuites() })
