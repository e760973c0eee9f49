/**
 * Failover cycles back to back on one primary + standby, the stores opened once: cycle,
 * rejoin(), cycle... Used by `npm run crash -- --engine postgres --failover` (test/crash/main.ts)
 * and from the shell:
 *
 *   npx tsx test/failover/run-cycles.ts [cycles=3] [--async]
 *
 * Exits 1 if any cycle had a problem (with a synchronous standby, a lost write is one).
 */
import { fileURLToPath } from 'node:url'
import { startReplicatedCluster } from '../../scripts/pg-replicated.mjs'
import { type CycleResult, failoverCycle, openFailoverStores } from './cycle.js'

export interface FailoverRun {
  cycles: CycleResult[]
  failed: boolean
}

export async function runFailoverCycles(options: {
  cycles: number
  synchronous: boolean
  log: (line: string) => void
}): Promise<FailoverRun> {
  const cluster = await startReplicatedCluster({ synchronous: options.synchronous, log: () => {} })
  const cycles: CycleResult[] = []
  try {
    const stores = await openFailoverStores(cluster.url, { connectTimeoutMs: 2000 })
    try {
      for (let c = 1; c <= options.cycles; c++) {
        const result = await failoverCycle(cluster, stores, { prefix: `cycle${c}` })
        cycles.push(result)
        options.log(
          `cycle ${c}: failover ${result.failoverMs} ms (promote ${result.promoteMs} ms), acked ${result.outcomes.acked}, not-applied ${result.outcomes['not-applied']}, unknown ${result.outcomes.unknown} (applied ${result.unknownApplied}), lost ${result.lost.length}, problems ${JSON.stringify(result.problems)}`,
        )
        if (c < options.cycles) await cluster.rejoin()
      }
    } finally {
      await stores.close()
    }
  } finally {
    cluster.destroy()
  }
  return { cycles, failed: cycles.some((c) => c.problems.length > 0) }
}

/** The figures line of a run: failover times, acknowledged writes and what was lost. */
export function failoverSummary(run: FailoverRun, synchronous: boolean): string {
  const times = run.cycles.map((c) => c.failoverMs).sort((a, b) => a - b)
  const sum = (pick: (c: CycleResult) => number) => run.cycles.reduce((n, c) => n + pick(c), 0)
  const problems = sum((c) => c.problems.length)
  return [
    `failover (${synchronous ? 'synchronous' : 'asynchronous'} standby): ${run.cycles.length} cycles`,
    `  failover ms: median ${times[Math.floor(times.length / 2)]}, min ${times[0]}, max ${times.at(-1)}`,
    `  acknowledged writes ${sum((c) => c.outcomes.acked)}, lost ${sum((c) => c.lost.length)}`,
    `  not-applied ${sum((c) => c.outcomes['not-applied'])}, unknown ${sum((c) => c.outcomes.unknown)} (applied ${sum((c) => c.unknownApplied)})`,
    `  problems ${problems}`,
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cycles = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 3)
  const synchronous = !process.argv.includes('--async')
  const run = await runFailoverCycles({ cycles, synchronous, log: (line) => console.log(line) })
  console.log(failoverSummary(run, synchronous))
  process.exit(run.failed ? 1 : 0)
}
