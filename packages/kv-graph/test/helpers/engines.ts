import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { Graph, type GraphOptions } from '@kvgraph/graph'
import { afterAll, beforeAll, describe, inject } from 'vitest'
import type { GraphInternals } from '../../src/tuning.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

export type EngineName = 'memory' | 'leveldb' | 'postgres'

/**
 * The engines every graph test runs on: memory-level and LevelDB in a temporary directory; in
 * the vitest project `postgres` (which starts a PostgreSQL server and provides its URL), a table
 * of that server instead.
 */
const postgresUrl = inject('postgresUrl') as string | undefined
export const ENGINES: readonly EngineName[] = postgresUrl ? ['postgres'] : ['memory', 'leveldb']

let tables = 0
async function openEngineStore(engine: EngineName, dir: () => string): Promise<Store> {
  if (engine === 'memory') return openStore(':memory:')
  if (engine === 'leveldb') return openStore(join(dir(), 'db'))
  const url = new URL(postgresUrl!)
  url.searchParams.set('table', `graph_${process.pid}_${Date.now().toString(36)}_${tables++}`)
  return openStore(url.toString())
}

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
        store = await openEngineStore(engine, () => {
          dir = mkdtempSync(join(tmpdir(), 'kvgraph-graph-test-'))
          return dir
        })
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
