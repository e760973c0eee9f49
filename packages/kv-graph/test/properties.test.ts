import type { EdgeDirection, NodeRef, Path } from '@kvgraph/graph'
import fc from 'fast-check'
import * as dijkstra from 'graphology-shortest-path/dijkstra.js'
import { bidirectional } from 'graphology-shortest-path/unweighted.js'
import { bfsFromNode } from 'graphology-traversal'
import { expect, it } from 'vitest'
import { type EngineContext, forEachEngine } from './helpers/engines.js'
import { keyOf, lightestEdgeGraph, oracleGraph, pathCost } from './helpers/oracle.js'
import {
  EDGE_TYPES,
  type RandomGraph,
  randomGraphArb,
  storedEdges,
} from './helpers/random-graph.js'
import {
  arcsOf,
  referenceBfs,
  referenceDijkstra,
  referenceWithinHops,
} from './helpers/reference.js'
import { type RunTuning, tuningArb } from './helpers/tuning.js'

/** Random graphs per engine and property class (two engines: twice this in total). */
const RUNS = 500

interface Query {
  a: number
  b: number
  direction: EdgeDirection
  edgeTypes: string[] | undefined
  maxDepth: number | undefined
}

const queryArb: fc.Arbitrary<Query> = fc.record({
  a: fc.nat(),
  b: fc.nat(),
  direction: fc.constantFrom<EdgeDirection>('out', 'out', 'in', 'both'),
  edgeTypes: fc.option(fc.subarray(EDGE_TYPES, { minLength: 1 }), { nil: undefined }),
  maxDepth: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
})

const queriesArb = fc.array(queryArb, { minLength: 1, maxLength: 3 })

/** Loads a random graph into a fresh namespace, with the run's reader settings. */
async function load(makeGraph: EngineContext['graph'], random: RandomGraph, run: RunTuning) {
  const graph = makeGraph(
    run.cacheEntries === undefined ? {} : { cacheEntries: run.cacheEntries },
    {
      tuning: run.tuning,
    },
  )
  await graph.import(
    random.edges.map((e) => ({
      from: random.nodes[e.from]!,
      type: e.type,
      to: random.nodes[e.to]!,
      props: { w: e.w },
    })),
  )
  return graph
}

/** Asserts that a path is a chain of stored edges (in the query's direction) that adds up. */
function expectRealPath(
  random: RandomGraph,
  path: Path,
  from: NodeRef,
  to: NodeRef,
  direction: EdgeDirection,
  edgeTypes: string[] | undefined,
  weighted: boolean,
) {
  const stored = new Map(
    storedEdges(random).map((e) => [
      JSON.stringify([random.nodes[e.from], e.type, random.nodes[e.to]]),
      e.w,
    ]),
  )
  expect(path.nodes[0]).toEqual(from)
  expect(path.nodes.at(-1)).toEqual(to)
  expect(path.edges).toHaveLength(path.nodes.length - 1)
  let cost = 0
  path.edges.forEach((edge, i) => {
    const w = stored.get(JSON.stringify([edge.from, edge.type, edge.to]))
    expect(w).toBeDefined()
    expect(edge.props).toEqual({ w })
    if (edgeTypes) expect(edgeTypes).toContain(edge.type)
    const a = path.nodes[i]!
    const b = path.nodes[i + 1]!
    const forward = keyOf(edge.from) === keyOf(a) && keyOf(edge.to) === keyOf(b)
    const backward = keyOf(edge.from) === keyOf(b) && keyOf(edge.to) === keyOf(a)
    if (direction === 'out') expect(forward).toBe(true)
    else if (direction === 'in') expect(backward).toBe(true)
    else expect(forward || backward).toBe(true)
    cost += weighted ? w! : 1
  })
  expect(path.cost).toBe(cost)
}

forEachEngine((ctx) => {
  it('bfs depths equal graphology bfsFromNode and a reference BFS', async () => {
    await fc.assert(
      fc.asyncProperty(randomGraphArb, queriesArb, tuningArb, async (random, queries, tuning) => {
        const graph = await load(ctx.graph, random, tuning)
        const edges = storedEdges(random)
        for (const q of queries) {
          const start = q.a % random.nodes.length
          const arcs = arcsOf(random.nodes.length, edges, q.direction, q.edgeTypes)
          const expected = referenceBfs(arcs, start, q.maxDepth)
          const all = referenceBfs(arcs, start)
          const oracle = oracleGraph(random.nodes, edges, q.direction, q.edgeTypes)
          const fromGraphology = new Map<string, number>()
          bfsFromNode(oracle, keyOf(random.nodes[start]!), (node, _attributes, depth) => {
            fromGraphology.set(node, depth)
            return q.maxDepth !== undefined && depth >= q.maxDepth
          })
          const walk = graph.bfs(random.nodes[start]!, {
            direction: q.direction,
            ...(q.edgeTypes && { edgeTypes: q.edgeTypes }),
            ...(q.maxDepth !== undefined && { maxDepth: q.maxDepth }),
          })
          const depths = new Map<string, number>()
          let previous = 0
          for await (const step of walk) {
            const key = keyOf(step.node)
            expect(depths.has(key)).toBe(false)
            expect(step.depth).toBeGreaterThanOrEqual(previous)
            previous = step.depth
            if (step.depth === 0) expect(step.edge).toBeUndefined()
            else {
              const edge = step.edge!
              const parent = keyOf(edge.from) === key ? edge.to : edge.from
              expect(depths.get(keyOf(parent))).toBe(step.depth - 1)
              if (q.direction === 'out') expect(keyOf(edge.to)).toBe(key)
              if (q.direction === 'in') expect(keyOf(edge.from)).toBe(key)
              if (q.edgeTypes) expect(q.edgeTypes).toContain(edge.type)
            }
            depths.set(key, step.depth)
          }
          const byKey = new Map([...expected].map(([i, d]) => [keyOf(random.nodes[i]!), d]))
          expect(depths).toEqual(byKey)
          expect(depths).toEqual(fromGraphology)
          const beyond = [...all.values()].some((d) => d > (q.maxDepth ?? Infinity))
          expect(walk.stopped).toBe(beyond ? 'maxDepth' : undefined)
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('hop distances equal graphology bidirectional and a reference BFS', async () => {
    await fc.assert(
      fc.asyncProperty(randomGraphArb, queriesArb, tuningArb, async (random, queries, tuning) => {
        const graph = await load(ctx.graph, random, tuning)
        const edges = storedEdges(random)
        for (const q of queries) {
          const a = q.a % random.nodes.length
          const b = q.b % random.nodes.length
          const from = random.nodes[a]!
          const to = random.nodes[b]!
          const expected = referenceBfs(
            arcsOf(random.nodes.length, edges, q.direction, q.edgeTypes),
            a,
          ).get(b)
          const oracle = oracleGraph(random.nodes, edges, q.direction, q.edgeTypes)
          const graphologyPath = bidirectional(oracle, keyOf(from), keyOf(to))
          expect(graphologyPath === null ? undefined : graphologyPath.length - 1).toBe(expected)
          const options = {
            direction: q.direction,
            ...(q.edgeTypes && { edgeTypes: q.edgeTypes }),
            ...(q.maxDepth !== undefined && { maxDepth: q.maxDepth }),
          }
          const result = graph.shortestPath(from, to, options)
          if (expected !== undefined && expected > (q.maxDepth ?? Infinity)) {
            await expect(result).rejects.toMatchObject({
              code: 'GRAPH_LIMIT_EXCEEDED',
              limit: 'maxDepth',
            })
            continue
          }
          if (expected === undefined) {
            // Without a path, a depth bound may leave the search undecided; it never invents one.
            const path = await result.catch((error) => {
              expect(q.maxDepth).toBeDefined()
              expect(error).toMatchObject({ code: 'GRAPH_LIMIT_EXCEEDED' })
              return undefined
            })
            expect(path).toBeUndefined()
            continue
          }
          const path = (await result)!
          expect(path.cost).toBe(expected)
          expectRealPath(random, path, from, to, q.direction, q.edgeTypes, false)
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('weighted costs equal graphology dijkstra and a reference Dijkstra', async () => {
    await fc.assert(
      fc.asyncProperty(
        randomGraphArb,
        queriesArb,
        tuningArb,
        fc.boolean(),
        async (random, queries, tuning, byFunction) => {
          const graph = await load(ctx.graph, random, tuning)
          const edges = storedEdges(random)
          for (const q of queries) {
            const a = q.a % random.nodes.length
            const b = q.b % random.nodes.length
            const from = random.nodes[a]!
            const to = random.nodes[b]!
            const arcs = arcsOf(random.nodes.length, edges, q.direction, q.edgeTypes)
            const unbounded = referenceDijkstra(arcs, a).get(b)
            const lightest = lightestEdgeGraph(
              oracleGraph(random.nodes, edges, q.direction, q.edgeTypes),
            )
            const graphologyPath = dijkstra.bidirectional(lightest, keyOf(from), keyOf(to), 'w')
            expect(graphologyPath ? pathCost(lightest, graphologyPath) : undefined).toBe(unbounded)
            const single = dijkstra.singleSource(lightest, keyOf(from), 'w')[keyOf(to)]
            expect(single ? pathCost(lightest, single) : undefined).toBe(unbounded)
            const weight = byFunction
              ? (edge: { props: { w?: unknown } }) => edge.props.w as number
              : 'w'
            const options = {
              direction: q.direction,
              weight,
              ...(q.edgeTypes && { edgeTypes: q.edgeTypes }),
              ...(q.maxDepth !== undefined && { maxDepth: q.maxDepth }),
            }
            const result = graph.shortestPath(from, to, options)
            const expected =
              q.maxDepth === undefined ? unbounded : referenceWithinHops(arcs, a, q.maxDepth).get(b)
            if (expected === undefined) {
              const hops = referenceBfs(arcs, a)
              const undecided = [...hops.values()].some((d) => d > (q.maxDepth ?? Infinity))
              if (unbounded !== undefined) {
                await expect(result).rejects.toMatchObject({ code: 'GRAPH_LIMIT_EXCEEDED' })
              } else if (!undecided) expect(await result).toBeUndefined()
              else {
                await result.then(
                  (path) => expect(path).toBeUndefined(),
                  (error) => expect(error).toMatchObject({ code: 'GRAPH_LIMIT_EXCEEDED' }),
                )
              }
              continue
            }
            const path = (await result)!
            expect(path.cost).toBe(expected)
            if (q.maxDepth !== undefined) expect(path.edges.length).toBeLessThanOrEqual(q.maxDepth)
            expectRealPath(random, path, from, to, q.direction, q.edgeTypes, true)
          }
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('neighbourhoods and mutual connections equal the reference', async () => {
    await fc.assert(
      fc.asyncProperty(randomGraphArb, queryArb, tuningArb, async (random, q, tuning) => {
        const graph = await load(ctx.graph, random, tuning)
        const edges = storedEdges(random)
        const a = q.a % random.nodes.length
        const b = q.b % random.nodes.length
        const depth = q.maxDepth ?? 2
        const arcs = arcsOf(random.nodes.length, edges, q.direction, q.edgeTypes)
        const expected = [...referenceBfs(arcs, a, depth)]
          .filter(([i]) => i !== a)
          .map(([i, d]) => [keyOf(random.nodes[i]!), d])
          .sort()
        const found = await graph.neighborhood(random.nodes[a]!, {
          depth,
          direction: q.direction,
          ...(q.edgeTypes && { edgeTypes: q.edgeTypes }),
        })
        expect(found.map((n) => [keyOf(n.node), n.depth]).sort()).toEqual(expected)
        const typed = arcs
        const ofA = new Set(typed[a]!.map((arc) => arc.to))
        const common = [...new Set(typed[b]!.map((arc) => arc.to))]
          .filter((i) => ofA.has(i) && i !== a && i !== b)
          .map((i) => keyOf(random.nodes[i]!))
          .sort()
        const mutual = await graph.mutual(random.nodes[a]!, random.nodes[b]!, {
          direction: q.direction,
          ...(q.edgeTypes && { edgeTypes: q.edgeTypes }),
        })
        expect(mutual.map(keyOf).sort()).toEqual(common)
      }),
      { numRuns: RUNS / 2 },
    )
  })
})
