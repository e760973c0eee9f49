import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { statsOf } from './measure.js'
import type { Figure, Row } from './report.js'
import { MB } from './rss.js'

/** Bytes of every file under `dir`: a LevelDB directory's size on disk (tables, log, manifest). */
export function directorySize(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? directorySize(path) : statSync(path).size
  }
  return total
}

/**
 * The size once LevelDB has compacted everything: the steady state, free of the log and of
 * overlapping level-0 tables that the size right after an import depends on.
 */
export async function compactedSize(dir: string): Promise<number> {
  const db = new ClassicLevel<Buffer, Buffer>(dir, {
    keyEncoding: 'buffer',
    valueEncoding: 'buffer',
  })
  await db.open()
  await db.compactRange(Buffer.alloc(0), Buffer.alloc(64, 0xff))
  await db.close()
  return directorySize(dir)
}

const BASELINES = ['levelgraph', 'raw classic-level'] as const

/**
 * kvgraph's size against levelgraph's and raw classic-level's (in that order in `other`): after
 * each import run, then once compacted.
 */
export function sizeRows(
  afterImport: { kv: number[]; other: [number[], number[]] },
  compacted: { kv: number; other: [number, number] },
): Row[] {
  const mb = (bytes: number[]): Figure => ({ stats: statsOf(bytes.map((b) => b / MB)), unit: 'MB' })
  const rows: Row[] = []
  for (const [i, baselineName] of BASELINES.entries()) {
    const baseline = mb(afterImport.other[i]!)
    rows.push({ operation: 'after import', ours: mb(afterImport.kv), baselineName, baseline })
  }
  for (const [i, baselineName] of BASELINES.entries()) {
    const baseline = mb([compacted.other[i]!])
    rows.push({
      operation: 'after a full compaction',
      ours: mb([compacted.kv]),
      baselineName,
      baseline,
    })
  }
  return rows
}
