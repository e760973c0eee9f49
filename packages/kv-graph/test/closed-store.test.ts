// Regression (issue 24, defect 10): a BFS in flight when its store closed failed with
// abstract-level's LEVEL_ITERATOR_NOT_OPEN; it fails with the store's KV_CLOSED.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { Graph, type NodeRef } from '@kvgraph/graph'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { ENGINES, type EngineName } from './helpers/engines.js'

const n = (i: number): NodeRef => ({ type: 'N', id: String(i) })
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

async function open(engine: EngineName): Promise<Store> {
  if (engine === 'memory') return openStore(':memory:')
  if (engine === 'postgres') {
    const url = new URL(inject('postgresUrl'))
    url.searchParams.set('table', `graph_closed_${process.pid}_${Date.now().toString(36)}`)
    return openStore(url.toString())
  }
  const dir = mkdtempSync(join(tmpdir(), 'kvgraph-closed-'))
  dirs.push(dir)
  return openStore(join(dir, 'db'))
}

for (const engine of ENGINES) {
  describe(`${engine}: a traversal when the store closes`, () => {
    it('rejects with KV_CLOSED', async () => {
      const store = await open(engine)
      // A wide second level, read by one scan of the edge family while the store closes.
      const graph = new Graph(store, { keepAdjacency: false })
      const edges = []
      for (let i = 1; i <= 3000; i++) {
        edges.push({ from: n(0), type: 'to', to: n(i) })
        edges.push({ from: n(i), type: 'to', to: n(i + 3000) })
      }
      await graph.import(edges)
      const walk = graph.bfs(n(0))[Symbol.asyncIterator]()
      for (let i = 0; i <= 3000; i++) await walk.next() // the start and the first level
      const inFlight = walk.next() // reads the second level
      inFlight.catch(() => {}) // it may fail before close() resolves: checked below
      await store.close()
      const rest = async () => {
        for (let step = await inFlight; !step.done; step = await walk.next());
      }
      await expect(rest()).rejects.toMatchObject({ name: 'KvError', code: 'KV_CLOSED' })
    })
  })
}
