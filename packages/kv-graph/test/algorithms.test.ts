import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bfs, type RawStep } from '../src/algorithms/bfs.js'
import { mutual } from '../src/algorithms/mutual.js'
import { neighborhood } from '../src/algorithms/neighborhood.js'
import { shortestPath } from '../src/algorithms/shortest-path.js'
import type { Adjacency, AdjList, IdArray, SearchSpace } from '../src/reading/adjacency.js'
import {
  EDGE_TYPES,
  type RandomGraph,
  randomGraphArb,
  storedEdges,
} from './helpers/random-graph.js'
import {
  type Arc,
  arcsOf,
  referenceBfs,
  referenceDijkstra,
  referenceWithinHops,
} from './helpers/reference.js'

// The algorithms read through the Adjacency interface alone: here, a few arrays in memory (no
// store, no Graph), checked against the plain reference implementations.

/** Adjacency over arc lists: node ids are the indexes, the weight rides in props. */
class ArcAdjacency implements Adjacency {
  readonly #lists: AdjList[]

  constructor(arcs: Arc[][], reversed: boolean) {
    this.#lists = arcs.map((out) => ({
      types: out.map(() => 0),
      nodes: out.map((arc) => arc.to),
      reversed,
      props: out.map((arc) => ({ w: arc.w })),
    }))
  }

  async read(ids: readonly number[]): Promise<AdjList[]> {
    return this.readHeld(ids)
  }

  readHeld(ids: readonly number[]): AdjList[] {
    return ids.map((id) => this.#lists[id]!)
  }

  isCached(): boolean {
    return true
  }

  prefetch(): undefined {
    return undefined
  }
}

/** Per-node arrays as plain arrays. */
const space: SearchSpace = {
  signal: undefined,
  array(fill: number): IdArray {
    const values: number[] = []
    return {
      get: (id) => values[id] ?? fill,
      set: (id, value) => {
        values[id] = value
      },
    }
  },
}

/** Arcs in both directions of a random graph's stored edges, with an optional type filter. */
function sides(random: RandomGraph, types?: string[]) {
  const edges = storedEdges(random)
  const count = random.nodes.length
  return {
    forward: arcsOf(count, edges, 'out', types),
    backward: arcsOf(count, edges, 'in', types),
  }
}

const typesArb = fc.option(fc.subarray(EDGE_TYPES, { minLength: 1 }), { nil: undefined })

describe('algorithms over an in-memory adjacency', () => {
  it('bfs reaches the reference depths, in order of depth, each node once', async () => {
    await fc.assert(
      fc.asyncProperty(randomGraphArb, fc.nat(), typesArb, async (random, at, types) => {
        const { forward } = sides(random, types)
        const start = at % random.nodes.length
        const steps: RawStep[] = []
        const adjacency = new ArcAdjacency(forward, false)
        const params = { space, adjacency, start, maxDepth: Infinity, maxNodes: Infinity }
        for await (const step of bfs({ ...params, probe: true }, {})) steps.push(step)
        const depths = new Map(steps.map((s) => [s.id, s.depth]))
        expect(depths).toEqual(referenceBfs(forward, start))
        expect(steps).toHaveLength(depths.size)
        expect(steps.map((s) => s.depth)).toEqual(steps.map((s) => s.depth).sort((a, b) => a - b))
      }),
      { numRuns: 300 },
    )
  })

  it('shortest paths cost what the references say: hops, weights, weights within hops', async () => {
    await fc.assert(
      fc.asyncProperty(
        randomGraphArb,
        fc.nat(),
        fc.nat(),
        fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        async (random, x, y, maxDepth) => {
          const { forward, backward } = sides(random)
          const source = x % random.nodes.length
          const target = y % random.nodes.length
          const search = {
            space,
            forward: new ArcAdjacency(forward, false),
            backward: new ArcAdjacency(backward, true),
            source,
            target,
            maxDepth: Infinity,
            maxNodes: Infinity,
          }
          const weigh = (_: number, list: AdjList, j: number) => list.props![j]!.w as number
          const hops = await shortestPath({ ...search, weigh: undefined })
          expect(hops?.cost).toBe(referenceBfs(forward, source).get(target))
          const cheapest = await shortestPath({ ...search, weigh })
          expect(cheapest?.cost).toBe(referenceDijkstra(forward, source).get(target))
          if (maxDepth !== undefined) {
            const within = await shortestPath({ ...search, maxDepth, weigh }).catch((e) => e)
            const expected = referenceWithinHops(forward, source, maxDepth).get(target)
            if (expected !== undefined) expect(within?.cost).toBe(expected)
            else if (within !== undefined) expect(within.code).toBe('GRAPH_LIMIT_EXCEEDED')
            else expect(referenceDijkstra(forward, source).has(target)).toBe(false)
          }
          // A path is a chain of arcs from source to target.
          for (const path of [hops, cheapest]) {
            if (!path) continue
            expect(path.nodes[0]).toBe(source)
            expect(path.nodes.at(-1)).toBe(target)
            path.edges.forEach((edge, i) => {
              expect(edge).toMatchObject({ from: path.nodes[i], to: path.nodes[i + 1] })
              expect(forward[edge.from]!.some((arc) => arc.to === edge.to)).toBe(true)
            })
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('neighborhood and mutual agree with the reference lists', async () => {
    await fc.assert(
      fc.asyncProperty(randomGraphArb, fc.nat(), fc.nat(), fc.nat(3), async (random, x, y, d) => {
        const { forward } = sides(random)
        const a = x % random.nodes.length
        const b = y % random.nodes.length
        const adjacency = new ArcAdjacency(forward, false)
        const around = await neighborhood({ space, adjacency, start: a, depth: d, maxNodes: 99 })
        const expected = [...referenceBfs(forward, a, d)].filter(([id]) => id !== a)
        expect(new Map(around.map((n) => [n.id, n.depth]))).toEqual(new Map(expected))
        const compare = (p: number, q: number) => p - q
        const common = await mutual({ space, adjacency, a, b, compare })
        const ofA = new Set(forward[a]!.map((arc) => arc.to))
        const both = [...new Set(forward[b]!.map((arc) => arc.to))]
          .filter((id) => ofA.has(id) && id !== a && id !== b)
          .sort(compare)
        expect(common).toEqual(both)
      }),
      { numRuns: 300 },
    )
  })
})
