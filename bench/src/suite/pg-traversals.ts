import type { Graph } from '@kvgraph/graph'
import type { Sql } from 'postgres'
import type { Checks } from './check.js'
import { bfsReach, coldAndHeldRows, timeColdAndHeld } from './cold-and-held.js'
import { type BenchGraph, randomPairs, user } from './graph-data.js'
import type { PgScale } from './pg-scale.js'
import { sqlBfs, sqlHops } from './pg-sql.js'
import type { Row } from './report.js'
import type { RssSampler } from './rss.js'

/** What each side found, for the smoke test's cross-check (the bench checks them too). */
export interface TraversalResults {
  bfs: { kv: number; sql: number }
  pairs: Array<[number, number]>
  hops: { kv: number[]; sql: number[] }
}

/**
 * bfs and shortest path (hops) with @kvgraph/graph on the PostgreSQL store, timed on a new Graph
 * (reads the server) and on `kv` (which keeps the adjacency its traversals read), against the
 * `WITH RECURSIVE` queries a SQL user would write over `edges(src, dst)`.
 */
export async function pgTraversalRows(
  graph: BenchGraph,
  scale: PgScale,
  kv: Graph,
  sql: Sql,
  sampler: RssSampler,
  checks: Checks,
  log: (message: string) => void,
): Promise<{ rows: Row[]; results: TraversalResults }> {
  const rows: Row[] = []
  const threeWays = timeColdAndHeld(scale.runs, kv, sampler)
  log(`postgres bfs from u${graph.hub}`)
  const reached = { kv: -1, sql: -1 }
  const walk = async (on: Graph) => {
    reached.kv = await bfsReach(on, user(graph.hub), checks, 'postgres kvgraph bfs')
  }
  await walk(kv) // fills the adjacency `kv` keeps, for the held rows
  const bfs = await threeWays(graph.edges, walk, async () => {
    reached.sql = await sqlBfs(sql, graph.hub)
  })
  checks.equal('postgres bfs: nodes reached', reached.kv, reached.sql)
  checks.note(
    `postgres bfs: kvgraph and \`WITH RECURSIVE\` reach the same ${reached.kv.toLocaleString('en-US')} nodes`,
  )
  rows.push(
    ...coldAndHeldRows(bfs, {
      operation: `bfs of the whole graph (${reached.kv.toLocaleString('en-US')} nodes reached; edges of the graph / time)`,
      unit: 'edges/s',
      baselineName: '`WITH RECURSIVE ... UNION` over `edges(src, dst)`',
      target: 1,
      engine: 'PostgreSQL',
    }),
  )

  const pairs = randomPairs(graph, scale.graph.pairs, scale.seed + 2)
  log(`postgres shortest path (hops) x ${pairs.length}`)
  const hops = { kv: [] as number[], sql: [] as number[] }
  const allPaths = async (on: Graph) => {
    hops.kv = []
    for (const [a, b] of pairs) hops.kv.push((await on.shortestPath(user(a), user(b)))?.cost ?? -1)
  }
  await allPaths(kv) // fills the in-edge adjacency the backward side reads
  const paths = await threeWays(pairs.length, allPaths, async () => {
    hops.sql = []
    for (const [a, b] of pairs) hops.sql.push(await sqlHops(sql, a, b))
  })
  checks.equal('postgres hops: pairs answered', hops.kv.length, hops.sql.length)
  for (const [i, cost] of hops.kv.entries()) {
    checks.equal(`postgres hops of pair ${pairs[i]}`, cost, hops.sql[i])
  }
  const found = hops.sql.filter((h) => h >= 0).length
  checks.note(
    `postgres shortest path (hops): kvgraph and \`WITH RECURSIVE\` give the same length for all ${pairs.length} pairs (${found} connected)`,
  )
  rows.push(
    ...coldAndHeldRows(paths, {
      operation: `shortest path (hops), ${pairs.length} random pairs`,
      unit: 'paths/s',
      baselineName: '`WITH RECURSIVE` walk, stopped by `LIMIT 1`',
      target: 2,
      engine: 'PostgreSQL',
    }),
  )
  return { rows, results: { bfs: { ...reached }, pairs, hops } }
}
