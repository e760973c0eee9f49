// Regression (issue 24, defect 3): size options are capped with a typed error naming them.
import { GraphError, type NodeRef } from '@kvgraph/graph'
import { describe, expect, it } from 'vitest'
import { forEachEngine } from './helpers/engines.js'

const a: NodeRef = { type: 'User', id: 'a' }
const b: NodeRef = { type: 'User', id: 'b' }

function refusal(name: string) {
  return expect.objectContaining({
    name: 'GraphError',
    code: 'GRAPH_INVALID_ARGUMENT',
    message: expect.stringContaining(name),
  })
}

forEachEngine((ctx) => {
  describe('size options over their cap', () => {
    it('are refused by import and edge pages; nothing is written', async () => {
      const graph = ctx.graph()
      const edges = [{ from: a, type: 'follows', to: b }]
      const importing = graph.import(edges, { batchSize: 1e9 })
      await expect(importing).rejects.toBeInstanceOf(GraphError)
      await expect(importing).rejects.toEqual(refusal('graph.import: options.batchSize'))
      await expect(graph.outgoing(a, { limit: 1e9 })).rejects.toEqual(refusal('options.limit'))
      expect((await graph.outgoing(a)).edges).toEqual([])
      expect(await graph.import(edges, { batchSize: 100_000 })).toBe(1)
      expect((await graph.outgoing(a, { limit: 1_000_000 })).edges).toHaveLength(1)
    })
  })
})
