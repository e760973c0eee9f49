// The DOT and Mermaid text of a graph stored in IndexedDB, through the browser's
// @kvgraph/graph/render (no dot binary), and graphology interop.
import { openStore } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { toDot, toMermaid } from '@kvgraph/graph/render'
import { describe, expect, it } from './vitest-shim.js'

const person = (id: string) => ({ type: 'Person', id })

describe('browser-level render and interop', () => {
  it('draws a stored graph as DOT and Mermaid text, one node per person', async () => {
    const store = await openStore(`render-${Date.now().toString(36)}`)
    try {
      const graph = new Graph(store)
      await graph.addEdge(person('ada'), 'follows', person('bob'))
      await graph.addEdge(person('bob'), 'follows', person('cy'))
      const view = await graph.view()
      const dot = toDot(view)
      expect(dot).toMatch(/^digraph/)
      expect(dot.match(/label = "Person:/g) ?? dot.match(/Person:/g)).toHaveLength(3)
      const mermaid = toMermaid(view)
      expect(mermaid.split('\n')[0]).toBe('flowchart LR')
      expect(mermaid.match(/-->/g)).toHaveLength(2)
      for (const id of ['ada', 'bob', 'cy']) expect(mermaid).toContain(`Person:${id}`)
    } finally {
      await store.close()
    }
  })

  it('round-trips through graphology', async () => {
    const store = await openStore(`graphology-${Date.now().toString(36)}`)
    try {
      const graph = new Graph(store)
      await graph.addEdge(person('ada'), 'follows', person('bob'), { since: 2020 })
      const g = await graph.toGraphology()
      expect(g.order).toBe(2)
      expect(g.size).toBe(1)
      const copy = new Graph(store, { namespace: 'copy' })
      await copy.fromGraphology(g)
      const edges = await copy.outgoing(person('ada'))
      expect(edges.edges.map((e) => [e.to.id, e.props])).toEqual([['bob', { since: 2020 }]])
    } finally {
      await store.close()
    }
  })
})
