// Regression (issue 24, defect 12): props over the store's value limit gave the store's
// KV_INVALID_VALUE naming `mutations[0].value`; they give a GraphError naming the argument.
import { type Graph, GraphError, type NodeRef } from '@kvgraph/graph'
import { describe, expect, it } from 'vitest'
import { forEachEngine } from './helpers/engines.js'

const alice: NodeRef = { type: 'User', id: 'alice' }
const bob: NodeRef = { type: 'User', id: 'bob' }
const big = { text: 'x'.repeat(1_100_000) } // over the default limit of 1 MiB

async function refusal(call: () => Promise<unknown>): Promise<GraphError> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(GraphError)
  expect(error).toMatchObject({ code: 'GRAPH_INVALID_ARGUMENT' })
  return error as GraphError
}

forEachEngine((ctx) => {
  describe('props over the store limit', () => {
    it('putNode and addEdge name props, and store nothing', async () => {
      const graph: Graph = ctx.graph()
      const node = await refusal(() => graph.putNode(alice, big))
      expect(node.message).toMatch(/^graph\.putNode: props must be at most 1048576 bytes/)
      const edge = await refusal(() => graph.addEdge(alice, 'follows', bob, big))
      expect(edge.message).toMatch(/^graph\.addEdge: props must be at most 1048576 bytes/)
      expect(await graph.getNode(alice)).toBeUndefined()
      expect(await graph.getEdge(alice, 'follows', bob)).toBeUndefined()
    })

    it('import names the edge: edges[i].props', async () => {
      const graph: Graph = ctx.graph()
      const edges = Array.from({ length: 6 }, (_, i) => ({
        from: alice,
        type: 'follows',
        to: { type: 'User', id: `u${i}` },
        props: i === 3 ? big : { i },
      }))
      const error = await refusal(() => graph.import(edges, { batchSize: 2 }))
      expect(error.message).toMatch(/^graph\.import: edges\[3\]\.props must be at most/)
      // The batch holding edge 3 wrote nothing: each batch is atomic.
      expect(await graph.getEdge(alice, 'follows', { type: 'User', id: 'u2' })).toBeUndefined()
    })
  })
})
