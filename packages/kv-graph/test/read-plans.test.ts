import { Graph, type NodeRef } from '@kvgraph/graph'
import { describe, expect, it } from 'vitest'
import { bfs } from '../src/algorithms/bfs.js'
import { nodeCode } from '../src/key-codec.js'
import { AdjacencyCache } from '../src/reading/adjacency-cache.js'
import { Interner } from '../src/reading/interner.js'
import { Scope } from '../src/reading/scope.js'
import { STORE_ACCESS } from '../src/store-access.js'
import { DEFAULT_TUNING, type ReaderTuning } from '../src/tuning.js'
import { forEachEngine } from './helpers/engines.js'
import type { RandomEdge } from './helpers/random-graph.js'
import { arcsOf, referenceBfs, referenceDijkstra } from './helpers/reference.js'
import { tuned } from './helpers/tuning.js'

const NODES = 1500
const node = (i: number): NodeRef => ({ type: 'N', id: `n${i}` })

/** A seeded graph big enough for frontiers of hundreds of nodes: hubs, chains, and an island. */
function bigGraph(): RandomEdge[] {
  let seed = 12345
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const edges: RandomEdge[] = []
  for (let i = 0; i < NODES - 50; i++) {
    const degree = i % 97 === 0 ? 120 : 1 + Math.floor(random() * 6)
    for (let j = 0; j < degree; j++) {
      edges.push({
        from: i,
        type: random() < 0.8 ? 'follows' : 'likes',
        to: Math.floor(random() * (NODES - 50)),
        w: Math.floor(random() * 10),
      })
    }
  }
  for (let i = NODES - 50; i < NODES - 1; i++)
    edges.push({ from: i, type: 'follows', to: i + 1, w: 1 })
  return edges
}

/** A traversal's scope over the store, with its own tables (a Graph keeping no adjacency). */
function scopeOf(graph: Graph, cacheEntries: number, reader: Partial<ReaderTuning>): Scope {
  const tuning = { ...DEFAULT_TUNING.reader, ...reader }
  const store = graph.store
  return new Scope({ store, access: STORE_ACCESS, tuning, cacheEntries, signal: undefined })
}

forEachEngine((ctx) => {
  const edges = bigGraph()
  let graph: Graph
  const unique = new Map(edges.map((e) => [`${e.from} ${e.type} ${e.to}`, e]))
  const stored = [...unique.values()]

  it('loads a graph with large frontiers', async () => {
    graph = ctx.graph()
    const count = await graph.import(
      edges.map((e) => ({ from: node(e.from), type: e.type, to: node(e.to), props: { w: e.w } })),
      { batchSize: 500 },
    )
    expect(count).toBe(edges.length)
  })

  for (const direction of ['out', 'in', 'both'] as const) {
    it(`scans large ${direction} frontiers and still visits exactly the reachable nodes`, async () => {
      const scope = scopeOf(graph, 2_000_000, { scanMin: 64 })
      const families = direction === 'both' ? (['out', 'in'] as const) : ([direction] as const)
      const reader = scope.reader({ families: [...families], typeFilter: undefined, props: false })
      const start = scope.nodes.id(nodeCode(node(0)))
      const depths = new Map<string, number>()
      for await (const step of bfs(
        {
          space: scope,
          adjacency: reader,
          start,
          maxDepth: Infinity,
          maxNodes: Infinity,
          probe: true,
        },
        {},
      )) {
        depths.set(scope.nodes.values[step.id]!, step.depth)
      }
      expect(reader.stats.scans).toBeGreaterThan(0)
      const expected = referenceBfs(arcsOf(NODES, stored, direction), 0)
      expect(depths).toEqual(new Map([...expected].map(([i, d]) => [nodeCode(node(i)), d])))
    })
  }

  it('gives a wasteful scan up and reads the rest by seeking', async () => {
    const scope = scopeOf(graph, 10, { scanMin: 8, slackKeys: 0, seekKeys: 0 })
    const reader = scope.reader({ families: ['out'], typeFilter: undefined, props: false })
    const start = scope.nodes.id(nodeCode(node(97)))
    const depths = new Map<string, number>()
    for await (const step of bfs(
      { space: scope, adjacency: reader, start, maxDepth: 2, maxNodes: Infinity, probe: true },
      {},
    )) {
      depths.set(scope.nodes.values[step.id]!, step.depth)
    }
    expect(reader.stats.scans).toBeGreaterThan(0)
    expect(reader.stats.seeks).toBeGreaterThan(1)
    const expected = referenceBfs(arcsOf(NODES, stored, 'out'), 97, 2)
    expect(depths).toEqual(new Map([...expected].map(([i, d]) => [nodeCode(node(i)), d])))
  })

  it('answers shortest paths across large frontiers with a tiny cache', async () => {
    const scanning = tuned({ reader: { scanMin: 32 } })
    const small = new Graph(graph.store, { cacheEntries: 16 }, scanning)
    const roomy = new Graph(graph.store, {}, scanning)
    const arcs = arcsOf(NODES, stored, 'out')
    for (const [a, b] of [
      [0, NODES - 1],
      [5, 700],
      [97, 3],
      [NODES - 1, 0],
      [1200, 1300],
    ] as const) {
      const hops = referenceBfs(arcs, a).get(b)
      expect((await small.shortestPath(node(a), node(b)))?.cost).toBe(hops)
      const cost = referenceDijkstra(arcs, a).get(b)
      expect((await small.shortestPath(node(a), node(b), { weight: 'w' }))?.cost).toBe(cost)
      expect((await roomy.shortestPath(node(a), node(b), { weight: 'w' }))?.cost).toBe(cost)
    }
  })
})

describe('read-ahead cache', () => {
  const list = (size: number) => ({
    types: Array(size).fill(0),
    nodes: Array(size).fill(0),
    reversed: false,
    props: undefined,
  })

  it('evicts the least recently used lists beyond its entry bound', () => {
    const cache = new AdjacencyCache(10)
    cache.put(1, list(3))
    cache.put(2, list(3))
    cache.get(1)
    cache.put(3, list(3))
    expect([cache.has(1), cache.has(2), cache.has(3)]).toEqual([true, false, true])
    expect(cache.entries).toBe(8)
    expect(cache.take(1)?.nodes).toHaveLength(3)
    expect(cache.entries).toBe(4)
    cache.put(4, list(20))
    expect(cache.has(4)).toBe(false)
  })

  it('holds pinned lists beyond its bound until they are taken', () => {
    const cache = new AdjacencyCache(4)
    cache.pin(1, list(30))
    cache.put(2, list(3))
    expect([cache.has(1), cache.has(2), cache.entries]).toEqual([true, true, 4])
    expect(cache.take(1)?.nodes).toHaveLength(30)
    expect(cache.has(1)).toBe(false)
    // Kept (get) by a search that expands it again, a pinned list joins the bounded part.
    cache.pin(3, list(2))
    expect(cache.get(3)?.nodes).toHaveLength(2)
    expect([cache.has(2), cache.has(3), cache.entries]).toEqual([false, true, 3])
  })
})

describe('interner', () => {
  it('gives each distinct string one id, found inside longer strings too', () => {
    const interner = new Interner()
    const values = Array.from({ length: 5000 }, (_, i) => `v${i}\0${'x'.repeat(i % 20)}`)
    const ids = values.map((v) => interner.id(v))
    expect(new Set(ids).size).toBe(values.length)
    values.forEach((v, i) => {
      expect(interner.idIn(`__${v}__`, 2, 2 + v.length)).toBe(ids[i])
      expect(interner.find(v)).toBe(ids[i])
      expect(interner.values[ids[i]!]).toBe(v)
    })
    expect(interner.find('missing')).toBeUndefined()
    expect(interner.size).toBe(values.length)
  })
})
