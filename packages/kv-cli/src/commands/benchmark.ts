import type { Command } from 'commander'
import { act } from '../action.js'
import type { WorkloadName } from '../bench/workloads.js'
import { nonNegativeInt, positiveInt } from '../io/parse.js'
import { Progress } from '../io/progress.js'

interface BenchFlags {
  ops: number
  workers: number
  records?: number
  degree: number
  valueBytes: number
  seed: number
}

const WORKLOADS: readonly WorkloadName[] = ['put', 'get', 'patch', 'mixed', 'edges', 'path']

const DESCRIPTIONS: Record<WorkloadName, string> = {
  put: 'awaited puts of new keys',
  get: 'gets of random existing keys (after writing --records keys)',
  patch: 'merge patches of random existing keys (after writing --records keys)',
  mixed: '60% get, 20% put, 20% patch of random existing keys',
  edges: 'addEdge between random nodes among --records',
  path: 'unweighted shortestPath between random nodes of a random graph (--records nodes, --degree)',
}

export function registerBenchmark(program: Command): void {
  const benchmark = program
    .command('benchmark')
    .description(
      'measure operations: ops/s and p50/p99 latency (in a temporary database, or a temporary namespace of --db)',
    )
  for (const name of WORKLOADS) {
    benchmark
      .command(name)
      .description(DESCRIPTIONS[name])
      .option('-n, --ops <count>', 'operations to time', positiveInt, 10_000)
      .option('-w, --workers <count>', 'operations in flight (concurrency)', positiveInt, 1)
      .option(
        '--records <count>',
        'keys written first (get, patch, mixed) or nodes (edges, path)',
        positiveInt,
      )
      .option('--degree <count>', 'path: edges per node of the generated graph', positiveInt, 5)
      .option('--value-bytes <count>', 'payload size of written values', nonNegativeInt, 100)
      .option('--seed <n>', 'random seed (reproducible workloads)', nonNegativeInt, 1)
      .action(
        act<BenchFlags>(async (ctx, opts) => {
          const { measure, round, summarize } = await import('../bench/measure.js')
          const { seededRandom } = await import('@kvgraph/core/random')
          const { benchTarget } = await import('../bench/target.js')
          const { prepareWorkload } = await import('../bench/workloads.js')
          const target = await benchTarget(ctx)
          try {
            const records =
              opts.records ?? (name === 'path' ? 1000 : name === 'edges' ? 10_000 : opts.ops)
            const setupStart = performance.now()
            const workload = await prepareWorkload(name, target.store, {
              n: opts.ops,
              records,
              degree: opts.degree,
              valueBytes: opts.valueBytes,
              random: seededRandom(opts.seed),
            })
            const setupSeconds = (performance.now() - setupStart) / 1000
            const progress = new Progress(`benchmark ${name}`, opts.ops, { unit: 'ops' })
            const { latencies, seconds } = await measure(
              opts.ops,
              opts.workers,
              workload.op,
              progress,
            )
            const summary = {
              benchmark: name,
              ops: opts.ops,
              concurrency: opts.workers,
              seconds: round(seconds, 6),
              opsPerSec: Math.round(opts.ops / seconds),
              ...summarize(latencies),
              ...workload.counters(),
              setup: { writes: workload.setupWrites, seconds: round(setupSeconds) },
              target: target.description,
            }
            if (!ctx.globals.pretty) await ctx.out.json(summary)
            else {
              const rows = Object.entries(summary).map(([k, v]) => [
                k,
                typeof v === 'object' ? `${v.writes} writes in ${v.seconds}s` : String(v),
              ])
              const width = Math.max(...rows.map(([k]) => k!.length))
              await ctx.out.text(rows.map(([k, v]) => `${k!.padEnd(width)}  ${v}\n`).join(''))
            }
          } finally {
            await target.dispose()
          }
        }),
      )
  }
}
