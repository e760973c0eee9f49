/**
 * Runs failover cycles back to back on one primary + standby, the stores opened once:
 *
 *   npx tsx test/failover/run-cycles.ts [cycles=3] [--async]
 *
 * Prints each cycle's figures and problems; exits 1 if any cycle had a problem (with a
 * synchronous standby, a lost write is one). The crash harness can call failoverCycle() the same
 * way: cycle, rejoin(), cycle...
 */
import { startReplicatedCluster } from '../../scripts/pg-replicated.mjs'
import { failoverCycle, openFailoverStores } from './cycle.js'

const cycles = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 3)
const synchronous = !process.argv.includes('--async')
const cluster = await startReplicatedCluster({ synchronous, log: () => {} })
let failed = false
try {
  const stores = await openFailoverStores(cluster.url, { connectTimeoutMs: 2000 })
  try {
    for (let c = 1; c <= cycles; c++) {
      const result = await failoverCycle(cluster, stores, { prefix: `cycle${c}` })
      failed ||= result.problems.length > 0
      console.log(
        `cycle ${c}: failover ${result.failoverMs} ms (promote ${result.promoteMs} ms), acked ${result.outcomes.acked}, not-applied ${result.outcomes['not-applied']}, unknown ${result.outcomes.unknown} (applied ${result.unknownApplied}), lost ${result.lost.length}, problems ${JSON.stringify(result.problems)}`,
      )
      if (c < cycles) await cluster.rejoin()
    }
  } finally {
    await stores.close()
  }
} finally {
  cluster.destroy()
}
process.exit(failed ? 1 : 0)
