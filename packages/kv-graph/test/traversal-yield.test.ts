// Regression (issue 24, defect 7): on a Graph that holds its adjacency, traversals read without
// I/O and never let the event loop in: a 20 ms AbortSignal.timeout did not stop a BFS of 60k
// nodes, and no timer could run meanwhile. They now pause every few ms and check the signal.
import { type Graph, GraphError, type NodeRef } from '@kvgraph/graph'
import { beforeAll, describe, expect, it } from 'vitest'
import { forEachEngine } from './helpers/engines.js'

const NODES = 30_000
const node = (i: number): NodeRef => ({ type: 'N', id: String(i) })

/** A connected graph: a ring, plus two chords per node. */
function* edges() {
  for (let i = 0; i < NODES; i++) {
    for (const j of [i + 1, i * 7 + 3, i * 13 + 11])
      yield { from: node(i), type: 'to', to: node(j % NODES) }
  }
}

forEachEngine((ctx) => {
  describe('traversals on held adjacency', () => {
    let graph: Graph
    beforeAll(async () => {
      graph = ctx.graph()
      await graph.import(edges(), { batchSize: 5000 })
      // A first traversal fills the held tables; the ones below read only from memory.
      let reached = 0
      for await (const _ of graph.bfs(node(0), { direction: 'both' })) reached++
      expect(reached).toBe(NODES)
    }, 300_000)

    it('a BFS stops at a 20 ms AbortSignal.timeout, and timers run meanwhile', async () => {
      let timerRan = false
      setTimeout(() => {
        timerRan = true
      }, 1)
      const signal = AbortSignal.timeout(20)
      const traversal = graph.bfs(node(0), { direction: 'both', signal })
      let reached = 0
      for await (const _ of traversal) reached++
      expect(traversal.stopped).toBe('aborted')
      expect(signal.aborted).toBe(true)
      expect(timerRan).toBe(true)
      expect(reached).toBeLessThan(NODES)
    })

    it('neighborhood and toGraphology reject with GRAPH_ABORTED', async () => {
      const near = graph.neighborhood(node(0), {
        depth: 50,
        direction: 'both',
        maxNodes: NODES,
        signal: AbortSignal.timeout(20),
      })
      await expect(near).rejects.toBeInstanceOf(GraphError)
      await expect(near).rejects.toMatchObject({ code: 'GRAPH_ABORTED' })
      const whole = graph.toGraphology({ signal: AbortSignal.timeout(20), maxEdges: 1e7 })
      await expect(whole).rejects.toMatchObject({ code: 'GRAPH_ABORTED' })
    })
  })
})
