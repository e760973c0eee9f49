import { CodedError, KvError, openStore } from '@kvgraph/core'
import { Graph, GraphError, type NodeRef } from '@kvgraph/graph'
import { RenderError } from '@kvgraph/graph/render'
import { MultiDirectedGraph } from 'graphology'
import { describe, expect, it } from 'vitest'
import { forEachEngine } from './helpers/engines.js'
import { checkTwins, storedEntries } from './helpers/stored.js'

const alice: NodeRef = { type: 'User', id: 'alice' }
const bob: NodeRef = { type: 'User', id: 'bob' }

/** Expects a GraphError with this code whose message names the argument. */
async function rejects(call: () => unknown, code: string, ...mentions: string[]) {
  let error: unknown
  try {
    await call()
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(GraphError)
  expect((error as GraphError).code).toBe(code)
  for (const text of mentions) expect((error as GraphError).message).toContain(text)
  return error as GraphError
}

describe('error classes', () => {
  it('GraphError and RenderError are CodedErrors with their own names', () => {
    const graph = new GraphError('GRAPH_INVALID_ARGUMENT', 'm', { limit: 'maxNodes' })
    expect(graph).toBeInstanceOf(CodedError)
    expect(graph).toMatchObject({ name: 'GraphError', limit: 'maxNodes' })
    const render = new RenderError('RENDER_FAILED', 'm')
    expect(render).toBeInstanceOf(CodedError)
    expect(render.name).toBe('RenderError')
  })
})

const badNodes: Array<[unknown, string]> = [
  [null, 'node reference'],
  ['User:alice', 'node reference'],
  [42, 'node reference'],
  [[], 'node reference'],
  [{ id: 'x' }, '.type must be a non-empty string: received undefined'],
  [{ type: 'User' }, '.id must be a non-empty string: received undefined'],
  [{ type: '', id: 'x' }, '.type must be a non-empty string: received "" (string of length 0)'],
  [{ type: 'User', id: '' }, '.id must be a non-empty string'],
  [{ type: 'User', id: 7 }, '.id must be a non-empty string: received 7'],
  [{ type: 'User', id: 'a\ud800' }, '.id must be a well-formed string'],
  [{ type: '\udc00', id: 'a' }, '.type must be a well-formed string'],
  [{ type: 'User', id: 'x'.repeat(2000) }, 'is too long'],
]

forEachEngine((ctx) => {
  describe('invalid nodes', () => {
    for (const [node, message] of badNodes) {
      it(`rejects ${JSON.stringify(node)?.slice(0, 40)} in every call`, async () => {
        const graph = ctx.graph()
        const bad = node as NodeRef
        await rejects(() => graph.putNode(bad, {}), 'GRAPH_INVALID_NODE', 'node', message)
        await rejects(() => graph.getNode(bad), 'GRAPH_INVALID_NODE', 'node', message)
        await rejects(() => graph.removeNode(bad), 'GRAPH_INVALID_NODE', 'node')
        await rejects(
          () => graph.addEdge(bad, 'follows', bob),
          'GRAPH_INVALID_NODE',
          'from',
          message,
        )
        await rejects(
          () => graph.addEdge(alice, 'follows', bad),
          'GRAPH_INVALID_NODE',
          'to',
          message,
        )
        await rejects(() => graph.getEdge(alice, 'follows', bad), 'GRAPH_INVALID_NODE', 'to')
        await rejects(() => graph.removeEdge(bad, 'follows', bob), 'GRAPH_INVALID_NODE', 'from')
        await rejects(() => graph.outgoing(bad), 'GRAPH_INVALID_NODE', 'node')
        await rejects(() => graph.incoming(bad), 'GRAPH_INVALID_NODE', 'node')
        await rejects(() => graph.edges(bad), 'GRAPH_INVALID_NODE', 'node')
        await rejects(() => graph.degree(bad), 'GRAPH_INVALID_NODE', 'node')
        await rejects(() => graph.bfs(bad), 'GRAPH_INVALID_NODE', 'start', message)
        await rejects(() => graph.shortestPath(alice, bad), 'GRAPH_INVALID_NODE', 'to')
        await rejects(() => graph.neighborhood(bad, { depth: 1 }), 'GRAPH_INVALID_NODE', 'node')
        await rejects(() => graph.mutual(alice, bad), 'GRAPH_INVALID_NODE', 'b')
        await rejects(() => graph.view({ node: bad }), 'GRAPH_INVALID_NODE', 'options.node')
        await rejects(
          () => graph.toGraphology({ start: bad }),
          'GRAPH_INVALID_NODE',
          'options.start',
        )
        await rejects(
          () =>
            graph.import([
              { from: alice, type: 't', to: bob },
              { from: alice, type: 't', to: bad },
            ]),
          'GRAPH_INVALID_NODE',
          'edges[1].to',
        )
        expect(await storedEntries(graph)).toEqual(new Map())
      })
    }
  })

  it('rejects invalid edge types, props and over-long edges', async () => {
    const graph = ctx.graph()
    await rejects(() => graph.addEdge(alice, '', bob), 'GRAPH_INVALID_ARGUMENT', 'type must be')
    await rejects(
      () => graph.addEdge(alice, 42 as never, bob),
      'GRAPH_INVALID_ARGUMENT',
      'received 42',
    )
    await rejects(() => graph.addEdge(alice, '\ud800', bob), 'GRAPH_INVALID_ARGUMENT', 'type')
    await rejects(
      () => graph.addEdge(alice, 't', bob, [] as never),
      'GRAPH_INVALID_ARGUMENT',
      'props',
    )
    await rejects(
      () => graph.addEdge(alice, 't', bob, null as never),
      'GRAPH_INVALID_ARGUMENT',
      'props',
    )
    await rejects(
      () => graph.addEdge(alice, 't', bob, { a: { b: [1, Number.NaN] } }),
      'GRAPH_INVALID_ARGUMENT',
      'props.a.b[1] must be a finite number',
    )
    await rejects(
      () => graph.putNode(alice, { when: new Date() as never }),
      'GRAPH_INVALID_ARGUMENT',
      'props.when',
    )
    await rejects(
      () => graph.addEdge(alice, 't', bob, { f: (() => 1) as never }),
      'GRAPH_INVALID_ARGUMENT',
      'props.f',
    )
    const half = { type: 'User', id: 'x'.repeat(600) }
    await rejects(() => graph.addEdge(half, 't', half), 'GRAPH_KEY_TOO_LONG', 'from', 'to', '1024')
    // Bulk loads name the offending edge by its index, and the field inside it.
    const badImports: Array<[unknown[], string, string]> = [
      [[{ from: half, type: 't', to: half }], 'GRAPH_KEY_TOO_LONG', 'edges[0].from'],
      [
        [{ from: alice, type: 't', to: bob, props: 'x' }],
        'GRAPH_INVALID_ARGUMENT',
        'edges[0].props',
      ],
      [
        [
          { from: alice, type: 't', to: bob },
          { from: alice, type: '', to: bob },
        ],
        'GRAPH_INVALID_ARGUMENT',
        'edges[1].type must be',
      ],
      [
        [{ from: alice, type: 't', to: { type: 'User', id: 'x'.repeat(1100) } }],
        'GRAPH_INVALID_NODE',
        'edges[0].to is too long',
      ],
      [
        [{ from: { type: 'User', id: '\udc00' }, type: 't', to: bob }],
        'GRAPH_INVALID_NODE',
        'edges[0].from.id must be a well-formed string',
      ],
      [
        [
          { from: alice, type: 't', to: bob },
          { from: alice, type: 't', to: bob, props: { a: [Number.NaN] } },
        ],
        'GRAPH_INVALID_ARGUMENT',
        'edges[1].props.a[0] must be a finite number',
      ],
      [[null], 'GRAPH_INVALID_ARGUMENT', 'edges[0]'],
    ]
    for (const [edges, code, text] of badImports) {
      await rejects(() => graph.import(edges as never), code, text)
    }
    await rejects(() => graph.import(42 as never), 'GRAPH_INVALID_ARGUMENT', 'edges')
    expect(await storedEntries(graph)).toEqual(new Map())
  })

  it('rejects invalid options, naming them', async () => {
    const graph = ctx.graph()
    await graph.addEdge(alice, 'follows', bob)
    await rejects(
      () => graph.outgoing(alice, { limit: 0 }),
      'GRAPH_INVALID_ARGUMENT',
      'options.limit',
    )
    await rejects(
      () => graph.outgoing(alice, { limit: 1.5 }),
      'GRAPH_INVALID_ARGUMENT',
      'options.limit',
    )
    await rejects(
      () => graph.outgoing(alice, { cursor: '' }),
      'GRAPH_INVALID_ARGUMENT',
      'options.cursor',
    )
    await rejects(
      () => graph.outgoing(alice, { cursor: 'not-a-cursor' }),
      'GRAPH_INVALID_ARGUMENT',
      'options.cursor',
    )
    await graph.addEdge(alice, 'follows', { type: 'User', id: 'carol' })
    const page = await graph.outgoing(alice, { limit: 1 })
    expect(page.cursor).toBeDefined()
    await rejects(
      () => graph.outgoing(bob, { cursor: page.cursor! }),
      'GRAPH_INVALID_ARGUMENT',
      'options.cursor',
    )
    await rejects(() => graph.outgoing(alice, 'x' as never), 'GRAPH_INVALID_ARGUMENT', 'options')
    await rejects(
      () => graph.outgoing(alice, { type: '' }),
      'GRAPH_INVALID_ARGUMENT',
      'options.type',
    )
    await rejects(
      () => graph.degree(alice, { direction: 'up' as never }),
      'GRAPH_INVALID_ARGUMENT',
      'options.direction',
    )
    await rejects(
      () => graph.bfs(alice, { maxDepth: -1 }),
      'GRAPH_INVALID_ARGUMENT',
      'options.maxDepth',
    )
    await rejects(
      () => graph.bfs(alice, { maxNodes: 0 }),
      'GRAPH_INVALID_ARGUMENT',
      'options.maxNodes',
    )
    await rejects(
      () => graph.bfs(alice, { edgeTypes: [] }),
      'GRAPH_INVALID_ARGUMENT',
      'options.edgeTypes',
    )
    await rejects(
      () => graph.bfs(alice, { edgeTypes: [''] }),
      'GRAPH_INVALID_ARGUMENT',
      'options.edgeTypes[0]',
    )
    await rejects(
      () => graph.bfs(alice, { signal: {} as never }),
      'GRAPH_INVALID_ARGUMENT',
      'options.signal',
    )
    await rejects(
      () => graph.shortestPath(alice, bob, { weight: 42 as never }),
      'GRAPH_INVALID_ARGUMENT',
      'options.weight',
    )
    await rejects(
      () => graph.shortestPath(alice, bob, { weight: '' }),
      'GRAPH_INVALID_ARGUMENT',
      'options.weight',
    )
    await rejects(
      () => graph.neighborhood(alice, {} as never),
      'GRAPH_INVALID_ARGUMENT',
      'options.depth',
    )
    await rejects(
      () => graph.neighborhood(alice, { depth: 1.5 }),
      'GRAPH_INVALID_ARGUMENT',
      'options.depth',
    )
    await rejects(
      () => graph.view({ nodeTypes: [''] }),
      'GRAPH_INVALID_ARGUMENT',
      'options.nodeTypes[0]',
    )
    await rejects(() => graph.view({ maxEdges: -1 }), 'GRAPH_INVALID_ARGUMENT', 'options.maxEdges')
    await rejects(
      () => graph.import([], { batchSize: 0 }),
      'GRAPH_INVALID_ARGUMENT',
      'options.batchSize',
    )
    expect(() => new Graph(ctx.store, { namespace: '' })).toThrow(GraphError)
    expect(() => new Graph(ctx.store, { cacheEntries: 0 })).toThrow('options.cacheEntries')
    expect(() => new Graph({} as never)).toThrow('store must be a Store')
  })

  it('names the method in every message', async () => {
    const graph = ctx.graph()
    const long = { type: 'User', id: 'x'.repeat(700) }
    const cases: Array<[() => unknown, string]> = [
      [() => graph.addEdge(alice, '', bob), 'graph.addEdge: type must be'],
      [() => graph.getEdge(alice, 'follows', {} as NodeRef), 'graph.getEdge: to.type must be'],
      [() => graph.removeEdge(null as never, 'follows', bob), 'graph.removeEdge: from must be'],
      [() => graph.addEdge(long, 'follows', long), "graph.addEdge: the edge's keys would be"],
      [() => graph.getEdge(long, 'follows', long), "graph.getEdge: the edge's keys would be"],
      [() => graph.removeEdge(long, 'follows', long), "graph.removeEdge: the edge's keys"],
      [() => graph.addEdge(alice, 'follows', bob, [] as never), 'graph.addEdge: props must be'],
      [() => graph.putNode(alice, null as never), 'graph.putNode: props must be'],
      [() => graph.getNode({} as NodeRef), 'graph.getNode: node.type must be'],
      [() => graph.removeNode(7 as never), 'graph.removeNode: node must be'],
      [() => graph.outgoing(alice, { limit: 0 }), 'graph.outgoing: options.limit must be'],
      [() => graph.incoming(alice, { cursor: 'x' }), 'graph.incoming: options.cursor must be'],
      [() => graph.edges(alice, { direction: 'up' as never }), 'graph.edges: options.direction'],
      [() => graph.degree(alice, { type: '' }), 'graph.degree: options.type must be'],
      [() => graph.import([null] as never), 'graph.import: edges[0] must be'],
      [() => graph.bfs(alice, { maxNodes: 0 }), 'graph.bfs: options.maxNodes must be'],
      [
        () => graph.shortestPath(alice, bob, { maxDepth: -1 }),
        'graph.shortestPath: options.maxDepth must be a non-negative integer: received -1',
      ],
      [() => graph.neighborhood(alice, {} as never), 'graph.neighborhood: options.depth must be'],
      [() => graph.mutual(alice, bob, { edgeTypes: [] }), 'graph.mutual: options.edgeTypes must'],
      [() => graph.view({ depth: -1 }), 'graph.view: options.depth must be'],
      [() => graph.toGraphology({ maxEdges: -1 }), 'graph.toGraphology: options.maxEdges must'],
      [() => graph.fromGraphology({} as never), 'graph.fromGraphology: graph must be'],
      [() => new Graph({} as never), 'new Graph: store must be a Store'],
      [
        () => new Graph(ctx.store, { keepAdjacency: 1 as never }),
        'new Graph: options.keepAdjacency',
      ],
    ]
    for (const [call, message] of cases) {
      const error = await Promise.resolve()
        .then(call)
        .then(
          () => undefined,
          (caught: unknown) => caught,
        )
      expect(error).toBeInstanceOf(GraphError)
      expect((error as GraphError).message.slice(0, message.length)).toBe(message)
    }
    // Bounds hit and aborts at run time name it too, with the same codes as before.
    await graph.addEdge(alice, 'follows', bob)
    const limited = await rejects(
      () => graph.shortestPath(alice, { type: 'User', id: 'carol' }, { maxNodes: 1 }),
      'GRAPH_LIMIT_EXCEEDED',
    )
    expect(limited.message).toMatch(/^graph\.shortestPath: stopped at maxNodes \(1\)/)
    const aborted = await rejects(
      () => graph.neighborhood(alice, { depth: 1, signal: AbortSignal.abort() }),
      'GRAPH_ABORTED',
    )
    expect(aborted.message).toBe('graph.neighborhood: aborted')
  })

  it('rejects invalid weights with GRAPH_INVALID_WEIGHT naming the edge', async () => {
    const graph = ctx.graph()
    await graph.addEdge(alice, 'road', bob, { km: -1, name: 'x', ok: 2 })
    const cases: Array<[unknown, string]> = [
      ['km', 'property "km" gave -1'],
      ['name', 'property "name" gave "x"'],
      ['missing', 'property "missing" gave undefined'],
      [() => Number.NaN, 'the weight function gave NaN'],
      [() => Number.POSITIVE_INFINITY, 'the weight function gave Infinity'],
      [() => '1', 'the weight function gave "1"'],
    ]
    for (const [weight, message] of cases) {
      for (const maxDepth of [undefined, 3]) {
        const error = await rejects(
          () =>
            graph.shortestPath(alice, bob, {
              weight: weight as never,
              ...(maxDepth !== undefined && { maxDepth }),
            }),
          'GRAPH_INVALID_WEIGHT',
          message,
          '"User":"alice" -["road"]-> "User":"bob"',
        )
        expect(error.message).toContain('finite number >= 0')
      }
    }
    expect((await graph.shortestPath(alice, bob, { weight: 'ok' }))?.cost).toBe(2)
  })

  it('rejects graphology graphs it cannot map, before writing anything', async () => {
    const graph = ctx.graph()
    const source = new MultiDirectedGraph()
    source.addNode('a', { type: 'User' })
    source.addNode('b')
    source.addEdge('a', 'b', { type: 'follows' })
    await rejects(
      () => graph.fromGraphology(source),
      'GRAPH_INVALID_ARGUMENT',
      'graph node "b"',
      'options.nodeType',
    )
    const untyped = new MultiDirectedGraph()
    untyped.addNode('a', { type: 'User' })
    untyped.addEdge('a', 'a')
    await rejects(() => graph.fromGraphology(untyped), 'GRAPH_INVALID_ARGUMENT', 'options.edgeType')
    await rejects(() => graph.fromGraphology({} as never), 'GRAPH_INVALID_ARGUMENT', 'graph')
    expect(await storedEntries(graph)).toEqual(new Map())
    expect(await graph.fromGraphology(source, { nodeType: 'Thing' })).toEqual({
      nodes: 2,
      edges: 1,
    })
    expect(await graph.getNode({ type: 'Thing', id: 'b' })).toEqual({
      type: 'Thing',
      id: 'b',
      props: {},
    })
  })

  it('leaves stored data untouched by rejected calls', async () => {
    const graph = ctx.graph()
    await graph.putNode(alice, { name: 'Alice' })
    await graph.addEdge(alice, 'follows', bob, { since: 1 })
    const before = await storedEntries(graph)
    const attempts: Array<() => unknown> = [
      () => graph.addEdge(alice, 'follows', { type: 'User', id: '' }, { since: 2 }),
      () => graph.addEdge(alice, 'follows', bob, { since: Number.NaN }),
      () => graph.putNode(alice, [] as never),
      () => graph.removeNode({ type: 'User', id: 'a\udfff' }),
      () =>
        graph.import([
          { from: alice, type: 'follows', to: bob, props: { since: 3 } },
          { from: bob } as never,
        ]),
      () => graph.removeEdge(alice, '', bob),
    ]
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(GraphError)
    expect(await storedEntries(graph)).toEqual(before)
  })
})

describe('storage errors', () => {
  it('stop an import: the batches before stay written, pairs intact', async () => {
    const store = await openStore(':memory:', { maxValueBytes: 100 })
    const graph = new Graph(store)
    const edges = Array.from({ length: 10 }, (_, i) => ({
      from: alice,
      type: 'follows',
      to: { type: 'User', id: `u${i}` },
      props: { text: i === 7 ? 'x'.repeat(200) : 'ok' },
    }))
    // Issue 24, defect 12: the store's size refusal names the edge, as a GraphError.
    await expect(graph.import(edges, { batchSize: 2 })).rejects.toMatchObject({
      name: 'GraphError',
      code: 'GRAPH_INVALID_ARGUMENT',
      message: expect.stringMatching(/^graph\.import: edges\[7\]\.props must be at most 100 bytes/),
    })
    const written = (await graph.outgoing(alice)).edges.map((e) => e.to.id)
    expect(written).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5'])
    expect((await checkTwins(graph)).size).toBe(written.length)
    await store.close()
  })

  it('propagate as KvError', async () => {
    const store = await openStore(':memory:')
    const graph = new Graph(store)
    await store.close()
    await expect(graph.getNode(alice)).rejects.toBeInstanceOf(KvError)
    await expect(graph.addEdge(alice, 'follows', bob)).rejects.toMatchObject({ code: 'KV_CLOSED' })
  })
})
