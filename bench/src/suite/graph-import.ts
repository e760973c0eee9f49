import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '@kvgraph/core'
import { DEFAULT_IMPORT_BATCH, Graph } from '@kvgraph/graph'
import { ClassicLevel } from 'classic-level'
import type { Checks } from './check.js'
import { compactedSize, directorySize, sizeRows } from './disk.js'
import { type BenchGraph, edgeInputs, inKey, outKey, triple } from './graph-data.js'
import { LevelgraphDb, type Triple } from './levelgraph.js'
import { compare, type Measured } from './measure.js'
import { atLeast, type Figure, type Row } from './report.js'
import type { RssSampler } from './rss.js'
import type { Scale } from './scale.js'

export type System = 'kv' | 'raw' | 'levelgraph'

export interface Imported {
  rows: Row[]
  diskRows: Row[]
  /** The databases of the last run, closed, for the read measurements. */
  dirs: Record<System, string>
  kvImport: Measured
}

/** Writes the graph into a fresh database; resolves once it is closed. */
type Importer = (graph: BenchGraph, dir: string, scale: Scale) => Promise<void>

/** The physical limit: the same two keys per edge, `importBatch` edges per classic-level batch. */
const rawImport: Importer = async (graph, dir, scale) => {
  const db = new ClassicLevel<string, string>(dir)
  await db.open()
  const { from, to, weight } = graph.data
  let ops: Array<{ type: 'put'; key: string; value: string }> = []
  for (let e = 0; e < graph.edges; e++) {
    const value = JSON.stringify({ w: weight[e]! })
    ops.push({ type: 'put', key: outKey(from[e]!, 'follows', to[e]!), value })
    ops.push({ type: 'put', key: inKey(from[e]!, 'follows', to[e]!), value })
    if (ops.length >= 2 * scale.graph.importBatch) {
      await db.batch(ops)
      ops = []
    }
  }
  if (ops.length > 0) await db.batch(ops)
  await db.close()
}

/**
 * graph.import in kv-core's bulk-load mode (no change stream), in its default batches, or in
 * batches of `batchSize` edges.
 */
export const kvImport = async (
  graph: BenchGraph,
  dir: string,
  batchSize?: number,
): Promise<number> => {
  const store = await openStore(dir, { stream: false })
  try {
    const edges = edgeInputs(graph)
    return await new Graph(store).import(edges, batchSize === undefined ? {} : { batchSize })
  } finally {
    await store.close()
  }
}

const levelgraphImport: Importer = async (graph, dir, scale) => {
  const db = new LevelgraphDb(dir)
  await db.open()
  let batch: Triple[] = []
  for (let e = 0; e < graph.edges; e++) {
    batch.push(triple(graph, e))
    if (batch.length >= scale.graph.levelgraphBatch) {
      await db.put(batch)
      batch = []
    }
  }
  if (batch.length > 0) await db.put(batch)
  await db.close()
}

export async function importSection(
  graph: BenchGraph,
  scale: Scale,
  root: string,
  sampler: RssSampler,
  checks: Checks,
  log: (message: string) => void,
): Promise<Imported> {
  const sizes: Record<System, number[]> = { kv: [], raw: [], levelgraph: [] }
  const runDir = (system: System, r: number) => join(root, `import-${r}`, system)
  let kvCount = -1
  // Each run writes a fresh database, timed from open to close; its size is read after the
  // close (so the log is on disk) and the previous run's copy is deleted.
  const contender = (system: System, importer: Importer) => ({
    ops: graph.edges,
    run: async (r: number) => {
      if (r > 0) rmSync(runDir(system, r - 1), { recursive: true, force: true })
      mkdirSync(runDir(system, r), { recursive: true })
      log(`import: ${system}, run ${r + 1}`)
      await importer(graph, runDir(system, r), scale)
      sizes[system].push(directorySize(runDir(system, r)))
    },
  })
  const measured = await compare(
    scale.importRuns,
    {
      raw: contender('raw', rawImport),
      kv: contender('kv', async (g, dir) => {
        kvCount = await kvImport(g, dir)
      }),
      levelgraph: contender('levelgraph', levelgraphImport),
      // The same import in the raw side's batch size: informational, its database is not kept.
      kvLargeBatches: {
        ops: graph.edges,
        run: async (r: number) => {
          const dir = join(root, `import-${r}`, 'kv-large-batches')
          log(`import: kv in batches of ${scale.graph.importBatch}, run ${r + 1}`)
          await kvImport(graph, dir, scale.graph.importBatch)
          rmSync(dir, { recursive: true, force: true })
        },
      },
    },
    sampler,
  )
  checks.equal('graph.import: edges read', kvCount, graph.edges)

  const last = scale.importRuns - 1
  const dirs: Record<System, string> = {
    kv: runDir('kv', last),
    raw: runDir('raw', last),
    levelgraph: runDir('levelgraph', last),
  }
  await checkCounts(graph, dirs, checks)
  log("import: compacting the last run's databases")
  const compacted = {
    kv: await compactedSize(dirs.kv),
    levelgraph: await compactedSize(dirs.levelgraph),
    raw: await compactedSize(dirs.raw),
  }

  const unit = 'edges/s'
  const fig = (m: Measured): Figure => ({ stats: m.stats, unit, peakRss: m.peakRss })
  const ours = fig(measured.kv)
  const operation = `import ${graph.edges.toLocaleString('en-US')} edges`
  const raw = fig(measured.raw)
  const levelgraph = fig(measured.levelgraph)
  const rawBatches = `batches of ${scale.graph.importBatch.toLocaleString('en-US')}`
  const rawName = `raw classic-level, 2 keys per edge, ${rawBatches}`
  const rows: Row[] = [
    {
      operation: `${operation} (default batches of ${DEFAULT_IMPORT_BATCH.toLocaleString('en-US')}, stream off)`,
      ours,
      baselineName: rawName,
      baseline: raw,
      target: atLeast(0.8, ours, raw),
    },
    {
      operation: `${operation} (${rawBatches}, stream off)`,
      ours: fig(measured.kvLargeBatches),
      baselineName: rawName,
      baseline: raw,
    },
    {
      operation,
      ours,
      baselineName: `levelgraph put of ${scale.graph.levelgraphBatch} triples`,
      baseline: levelgraph,
      target: atLeast(5, ours, levelgraph),
    },
  ]
  const diskRows = sizeRows(
    { kv: sizes.kv, other: [sizes.levelgraph, sizes.raw] },
    { kv: compacted.kv, other: [compacted.levelgraph, compacted.raw] },
  )
  return { rows, diskRows, dirs, kvImport: measured.kv }
}

/** Every system holds every edge: out and in keys, or triples. */
async function checkCounts(graph: BenchGraph, dirs: Record<System, string>, checks: Checks) {
  const store = await openStore(dirs.kv, { stream: false })
  checks.equal('kvgraph out keys', await store.countPrefix('g/o/'), graph.edges)
  checks.equal('kvgraph in keys', await store.countPrefix('g/i/'), graph.edges)
  await store.close()
  const raw = new ClassicLevel<string, string>(dirs.raw)
  let rawKeys = 0
  for await (const _ of raw.keys()) rawKeys++
  await raw.close()
  checks.equal('raw classic-level keys', rawKeys, 2 * graph.edges)
  const levelgraph = new LevelgraphDb(dirs.levelgraph)
  await levelgraph.open()
  checks.equal('levelgraph triples', await levelgraph.count(), graph.edges)
  await levelgraph.close()
  checks.note(
    `import: ${graph.edges.toLocaleString('en-US')} edges in each system (kvgraph out and in keys, raw keys / 2, levelgraph spo triples)`,
  )
}
