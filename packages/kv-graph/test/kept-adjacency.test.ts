import { Graph, type NodeRef } from '@kvgraph/graph'
import fc from 'fast-check'
import { afterEach, expect, it, vi } from 'vitest'
import { encodeComponent, nodeCode, outKey } from '../src/key-codec.js'
import { STORE_ACCESS } from '../src/store-access.js'
import { watchedAccess } from './helpers/access.js'
import { forEachEngine } from './helpers/engines.js'
import { tuned, tuningArb } from './helpers/tuning.js'

// The graph keeps the adjacency traversals read across traversals, and drops what committed
// writes change. Oracle: a Graph on the same store that keeps nothing (it reads the store anew).

const POOL: NodeRef[] = [
  { type: 'User', id: 'a' },
  { type: 'User', id: 'b' },
  { type: 'User', id: 'a\0' },
  { type: 'Post', id: 'x/y' },
  { type: 'Post', id: '😀' },
  { type: 'User\0', id: 'b' },
]
const node = fc.constantFrom(...POOL)
const edgeType = fc.constantFrom('follows', 'likes', 'a\0b')
const edge = fc.record({ from: node, type: edgeType, to: node })
const direction = fc.constantFrom('out' as const, 'in' as const, 'both' as const)

type Step =
  | { op: 'addEdge' | 'removeEdge'; from: NodeRef; type: string; to: NodeRef }
  | { op: 'removeNode'; node: NodeRef }
  | { op: 'import'; edges: Array<{ from: NodeRef; type: string; to: NodeRef }> }
  /** Deletes both keys of an edge straight through the store, behind the graph's back. */
  | { op: 'storeDelete'; from: NodeRef; type: string; to: NodeRef }
  | {
      op: 'query'
      start: NodeRef
      target: NodeRef
      direction: 'out' | 'in' | 'both'
      typed: boolean
    }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: edge.map((e) => ({ op: 'addEdge' as const, ...e })) },
  { weight: 1, arbitrary: edge.map((e) => ({ op: 'removeEdge' as const, ...e })) },
  { weight: 1, arbitrary: node.map((n) => ({ op: 'removeNode' as const, node: n })) },
  {
    weight: 1,
    arbitrary: fc.array(edge, { maxLength: 6 }).map((edges) => ({ op: 'import' as const, edges })),
  },
  { weight: 1, arbitrary: edge.map((e) => ({ op: 'storeDelete' as const, ...e })) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('query' as const),
      start: node,
      target: node,
      direction,
      typed: fc.boolean(),
    }),
  },
)

/** A promise to await (`fired`) and the function that resolves it (`fire`). */
function signal(): { fired: Promise<void>; fire: () => void } {
  let fire!: () => void
  const fired = new Promise<void>((resolve) => {
    fire = resolve
  })
  return { fired, fire }
}

/** What a few traversals answer, in a form to compare. */
async function answers(
  graph: Graph,
  q: Extract<Step, { op: 'query' }>,
): Promise<Record<string, unknown>> {
  const edgeTypes = q.typed ? ['follows', 'a\0b'] : undefined
  const steps = []
  for await (const step of graph.bfs(q.start, { direction: q.direction, edgeTypes }))
    steps.push(step)
  const path = await graph.shortestPath(q.start, q.target, { direction: q.direction, edgeTypes })
  const around = await graph.neighborhood(q.start, { depth: 2, direction: q.direction, edgeTypes })
  return { steps, hops: path?.cost, around }
}

afterEach(() => {
  vi.restoreAllMocks()
})

forEachEngine((ctx) => {
  it('traversals on a graph that keeps adjacency answer like a graph that reads anew', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 25 }),
        tuningArb,
        async (steps, run) => {
          const internals = { tuning: run.tuning }
          const kept = ctx.graph({ cacheEntries: run.cacheEntries }, internals)
          const fresh = new Graph(kept.store, { keepAdjacency: false }, internals)
          for (const step of steps) {
            switch (step.op) {
              case 'addEdge':
                await kept.addEdge(step.from, step.type, step.to)
                break
              case 'removeEdge':
                await kept.removeEdge(step.from, step.type, step.to)
                break
              case 'removeNode':
                await kept.removeNode(step.node)
                break
              case 'import':
                await kept.import(step.edges, { batchSize: 2 })
                break
              case 'storeDelete': {
                const from = nodeCode(step.from)
                const type = encodeComponent(step.type)
                const to = nodeCode(step.to)
                await kept.store.delete([outKey(from, type, to), `g/i/${to}${type}${from}`])
                break
              }
              case 'query':
                expect(await answers(kept, step)).toEqual(await answers(fresh, step))
                break
            }
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  it('never keeps a list read before a write that commits while the read is in flight', async () => {
    const graph = ctx.graph()
    const fresh = new Graph(graph.store, { keepAdjacency: false })
    const work: Array<Promise<unknown>> = []
    const walk = async (start: NodeRef) => {
      for await (const _ of graph.bfs(start, { direction: 'both' })) {
      }
    }
    for (let i = 0; i < 200; i++) {
      const from = POOL[i % POOL.length]!
      const to = POOL[(i * 5 + 1) % POOL.length]!
      work.push(graph.addEdge(from, i % 3 ? 'follows' : 'likes', to, { i }))
      work.push(walk(POOL[(i * 7) % POOL.length]!))
      if (i % 4 === 0) work.push(graph.removeEdge(to, 'follows', from))
      if (i % 9 === 0) work.push(graph.removeNode(POOL[(i * 3) % POOL.length]!))
    }
    await Promise.all(work)
    for (const start of POOL) {
      for (const dir of ['out', 'in', 'both'] as const) {
        const q = { op: 'query' as const, start, target: POOL[0]!, direction: dir, typed: false }
        expect(await answers(graph, q)).toEqual(await answers(fresh, q))
      }
    }
  })

  it('does not keep a list read from a snapshot older than a write that committed meanwhile', async () => {
    const access = watchedAccess()
    const graph = ctx.graph({}, { access })
    const [a, b, c] = POOL as [NodeRef, NodeRef, NodeRef]
    await graph.addEdge(a, 'follows', b)
    const original = STORE_ACCESS.prefixGroups
    const gate = signal()
    const readDone = signal()
    // The first batched read reads a's list (a -> b), then waits before handing it over.
    access.prefixGroups.mockImplementationOnce((store, prefixes, options) =>
      (async function* () {
        const groups = []
        for await (const group of original(store, prefixes, options)) groups.push(group)
        readDone.fire()
        await gate.fired
        yield* groups
      })(),
    )
    const reach = async () => {
      const ids = []
      for await (const step of graph.bfs(a)) ids.push(step.node.id)
      return ids
    }
    const first = reach()
    await readDone.fired
    await graph.addEdge(a, 'follows', c) // commits while the old list is in flight
    gate.fire()
    expect(await first).toEqual(['a', 'b'])
    expect(await reach()).toEqual(['a', 'a\0', 'b'])
  })

  it('does not keep what a scan read after a write committed meanwhile', async () => {
    const access = watchedAccess()
    // Even a one-node frontier is scanned.
    const graph = ctx.graph({}, { ...tuned({ reader: { scanMin: 1 } }), access })
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => ({ type: 'User', id }))
    await graph.import([
      { from: a!, type: 'follows', to: b! },
      { from: b!, type: 'follows', to: c! },
      { from: c!, type: 'follows', to: a! },
    ])
    const original = STORE_ACCESS.keyBatches
    const gate = signal()
    const firstKeyRead = signal()
    // The scan hands over one key at a time and waits after the first (a's edge); c's list,
    // further on in key order, is read after the write below, from the scan's older snapshot.
    const scans = access.keyBatches.mockImplementationOnce((store, selector, options) =>
      (async function* () {
        for await (const batch of original(store, selector, options)) {
          for (const key of batch) {
            yield [key]
            firstKeyRead.fire()
            await gate.fired
          }
        }
      })(),
    )
    const reach = async () => {
      const ids = []
      for await (const step of graph.bfs(a!)) ids.push(step.node.id)
      return ids
    }
    const first = reach()
    await firstKeyRead.fired
    await graph.addEdge(c!, 'follows', d!)
    gate.fire()
    await first
    expect(scans).toHaveBeenCalledTimes(1)
    expect(await reach()).toEqual(['a', 'b', 'c', 'd'])
  })

  it('a repeated traversal reads nothing from the store; a write makes it read only what changed', async () => {
    const access = watchedAccess()
    const graph = ctx.graph({}, { access })
    const [a, b, c] = POOL as [NodeRef, NodeRef, NodeRef]
    await graph.import([
      { from: a, type: 'follows', to: b },
      { from: b, type: 'follows', to: c },
      { from: c, type: 'likes', to: a },
    ])
    const reach = async () => {
      const ids = []
      for await (const step of graph.bfs(a)) ids.push(step.node.id)
      return ids
    }
    expect(await reach()).toEqual(['a', 'b', 'a\0'])
    const groups = access.prefixGroups
    groups.mockClear()
    const keys = vi.spyOn(graph.store, 'keys')
    expect(await reach()).toEqual(['a', 'b', 'a\0'])
    expect(groups).not.toHaveBeenCalled()
    expect(keys).not.toHaveBeenCalled()
    await graph.addEdge(b, 'follows', POOL[3]!)
    expect(await reach()).toEqual(['a', 'b', 'x/y', 'a\0'])
    // b's list was dropped and read again, with the new node's (which was never read).
    expect(groups.mock.calls.flatMap(([, prefixes]) => prefixes)).toHaveLength(2)
    expect(keys).not.toHaveBeenCalled()
  })

  it('view and toGraphology walk the held adjacency: only edge props are read', async () => {
    const access = watchedAccess()
    const graph = ctx.graph({}, { access })
    const fresh = new Graph(graph.store, { keepAdjacency: false })
    const [a, b, c] = POOL as [NodeRef, NodeRef, NodeRef]
    await graph.import([
      { from: a, type: 'follows', to: b, props: { w: 1 } },
      { from: b, type: 'follows', to: c },
      { from: c, type: 'likes', to: a, props: { w: 2 } },
    ])
    for await (const _ of graph.bfs(a, { direction: 'both' })) {
    } // holds the out and in lists of a, b and c
    const options = { direction: 'both' as const }
    const prefixesRead = () => access.prefixGroups.mock.calls.flatMap(([, prefixes]) => prefixes)
    access.prefixGroups.mockClear()
    const around = await graph.view({ ...options, node: a, depth: 2 })
    expect(around).toEqual(await fresh.view({ ...options, node: a, depth: 2 }))
    expect(around.nodes).toHaveLength(3)
    // One out prefix per node, for the edges' props; the walk read nothing.
    expect(prefixesRead()).toHaveLength(3)
    access.prefixGroups.mockClear()
    const exported = await graph.toGraphology({ ...options, start: a, maxDepth: 2 })
    const expected = await fresh.toGraphology({ ...options, start: a, maxDepth: 2 })
    expect(exported.export()).toEqual(expected.export())
    expect(prefixesRead()).toHaveLength(3)
  })
})
