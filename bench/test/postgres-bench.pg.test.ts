// The PostgreSQL bench at a tiny scale, on the test cluster: the report has every row, and
// kvgraph's bfs and shortest paths agree with the SQL side's, and both with a breadth-first
// search done here over the generated edges. No timing assertions.
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { benchGraph } from '../src/suite/graph-data.js'
import { type PgSuiteResult, runPostgresSuite } from '../src/suite/pg-suite.js'
import { scaleOf } from '../src/suite/scale.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

const tiny = { seed: 7, runs: 1, keys: 500, calls: 40, nodes: 300, edges: 2_000, pairs: 12 }
let result: PgSuiteResult

beforeAll(async () => {
  result = await runPostgresSuite({
    scale: 'small',
    ...tiny,
    url: inject('postgresUrl'),
    log: () => {},
  })
}, 55_000)

/** The table rows of the report whose operation starts with `operation`. */
const rowsOf = (operation: string) =>
  result.report
    .split('\n')
    .filter((line) => line.startsWith(`| ${operation}`))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    )

/** Hops from `from` to every node by breadth-first search over the generated edges (-1: none). */
function hopsFrom(from: number, nodes: number, src: Int32Array, dst: Int32Array): Int32Array {
  const out: number[][] = Array.from({ length: nodes }, () => [])
  for (let e = 0; e < src.length; e++) out[src[e]!]!.push(dst[e]!)
  const hops = new Int32Array(nodes).fill(-1)
  hops[from] = 0
  const queue = [from]
  for (let at = 0; at < queue.length; at++) {
    const node = queue[at]!
    for (const next of out[node]!) {
      if (hops[next] === -1) {
        hops[next] = hops[node]! + 1
        queue.push(next)
      }
    }
  }
  return hops
}

describe('npm run bench -- --engine postgres (tiny scale)', () => {
  it('reports every row with a finite positive ratio, its target and where it stands', () => {
    const expected: Array<[string, string | undefined]> = [
      ['mutate of 1,000 puts', undefined],
      ['get, 1 at a time', '>= 0.80x'],
      ['put, 1 at a time', '>= 0.50x'],
      ['prefix scan of 10 keys', '>= 0.70x'],
      ['import 2,000 edges', '>= 0.50x'],
      ['bfs of the whole graph', '>= 1x'],
      ['shortest path (hops), 12 random pairs', '>= 2x'],
    ]
    for (const [operation, target] of expected) {
      const rows = rowsOf(operation)
      // bfs and paths: a new Graph and held adjacency, each against the SQL query.
      expect(rows, operation).toHaveLength(
        operation.startsWith('bfs') || operation.startsWith('shortest') ? 2 : 1,
      )
      for (const cells of rows) {
        const ratio = Number.parseFloat(cells[4]!)
        expect(Number.isFinite(ratio) && ratio > 0, `${cells[0]}: ratio ${cells[4]}`).toBe(true)
        expect(cells[5]).toBe(target ?? '-')
        expect(cells[6]).toMatch(target ? /^(met|NOT met)$/ : /^-$/)
      }
    }
    expect(rowsOf('bfs')[0]![0]).toContain('new Graph: reads PostgreSQL')
    expect(rowsOf('bfs')[1]![0]).toContain('adjacency held by the Graph')
    expect(result.report.match(/^- (met|NOT met): /gm)).toHaveLength(8)
    expect(result.report).toContain('WITH RECURSIVE')
  })

  it("kvgraph's bfs and hops agree with the WITH RECURSIVE queries and with a bfs done here", () => {
    const t = result.traversals!
    const shape = scaleOf('small')
    const graph = benchGraph({
      ...shape,
      seed: tiny.seed,
      graph: { ...shape.graph, nodes: tiny.nodes, edges: tiny.edges },
    })
    const { from, to } = graph.data
    const fromHub = hopsFrom(graph.hub, graph.nodes, from, to)
    const reachable = fromHub.filter((h) => h >= 0).length
    expect(t.bfs).toEqual({ kv: reachable, sql: reachable })

    expect(t.pairs).toHaveLength(tiny.pairs)
    const expected = t.pairs.map(([a, b]) => hopsFrom(a, graph.nodes, from, to)[b]!)
    expect(t.hops.kv).toEqual(expected)
    expect(t.hops.sql).toEqual(expected)
    // A real check: the pairs include connected ones with paths of more than one hop.
    expect(expected.some((h) => h > 1)).toBe(true)
  })

  it('lists the correctness checks the run passed', () => {
    const checks = result.report.slice(result.report.indexOf('## Correctness checks'))
    expect(checks).toContain('postgres bfs: kvgraph and `WITH RECURSIVE` reach the same')
    expect(checks).toContain(
      'postgres shortest path (hops): kvgraph and `WITH RECURSIVE` give the same length for all 12 pairs',
    )
    expect(checks).toContain('postgres import: 2,000 edges in both tables')
  })
})
