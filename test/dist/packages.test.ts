// Runs in the `dist` vitest project: imports resolve through package names to the built output.
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KvError, openStore } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { toDot } from '@kvgraph/graph/render'
import { describe, expect, it } from 'vitest'

describe('built packages', () => {
  it('@kvgraph/core resolves to dist and works on LevelDB', async () => {
    const resolved = createRequire(import.meta.url).resolve('@kvgraph/core')
    expect(resolved).toMatch(/kv-core[/\\]dist[/\\]index\.js$/)
    const dir = mkdtempSync(join(tmpdir(), 'kv-dist-'))
    try {
      const store = await openStore(join(dir, 'db'))
      await store.put('user/alice', { name: 'Alice' })
      expect((await store.get('user/alice'))?.value).toEqual({ name: 'Alice' })
      await expect(store.put('', 1)).rejects.toBeInstanceOf(KvError)
      await store.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('@kvgraph/graph and its render entry resolve to dist and traverse a store', async () => {
    const require = createRequire(import.meta.url)
    expect(require.resolve('@kvgraph/graph')).toMatch(/kv-graph[/\\]dist[/\\]index\.js$/)
    const store = await openStore(':memory:')
    const graph = new Graph(store)
    const a = { type: 'User', id: 'a' }
    const b = { type: 'User', id: 'b' }
    await graph.addEdge(a, 'follows', b)
    const reached = []
    for await (const step of graph.bfs(a)) reached.push(step.node.id)
    expect(reached).toEqual(['a', 'b'])
    expect((await graph.shortestPath(a, b))?.cost).toBe(1)
    expect(toDot(await graph.view())).toContain('follows')
    await store.close()
  })
})
