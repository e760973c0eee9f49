import { Store } from '@kvgraph/core'
import { type Edge, Graph, type NodeRef } from '@kvgraph/graph'
import { expect, it, vi } from 'vitest'
import { forEachEngine } from './helpers/engines.js'

const user = (id: string): NodeRef => ({ type: 'User', id })
const post = (id: string): NodeRef => ({ type: 'Post', id })
const alice = user('alice')
const bob = user('bob')
const carol = user('carol')
const dave = user('dave')
const triple = (e: Edge) => `${e.from.id} -${e.type}-> ${e.to.id}`

forEachEngine((ctx) => {
  it('imports with later duplicates winning, also across batches', async () => {
    // On a shared engine concurrent transactions commit in any order: batches must not overlap.
    const user = (id: string): NodeRef => ({ type: 'User', id })
    const post: NodeRef = { type: 'Post', id: 'a/b' }
    for (let run = 0; run < 12; run++) {
      const graph = ctx.graph()
      await graph.import(
        [
          { from: user('a'), type: 'follows', to: user('a'), props: { n: 0 } },
          { from: user('\0'), type: 'follows', to: post, props: { n: 0 } },
          { from: user('a'), type: 'follows', to: user('a'), props: { n: 1 } },
          { from: user('\0'), type: 'follows', to: post, props: { n: 2 } },
        ],
        { batchSize: 3 },
      )
      expect((await graph.getEdge(user('\0'), 'follows', post))?.props).toEqual({ n: 2 })
      expect((await graph.getEdge(user('a'), 'follows', user('a')))?.props).toEqual({ n: 1 })
      expect((await graph.incoming(post)).edges.map((e) => e.props)).toEqual([{ n: 2 }])
    }
  })

  it('puts, gets and replaces node records', async () => {
    const graph = ctx.graph()
    expect(await graph.getNode(alice)).toBeUndefined()
    expect(await graph.putNode(alice, { name: 'Alice' })).toEqual({
      ...alice,
      props: { name: 'Alice' },
    })
    expect(await graph.getNode(alice)).toEqual({ ...alice, props: { name: 'Alice' } })
    await graph.putNode(alice, { name: 'Alice B.' })
    expect((await graph.getNode(alice))?.props).toEqual({ name: 'Alice B.' })
    await graph.putNode(bob)
    expect(await graph.getNode(bob)).toEqual({ ...bob, props: {} })
  })

  it('adds edges under both prefixes and replaces their props', async () => {
    const graph = ctx.graph()
    const edge = await graph.addEdge(alice, 'follows', bob, { since: '2024-01-01' })
    expect(edge).toEqual({ from: alice, type: 'follows', to: bob, props: { since: '2024-01-01' } })
    expect(await graph.getEdge(alice, 'follows', bob)).toEqual(edge)
    expect(await graph.getEdge(bob, 'follows', alice)).toBeUndefined()
    expect((await graph.incoming(bob)).edges).toEqual([edge])
    await graph.addEdge(alice, 'follows', bob, { since: '2025-01-01' })
    expect((await graph.getEdge(alice, 'follows', bob))?.props).toEqual({ since: '2025-01-01' })
    expect((await graph.incoming(bob)).edges[0]?.props).toEqual({ since: '2025-01-01' })
    expect(await graph.degree(alice)).toBe(1)
  })

  it('keeps multi-edges of different types and self-loops apart', async () => {
    const graph = ctx.graph()
    await graph.addEdge(alice, 'follows', bob)
    await graph.addEdge(alice, 'likes', bob, { stars: 5 })
    await graph.addEdge(alice, 'follows', alice)
    expect((await graph.outgoing(alice)).edges.map(triple)).toEqual([
      'alice -follows-> alice',
      'alice -follows-> bob',
      'alice -likes-> bob',
    ])
    expect((await graph.outgoing(alice, { type: 'likes' })).edges.map(triple)).toEqual([
      'alice -likes-> bob',
    ])
    expect(await graph.degree(alice, { direction: 'both' })).toBe(4)
    expect(await graph.degree(alice, { direction: 'in' })).toBe(1)
    expect(await graph.degree(bob, { direction: 'in', type: 'follows' })).toBe(1)
    const both: string[] = []
    for await (const edge of graph.edges(alice, { direction: 'both' })) both.push(triple(edge))
    expect(both).toEqual(['alice -follows-> alice', 'alice -follows-> bob', 'alice -likes-> bob'])
    const incoming: string[] = []
    for await (const edge of graph.edges(bob, { direction: 'in', type: 'follows' })) {
      incoming.push(triple(edge))
    }
    expect(incoming).toEqual(['alice -follows-> bob'])
  })

  it('removes edges atomically and reports whether they existed', async () => {
    const graph = ctx.graph()
    await graph.addEdge(alice, 'follows', bob)
    expect(await graph.removeEdge(alice, 'follows', bob)).toBe(true)
    expect(await graph.removeEdge(alice, 'follows', bob)).toBe(false)
    expect((await graph.outgoing(alice)).edges).toEqual([])
    expect((await graph.incoming(bob)).edges).toEqual([])
  })

  it('removes a node with its record and every incident edge', async () => {
    const graph = ctx.graph()
    await graph.putNode(bob, { name: 'Bob' })
    await graph.addEdge(alice, 'follows', bob)
    await graph.addEdge(bob, 'follows', carol)
    await graph.addEdge(bob, 'likes', bob)
    await graph.addEdge(carol, 'follows', alice)
    expect(await graph.removeNode(bob)).toEqual({ record: true, edges: 3 })
    expect(await graph.getNode(bob)).toBeUndefined()
    expect((await graph.outgoing(alice)).edges).toEqual([])
    expect((await graph.incoming(carol)).edges).toEqual([])
    expect((await graph.outgoing(carol)).edges.map(triple)).toEqual(['carol -follows-> alice'])
    expect(await graph.removeNode(bob)).toEqual({ record: false, edges: 0 })
  })

  it('pages outgoing and incoming edges in key order with cursors', async () => {
    const graph = ctx.graph()
    const targets = Array.from({ length: 25 }, (_, i) => user(`u${String(i).padStart(2, '0')}`))
    await graph.import(targets.map((to) => ({ from: alice, type: 'follows', to })))
    await graph.import(targets.map((from) => ({ from, type: 'follows', to: bob })))
    for (const [list, node] of [
      ['outgoing', alice],
      ['incoming', bob],
    ] as const) {
      const seen: string[] = []
      let cursor: string | undefined
      let pages = 0
      do {
        const page: { edges: Edge[]; cursor?: string } = await graph[list](node, {
          limit: 10,
          ...(cursor && { cursor }),
        })
        pages++
        seen.push(...page.edges.map((e) => (list === 'outgoing' ? e.to.id : e.from.id)))
        cursor = page.cursor
      } while (cursor)
      expect(pages).toBe(3)
      expect(seen).toEqual(targets.map((t) => t.id))
    }
  })

  it('imports in atomic batches of 1,000 edges unless told otherwise', async () => {
    const graph = ctx.graph()
    const edges = Array.from({ length: 2500 }, (_, i) => ({
      from: user(`a${i}`),
      type: 'follows',
      to: user(`b${i}`),
    }))
    const mutate = vi.spyOn(Store.prototype, 'mutate')
    try {
      expect(await graph.import(edges)).toBe(2500)
      // Two keys per edge, each batch one mutate.
      expect(mutate.mock.calls.map(([mutations]) => mutations.length)).toEqual([2000, 2000, 1000])
    } finally {
      mutate.mockRestore()
    }
    expect(await graph.degree(user('a2499'))).toBe(1)
    expect(await graph.degree(user('b0'), { direction: 'in' })).toBe(1)
  })

  it('imports from sync and async iterables in batches, returning the count', async () => {
    const graph = ctx.graph()
    const edges = Array.from({ length: 120 }, (_, i) => ({
      from: user(`n${i % 7}`),
      type: i % 2 ? 'follows' : 'likes',
      to: user(`n${(i * 5) % 11}`),
      props: { i },
    }))
    expect(await graph.import(edges, { batchSize: 16 })).toBe(120)
    async function* stream() {
      for (const edge of edges)
        yield { ...edge, type: `${edge.type}-back`, from: edge.to, to: edge.from }
    }
    expect(await graph.import(stream(), { batchSize: 7 })).toBe(120)
    const last = new Map<string, number>()
    for (const e of edges) last.set(`${e.from.id} ${e.type} ${e.to.id}`, e.props.i)
    for (const [key, i] of last) {
      const [from, type, to] = key.split(' ') as [string, string, string]
      expect((await graph.getEdge(user(from), type, user(to)))?.props).toEqual({ i })
      expect((await graph.getEdge(user(to), `${type}-back`, user(from)))?.props).toEqual({ i })
    }
    expect(await graph.import([])).toBe(0)
  })

  it('isolates graphs in different namespaces of one store', async () => {
    const a = new Graph(ctx.store, { namespace: 'api-ns-a' })
    const b = new Graph(ctx.store, { namespace: 'api-ns-b' })
    await a.addEdge(alice, 'follows', bob)
    expect((await b.outgoing(alice)).edges).toEqual([])
    expect((await a.outgoing(alice)).edges).toHaveLength(1)
  })

  it('walks breadth-first with depths and the edges that reached each node', async () => {
    const graph = ctx.graph()
    await graph.addEdge(alice, 'follows', bob)
    await graph.addEdge(alice, 'follows', carol)
    await graph.addEdge(bob, 'follows', dave)
    await graph.addEdge(carol, 'follows', dave)
    await graph.addEdge(dave, 'follows', alice)
    const walk = graph.bfs(alice)
    const steps = []
    for await (const step of walk) steps.push(step)
    expect(walk.stopped).toBeUndefined()
    expect(
      steps.map((s) => [s.node.id, s.depth, s.edge && triple({ ...s.edge, props: {} })]),
    ).toEqual([
      ['alice', 0, undefined],
      ['bob', 1, 'alice -follows-> bob'],
      ['carol', 1, 'alice -follows-> carol'],
      ['dave', 2, 'bob -follows-> dave'],
    ])
    const back = []
    for await (const step of graph.bfs(alice, { direction: 'in' })) back.push(step.node.id)
    expect(back).toEqual(['alice', 'dave', 'bob', 'carol'])
    // The iterable can run again.
    let again = 0
    for await (const _ of walk) again++
    expect(again).toBe(4)
  })

  it('finds shortest paths by hops and by weight, following edge directions', async () => {
    const graph = ctx.graph()
    await graph.addEdge(alice, 'road', bob, { km: 10 })
    await graph.addEdge(bob, 'road', carol, { km: 1 })
    await graph.addEdge(alice, 'road', carol, { km: 15 })
    await graph.addEdge(carol, 'rail', dave, { km: 2 })
    const hops = await graph.shortestPath(alice, dave)
    expect(hops?.cost).toBe(2)
    expect(hops?.nodes.map((n) => n.id)).toEqual(['alice', 'carol', 'dave'])
    expect(hops?.edges.map((e) => e.props)).toEqual([{ km: 15 }, { km: 2 }])
    const weighted = await graph.shortestPath(alice, dave, { weight: 'km' })
    expect(weighted?.cost).toBe(13)
    expect(weighted?.nodes.map((n) => n.id)).toEqual(['alice', 'bob', 'carol', 'dave'])
    const byFunction = await graph.shortestPath(alice, dave, {
      weight: (edge) => (edge.type === 'rail' ? 100 : (edge.props.km as number)),
    })
    expect(byFunction?.cost).toBe(111)
    expect(await graph.shortestPath(dave, alice)).toBeUndefined()
    expect((await graph.shortestPath(dave, alice, { direction: 'in' }))?.cost).toBe(2)
    expect((await graph.shortestPath(dave, alice, { direction: 'both', weight: 'km' }))?.cost).toBe(
      13,
    )
    expect(await graph.shortestPath(alice, dave, { edgeTypes: ['road'] })).toBeUndefined()
    expect(await graph.shortestPath(alice, alice)).toEqual({ nodes: [alice], edges: [], cost: 0 })
    expect(await graph.shortestPath(alice, alice, { weight: 'km' })).toEqual({
      nodes: [alice],
      edges: [],
      cost: 0,
    })
  })

  it('lists neighbourhoods and mutual connections', async () => {
    const graph = ctx.graph()
    await graph.addEdge(alice, 'follows', carol)
    await graph.addEdge(bob, 'follows', carol)
    await graph.addEdge(alice, 'follows', dave)
    await graph.addEdge(bob, 'likes', dave)
    await graph.addEdge(carol, 'follows', alice)
    await graph.addEdge(alice, 'follows', bob)
    expect((await graph.mutual(alice, bob)).map((n) => n.id)).toEqual(['carol', 'dave'])
    expect((await graph.mutual(alice, bob, { edgeTypes: ['follows'] })).map((n) => n.id)).toEqual([
      'carol',
    ])
    expect((await graph.mutual(carol, dave, { direction: 'in' })).map((n) => n.id)).toEqual([
      'alice',
      'bob',
    ])
    expect(
      (await graph.neighborhood(carol, { depth: 2 })).map((n) => [n.node.id, n.depth]),
    ).toEqual([
      ['alice', 1],
      ['bob', 2],
      ['dave', 2],
    ])
    expect(await graph.neighborhood(carol, { depth: 0 })).toEqual([])
  })

  it('builds views of the whole graph and of a neighbourhood', async () => {
    const graph = ctx.graph()
    await graph.putNode(alice, { name: 'Alice' })
    await graph.putNode(post('p1'), { title: 'Hello' })
    await graph.putNode(user('loner'), { name: 'Loner' })
    await graph.addEdge(alice, 'follows', bob, { since: 2020 })
    await graph.addEdge(bob, 'follows', carol)
    await graph.addEdge(alice, 'authored', post('p1'))
    await graph.addEdge(carol, 'follows', alice)
    const whole = await graph.view()
    expect(whole.truncated).toBe(false)
    expect(whole.nodes.map((n) => `${n.type}:${n.id}`)).toEqual([
      'Post:p1',
      'User:alice',
      'User:bob',
      'User:carol',
      'User:loner',
    ])
    expect(whole.nodes.find((n) => n.id === 'alice')?.props).toEqual({ name: 'Alice' })
    expect(whole.nodes.find((n) => n.id === 'bob')?.props).toEqual({})
    expect(whole.edges).toHaveLength(4)
    const near = await graph.view({ node: alice })
    expect(near.nodes.map((n) => n.id)).toEqual(['alice', 'p1', 'bob'])
    expect(near.edges.map(triple)).toEqual(['alice -authored-> p1', 'alice -follows-> bob'])
    const users = await graph.view({ node: alice, depth: 2, nodeTypes: ['User'] })
    expect(users.nodes.map((n) => n.id)).toEqual(['alice', 'bob', 'carol'])
    expect(users.edges.map(triple)).toEqual([
      'alice -follows-> bob',
      'bob -follows-> carol',
      'carol -follows-> alice',
    ])
    const both = await graph.view({ node: carol, direction: 'both', edgeTypes: ['follows'] })
    expect(both.nodes.map((n) => n.id)).toEqual(['carol', 'alice', 'bob'])
    const cut = await graph.view({ maxEdges: 2 })
    expect(cut.truncated).toBe(true)
    expect(cut.edges).toHaveLength(2)
    const typed = await graph.view({ nodeTypes: ['Post'] })
    expect(typed.nodes.map((n) => n.id)).toEqual(['p1'])
    expect(typed.edges).toEqual([])
  })

  it('exports to graphology and imports back', async () => {
    const graph = ctx.graph()
    await graph.putNode(alice, { name: 'Alice' })
    await graph.addEdge(alice, 'follows', bob, { w: 2 })
    await graph.addEdge(alice, 'likes', bob)
    await graph.addEdge(bob, 'follows', bob)
    const exported = await graph.toGraphology()
    expect(exported.order).toBe(2)
    expect(exported.size).toBe(3)
    expect(exported.getNodeAttributes(JSON.stringify(['User', 'alice']))).toEqual({
      name: 'Alice',
      type: 'User',
      id: 'alice',
    })
    const copy = ctx.graph()
    expect(await copy.fromGraphology(exported)).toEqual({ nodes: 2, edges: 3 })
    expect(await copy.view()).toEqual(await graph.view())
    const part = await graph.toGraphology({ start: bob, direction: 'in', maxDepth: 1 })
    expect(part.order).toBe(2)
    expect(part.size).toBe(3)
  })
})
