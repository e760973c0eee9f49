import type { EdgeInput, NodeRef, Props } from '@kvgraph/graph'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { encodeComponent, nodeCode, outKey, splitEdgeKey } from '../src/key-codec.js'
import { forEachEngine } from './helpers/engines.js'
import { checkTwins } from './helpers/stored.js'

const POOL: NodeRef[] = [
  { type: 'User', id: 'a' },
  { type: 'User', id: 'a\0' },
  { type: 'User', id: '\0' },
  { type: 'User\0', id: 'a' },
  { type: 'Post', id: 'a/b' },
  { type: 'Post', id: '😀' },
]
const node = fc.constantFrom(...POOL)
const type = fc.constantFrom('follows', 'likes', 'a\0', 'x/y')
const props: fc.Arbitrary<Props> = fc.record(
  { n: fc.integer({ min: 0, max: 9 }) },
  { noNullPrototype: true },
)
const edge = fc.record({ from: node, type, to: node, props })

type Op =
  | { op: 'addEdge'; edge: EdgeInput }
  | { op: 'removeEdge'; edge: EdgeInput }
  | { op: 'removeNode'; node: NodeRef }
  | { op: 'import'; edges: EdgeInput[] }
  | { op: 'putNode'; node: NodeRef; props: Props }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: edge.map((e) => ({ op: 'addEdge' as const, edge: e })) },
  { weight: 2, arbitrary: edge.map((e) => ({ op: 'removeEdge' as const, edge: e })) },
  { weight: 1, arbitrary: node.map((n) => ({ op: 'removeNode' as const, node: n })) },
  {
    weight: 1,
    arbitrary: fc.array(edge, { maxLength: 12 }).map((edges) => ({ op: 'import' as const, edges })),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('putNode' as const), node, props }) },
)

const keyOf = (e: EdgeInput) => outKey(nodeCode(e.from), encodeComponent(e.type), nodeCode(e.to))

forEachEngine((ctx) => {
  it('keeps every out key paired with its in twin after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 20 }), async (ops) => {
        const graph = ctx.graph()
        const model = new Map<string, Props>()
        const records = new Map<string, Props>()
        for (const op of ops) {
          switch (op.op) {
            case 'addEdge':
              await graph.addEdge(op.edge.from, op.edge.type, op.edge.to, op.edge.props)
              model.set(keyOf(op.edge), op.edge.props!)
              break
            case 'removeEdge':
              expect(await graph.removeEdge(op.edge.from, op.edge.type, op.edge.to)).toBe(
                model.delete(keyOf(op.edge)),
              )
              break
            case 'removeNode': {
              let incident = 0
              const code = nodeCode(op.node)
              for (const [key] of model) {
                const parts = splitEdgeKey(key)!
                if (parts.owner === code || parts.other === code) {
                  model.delete(key)
                  incident++
                }
              }
              const removed = await graph.removeNode(op.node)
              expect(removed.edges).toBe(incident)
              expect(removed.record).toBe(records.delete(nodeCode(op.node)))
              break
            }
            case 'import':
              expect(await graph.import(op.edges, { batchSize: 3 })).toBe(op.edges.length)
              for (const e of op.edges) model.set(keyOf(e), e.props!)
              break
            case 'putNode':
              await graph.putNode(op.node, op.props)
              records.set(nodeCode(op.node), op.props)
              break
          }
        }
        const out = await checkTwins(graph)
        const byKey = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : 1)
        expect([...out].sort(byKey)).toEqual([...model].sort(byKey))
        for (const n of POOL) {
          expect((await graph.getNode(n))?.props).toEqual(records.get(nodeCode(n)))
          const listed = (await graph.outgoing(n)).edges.length
          expect(listed).toBe(
            [...model.keys()].filter((k) => k.startsWith(`g/o/${nodeCode(n)}`)).length,
          )
          expect(await graph.degree(n, { direction: 'in' })).toBe(
            (await graph.incoming(n)).edges.length,
          )
        }
      }),
      { numRuns: 200 },
    )
  })

  it('keeps the pairs when writes run concurrently', async () => {
    const graph = ctx.graph()
    const ops: Array<Promise<unknown>> = []
    for (let i = 0; i < 60; i++) {
      const from = POOL[i % POOL.length]!
      const to = POOL[(i * 5 + 1) % POOL.length]!
      ops.push(graph.addEdge(from, i % 2 ? 'follows' : 'likes', to, { i }))
      // Only the first half of the pool is removed, so edges among the rest are left to check
      // whatever order the writes commit in.
      if (i % 5 === 0) ops.push(graph.removeNode(POOL[(i / 5) % 3]!))
      if (i % 3 === 0) ops.push(graph.removeEdge(to, 'follows', from))
    }
    await Promise.all(ops)
    const out = await checkTwins(graph)
    expect(out.size).toBeGreaterThan(0)
  })
})
