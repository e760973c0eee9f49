// The graph tests' engines helper (packages/kv-graph/test/helpers/engines.ts) in the page: one
// IndexedDB store per suite, each graph in a namespace of its own.
import { openStore, type Store } from '@kvgraph/core'
import { Graph, type GraphOptions } from '@kvgraph/graph'
import type { GraphInternals } from '../../../packages/kv-graph/src/tuning.js'
import { afterAll, beforeAll, describe } from './vitest-shim.js'

export type EngineName = 'browser-level'
export const ENGINES: readonly EngineName[] = ['browser-level']

export interface EngineContext {
  engine: EngineName
  readonly store: Store
  graph(options?: Omit<GraphOptions, 'namespace'>, internals?: GraphInternals): Graph
}

let suites = 0

export function forEachEngine(suite: (ctx: EngineContext) => void): void {
  describe('browser-level', () => {
    let store: Store | undefined
    let spaces = 0
    beforeAll(async () => {
      store = await openStore(`graph-suite-${Date.now().toString(36)}-${suites++}`)
    })
    afterAll(async () => {
      await store?.close()
    })
    suite({
      engine: 'browser-level',
      get store() {
        if (!store) throw new Error('the store is not open yet')
        return store
      },
      graph(options = {}, internals = {}) {
        if (!store) throw new Error('the store is not open yet')
        return new Graph(store, { ...options, namespace: `t${spaces++}` }, internals)
      },
    })
  })
}
