import { openStore } from '@kvgraph/core'
import { DEFAULT_IMPORT_BATCH, Graph } from '@kvgraph/graph'
import type { Sql } from 'postgres'
import type { Checks } from './check.js'
import { type BenchGraph, edgeInputs, inKey, outKey } from './graph-data.js'
import { compare, type Measured } from './measure.js'
import { dropTables } from './pg-core.js'
import type { PgScale } from './pg-scale.js'
import { tableUrl } from './pg-server.js'
import { atLeast, type Figure, type Row } from './report.js'
import type { RssSampler } from './rss.js'

export interface PgImported {
  row: Row
  /** The last kvgraph run's table, kept for the traversals. */
  table: string
}

const kvTable = (r: number) => `bench_graph_${r}`
const rawTable = (r: number) => `bench_raw_graph_${r}`

/**
 * graph.import (bulk-load mode: stream off) into a fresh table per run, against raw multi-row
 * INSERTs of the same two keys per edge (kvgraph's out and in keys, the props as JSON) into a
 * fresh `(k bytea PRIMARY KEY, v bytea)` table: the engine's own table shape.
 */
export async function pgImportRow(
  graph: BenchGraph,
  scale: PgScale,
  url: string,
  sql: Sql,
  sampler: RssSampler,
  checks: Checks,
  log: (message: string) => void,
): Promise<PgImported> {
  const batch = scale.graph.importBatch
  let kvCount = -1
  const rawImport = async (table: string) => {
    await sql.unsafe(`CREATE TABLE ${table} (k bytea PRIMARY KEY, v bytea NOT NULL)`)
    const { from, to, weight } = graph.data
    const text = `INSERT INTO ${table} (k, v) SELECT * FROM unnest($1::bytea[], $2::bytea[])`
    for (let at = 0; at < graph.edges; at += batch) {
      const keys: Buffer[] = []
      const values: Buffer[] = []
      for (let e = at; e < Math.min(graph.edges, at + batch); e++) {
        const value = Buffer.from(JSON.stringify({ w: weight[e]! }))
        keys.push(Buffer.from(outKey(from[e]!, 'follows', to[e]!)))
        values.push(value)
        keys.push(Buffer.from(inKey(from[e]!, 'follows', to[e]!)))
        values.push(value)
      }
      await sql.unsafe(text, [keys, values] as never[], { prepare: true })
    }
  }
  const measured = await compare(
    scale.importRuns,
    {
      raw: {
        ops: graph.edges,
        run: async (r: number) => {
          await dropTables(sql, [rawTable(r - 1), rawTable(r)])
          log(`postgres import: raw, run ${r + 1}`)
          await rawImport(rawTable(r))
        },
      },
      kv: {
        ops: graph.edges,
        run: async (r: number) => {
          await dropTables(sql, [kvTable(r - 1), kvTable(r)])
          log(`postgres import: kvgraph, run ${r + 1}`)
          const store = await openStore(tableUrl(url, kvTable(r)), { stream: false })
          try {
            kvCount = await new Graph(store).import(edgeInputs(graph))
          } finally {
            await store.close()
          }
        },
      },
    },
    sampler,
  )
  const last = scale.importRuns - 1
  checks.equal('postgres graph.import: edges read', kvCount, graph.edges)
  const [raw] = await sql.unsafe(`SELECT count(*)::int AS n FROM ${rawTable(last)}`)
  checks.equal('postgres raw import: rows', raw!.n as number, 2 * graph.edges)
  const store = await openStore(tableUrl(url, kvTable(last)), { stream: false })
  checks.equal('postgres kvgraph out keys', await store.countPrefix('g/o/'), graph.edges)
  checks.equal('postgres kvgraph in keys', await store.countPrefix('g/i/'), graph.edges)
  await store.close()
  await dropTables(sql, [rawTable(last)])
  checks.note(
    `postgres import: ${graph.edges.toLocaleString('en-US')} edges in both tables (kvgraph out and in keys, raw rows / 2)`,
  )

  const fig = (m: Measured): Figure => ({ stats: m.stats, unit: 'edges/s', peakRss: m.peakRss })
  const ours = fig(measured.kv)
  const baseline = fig(measured.raw)
  return {
    table: kvTable(last),
    row: {
      operation: `import ${graph.edges.toLocaleString('en-US')} edges (default batches of ${DEFAULT_IMPORT_BATCH.toLocaleString('en-US')}, stream off)`,
      ours,
      baselineName: `raw multi-row \`INSERT\` of the same 2 keys per edge, ${batch.toLocaleString('en-US')} edges a statement`,
      baseline,
      target: atLeast(0.5, ours, baseline),
    },
  }
}
