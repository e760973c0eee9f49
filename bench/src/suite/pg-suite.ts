import { openStore } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { Checks } from './check.js'
import { benchGraph } from './graph-data.js'
import { machineInfo } from './machine.js'
import { dropTables, pgCoreSection } from './pg-core.js'
import { pgImportRow } from './pg-import.js'
import { type PgScaleOverrides, pgScaleOf } from './pg-scale.js'
import { pgServer, rawClient, tableUrl } from './pg-server.js'
import { EDGES, loadEdges } from './pg-sql.js'
import { pgTraversalRows, type TraversalResults } from './pg-traversals.js'
import type { Section } from './report.js'
import { RssSampler } from './rss.js'
import { type ScaleName, scaleOf } from './scale.js'
import { dataDescription, reportHead, runsDescription, writeReport } from './write-report.js'

const count = (n: number) => n.toLocaleString('en-US')

export interface PgSuiteOptions extends PgScaleOverrides {
  scale: ScaleName
  /** Which parts to run (default both). */
  only?: 'core' | 'graph'
  /** The server; default KV_BENCH_POSTGRES_URL, else a throwaway cluster. */
  url?: string
  /** Where to write the markdown report; undefined writes nothing. */
  out?: string
  log?: (message: string) => void
}

export interface PgSuiteResult {
  report: string
  /** The graph part's answers on both sides (undefined with only: 'core'). */
  traversals?: TraversalResults
}

/** kvgraph on PostgreSQL against raw SQL on the same server, in one run. */
export async function runPostgresSuite(options: PgSuiteOptions): Promise<PgSuiteResult> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`))
  const scale = pgScaleOf(options.scale, options)
  const machine = machineInfo()
  const started = new Date()
  const server = await pgServer(log, options.url)
  const sampler = new RssSampler()
  const checks = new Checks()
  const sections: Section[] = []
  let traversals: TraversalResults | undefined
  try {
    if (options.only !== 'graph') {
      sections.push(await pgCoreSection(scale, server.url, { sampler, checks, log }))
    }
    if (options.only !== 'core') {
      const sql = rawClient(server.url)
      try {
        const { nodes, edges } = scale.graph
        log(`postgres graph: generating ${nodes} nodes, ${edges} edges (seed ${scale.seed})`)
        // The LevelDB bench's generator and hub, on this run's sizes and seed.
        const shape = scaleOf(scale.name)
        const graph = benchGraph({
          ...shape,
          seed: scale.seed,
          graph: { ...shape.graph, nodes, edges },
        })
        const imported = await pgImportRow(graph, scale, server.url, sql, sampler, checks, log)
        log(`postgres graph: loading ${EDGES} for the SQL side`)
        await loadEdges(sql, graph)
        const store = await openStore(tableUrl(server.url, imported.table))
        try {
          const done = await pgTraversalRows(
            graph,
            scale,
            new Graph(store),
            sql,
            sampler,
            checks,
            log,
          )
          traversals = done.results
          const size = `${count(nodes)} nodes, ${count(edges)} edges`
          sections.push({
            title: `Graph on PostgreSQL (${size})`,
            method:
              "Each figure is the median of the runs (min-max), the sides interleaved in rotating order. kvgraph imports with the store in bulk-load mode (`stream: false`) into a fresh table per run; the traversals use the default store on the last run's table, through `@kvgraph/graph`'s public API: on a new Graph each run (reads the server), and on one Graph that keeps the adjacency its traversals read (warmed by one untimed run). The SQL side walks `edges(src int, dst int)` with a primary key on (src, dst); its queries are in `bench/src/suite/pg-sql.ts`.",
            rows: [imported.row, ...done.rows],
          })
        } finally {
          await store.close()
          await dropTables(sql, [imported.table, EDGES])
        }
      } finally {
        await sql.end()
      }
    }
  } finally {
    server.release()
  }
  const given = options.url || process.env.KV_BENCH_POSTGRES_URL
  const lines = reportHead({
    title: `kvgraph on PostgreSQL benchmark (scale: ${scale.name})`,
    command: 'bench/src/main.ts --engine postgres',
    started,
    machine,
    rows: [
      [
        'server',
        `PostgreSQL ${server.version} on the same machine, loopback${given ? ' (given by URL)' : ' (a throwaway cluster: fsync off, synchronous_commit on)'}`,
      ],
      ['driver', 'postgres (postgres.js), for kvgraph and for the raw side'],
      ['data', dataDescription(scale, " (the LevelDB bench's graph)")],
      ['runs', runsDescription(scale)],
    ],
    caveat:
      'The machine may be shared and the server runs on it too: compare ratios (both sides ran interleaved, in the same process, on the same server) more than absolute figures.',
  })
  const report = writeReport(lines, sections, checks, options.out)
  return traversals ? { report, traversals } : { report }
}
