import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { Checks } from './check.js'
import type { BenchGraph } from './graph-data.js'
import { statsOf } from './measure.js'
import type { Figure, Row, Section } from './report.js'
import { MB } from './rss.js'
import type { Scale } from './scale.js'

export type ChildJob =
  | { mode: 'graphology'; scale: Scale }
  | { mode: 'import'; scale: Scale; dir: string }
  | { mode: 'bfs'; scale: Scale; dir: string; hub: number }

export interface ChildResult {
  /** Bytes: peak minus start for import and bfs; after minus before (both after gc) for graphology. */
  rssGrowth: number
  heapGrowth?: number
  /** Edges imported, nodes reached, or edges held: checked against the main run. */
  count: number
}

const run = promisify(execFile)
const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url))

export async function inChild(job: ChildJob): Promise<ChildResult> {
  const args = ['--expose-gc', '--import', import.meta.resolve('tsx'), CHILD, JSON.stringify(job)]
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult
}

const mb = (bytes: number): Figure => ({ stats: statsOf([bytes / MB]), unit: 'MB' })

/**
 * Peak RSS growth of kvgraph's import and whole-graph bfs against what graphology needs to hold
 * the same graph, each measured once in a fresh process.
 */
export async function memorySection(
  graph: BenchGraph,
  scale: Scale,
  dirs: { importInto: string; imported: string },
  /** Nodes the main run's bfs reached. */
  reached: number,
  checks: Checks,
  log: (message: string) => void,
): Promise<Section> {
  const base = { scale }
  log('memory: graphology holding the graph (child process)')
  const held = await inChild({ mode: 'graphology', ...base })
  checks.equal('graphology child: edges held', held.count, graph.edges)
  log('memory: kvgraph import (child process)')
  const imported = await inChild({ mode: 'import', ...base, dir: dirs.importInto })
  checks.equal('import child: edges imported', imported.count, graph.edges)
  log('memory: kvgraph bfs (child process)')
  const walked = await inChild({ mode: 'bfs', ...base, dir: dirs.imported, hub: graph.hub })
  checks.equal('bfs child: nodes reached', walked.count, reached)
  checks.note('memory children: the same edge counts and bfs reach as the main run')

  const heap = Math.round((held.heapGrowth ?? 0) / MB)
  const graphology = `graphology holding the graph (V8 heap +${heap} MB)`
  const bfs = mb(walked.rssGrowth)
  const rows: Row[] = [
    {
      operation: 'peak RSS growth during import (stream off)',
      ours: mb(imported.rssGrowth),
      baselineName: graphology,
      baseline: mb(held.rssGrowth),
    },
    {
      operation: 'peak RSS growth during bfs of the whole graph',
      ours: bfs,
      baselineName: graphology,
      baseline: mb(held.rssGrowth),
      target: { label: '<= +150 MB', met: bfs.stats.median <= 150, on: 'value' },
    },
  ]
  return {
    title: 'Memory (MB; lower is better)',
    method:
      'Each figure comes from a fresh `node --expose-gc` process that builds the same seeded graph. kvgraph import: peak RSS (sampled every 10 ms) minus RSS at the start of the import, after gc. kvgraph bfs: the store is opened, gc runs, then peak RSS minus RSS at the start of the bfs. graphology: RSS after building the graph minus RSS before, both after gc (its build is synchronous, so a peak cannot be sampled). Ratio = kvgraph / graphology. One run each.',
    rows,
  }
}
