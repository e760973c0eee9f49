import type { Sql } from 'postgres'
import type { BenchGraph } from './graph-data.js'

/** The graph as a SQL user would keep it: a plain edges table, indexed for walking forward. */
export const EDGES = 'bench_edges'

/**
 * Breadth-first reach: `UNION` drops rows already found, so each node is expanded once
 * (toolchain.md: the fastest CTE shape for a BFS here).
 */
export const BFS_CTE = `WITH RECURSIVE reached(n) AS (
  SELECT $1::int
  UNION
  SELECT e.dst FROM reached r JOIN ${EDGES} e ON e.src = r.n
) SELECT count(*)::int AS n FROM reached`

/**
 * Hops from $1 to $2. The walk keeps (node, depth) rows, so it would never end on a cycle when
 * $2 is out of reach: the first CTE (the BFS above, stopped at $2 by EXISTS) decides
 * reachability. The walk then runs level by level (each iteration of a recursive CTE reads only
 * the previous one's rows), so its first row at $2 has the fewest hops, and `LIMIT 1` stops it
 * there: the early stop toolchain.md measured as the best CTE for paths.
 */
export const HOPS_CTE = `WITH RECURSIVE reached(n) AS (
  SELECT $1::int
  UNION
  SELECT e.dst FROM reached r JOIN ${EDGES} e ON e.src = r.n
), walk(n, d) AS (
  SELECT $1::int, 0 WHERE EXISTS (SELECT 1 FROM reached WHERE n = $2::int)
  UNION
  SELECT e.dst, w.d + 1 FROM walk w JOIN ${EDGES} e ON e.src = w.n
) SELECT d FROM walk WHERE n = $2::int LIMIT 1`

const LOAD_BATCH = 100_000

/**
 * Writes the graph into `edges(src int, dst int)`, then adds the primary key (src, dst) that
 * serves the walks, and analyzes it: loading into a bare table and indexing afterwards is the
 * fast way (toolchain.md). Not timed: it is the SQL side's setup.
 */
export async function loadEdges(sql: Sql, graph: BenchGraph): Promise<void> {
  await sql.unsafe(`DROP TABLE IF EXISTS ${EDGES}`)
  await sql.unsafe(`CREATE TABLE ${EDGES} (src int NOT NULL, dst int NOT NULL)`)
  const { from, to } = graph.data
  for (let at = 0; at < graph.edges; at += LOAD_BATCH) {
    const end = Math.min(graph.edges, at + LOAD_BATCH)
    await sql.unsafe(`INSERT INTO ${EDGES} SELECT * FROM unnest($1::int[], $2::int[])`, [
      Array.from(from.subarray(at, end)),
      Array.from(to.subarray(at, end)),
    ] as never[])
  }
  await sql.unsafe(`ALTER TABLE ${EDGES} ADD PRIMARY KEY (src, dst)`)
  await sql.unsafe(`ANALYZE ${EDGES}`)
}

/** Nodes reached from `start`, the start included (as kvgraph's bfs yields it). */
export async function sqlBfs(sql: Sql, start: number): Promise<number> {
  const [row] = await sql.unsafe(BFS_CTE, [start] as never[], { prepare: true })
  return row!.n as number
}

/** Hops of a shortest path from `a` to `b`; -1 when there is none. */
export async function sqlHops(sql: Sql, a: number, b: number): Promise<number> {
  const [row] = await sql.unsafe(HOPS_CTE, [a, b] as never[], { prepare: true })
  return row === undefined ? -1 : (row.d as number)
}
