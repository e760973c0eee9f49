import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { Graph, type GraphOptions } from '@kvgraph/graph'
import { afterAll, beforeAll, describe } from 'vitest'
import type { GraphInternals } from '../../src/tuning.js'

/** The engines every graph test runs on: memory-level and LevelDB in a temporary directory. */
export const ENGINES = ['memory', 'leveldb'] as const
export type EngineName = (typeof ENGINES)[number]

export interface EngineContext {
  engine: EngineName
  /** The store of this engine (open during the tests). */
  readonly store: Store
  /**
   * A graph in a namespace of its own, so tests never see each other's data; `internals` tunes
   * its reads or watches its store calls.
   */
  graph(options?: Omit<GraphOptions, 'namespace'>, internals?: GraphInternals): Graph
}

/** Runs `suite` once per engine, with a store opened before and closed (and removed) after. */
export function forEachEngine(suite: (ctx: EngineContext) => void): void {
  for (const engine of ENGINES) {
    describe(engine, () => {
      let store: Store | undefined
      let dir: string | undefined
      let spaces = 0
      beforeAll(async () => {
        if (engine === 'memory') store = await openStore(':memory:')
        else {
          dir = mkdtempSync(join(tmpdir(), 'kvgraph-graph-test-'))
          store = await openStore(join(dir, 'db'))
        }
      })
      afterAll(async () => {
        await store?.close()
        if (dir) rmSync(dir, { recursive: true, force: true })
      })
      suite({
        engine,
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
}
