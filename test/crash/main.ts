/**
 * `npm run crash -- --cycles N [--engine level|postgres] [--seed S]`: the kill -9 harness.
 * `--engine postgres --failover`: N failover cycles instead (test/failover/): the primary crashes
 * under mixed load, the synchronous standby is promoted, the stores follow it.
 * Prints the figures summary; exits 1 on any violation.
 */
import { parseArgs } from 'node:util'
import { runCrash } from './driver.js'
import { summary } from './report.js'

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '20' },
    engine: { type: 'string', default: 'level' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    workers: { type: 'string', default: '3' },
    failover: { type: 'boolean', default: false },
  },
})
const engine = values.engine
if (engine !== 'level' && engine !== 'postgres') {
  console.error(`--engine must be level or postgres: received ${JSON.stringify(engine)}`)
  process.exit(2)
}
const cycles = Number(values.cycles)
if (!Number.isSafeInteger(cycles) || cycles < 1) {
  console.error(`--cycles must be a positive integer: received ${JSON.stringify(values.cycles)}`)
  process.exit(2)
}
if (values.failover) {
  if (engine !== 'postgres') {
    console.error('--failover needs --engine postgres')
    process.exit(2)
  }
  const { failoverSummary, runFailoverCycles } = await import('../failover/run-cycles.js')
  const run = await runFailoverCycles({ cycles, synchronous: true, log: (l) => console.error(l) })
  console.log(`crash ${failoverSummary(run, true)}`)
  process.exit(run.failed ? 1 : 0)
}
const seed = Number(values.seed)
const { figures, violations } = await runCrash({
  cycles,
  engine,
  seed,
  workers: Number(values.workers),
  // PostgreSQL's writes are round trips: a longer window gives each cycle a useful load.
  killAfterMs: engine === 'level' ? [20, 300] : [100, 800],
  serverCrashEvery: 3,
  log: (line) => console.error(line),
})
console.log(`${summary(figures, violations)} (seed ${seed})`)
process.exit(violations.total > 0 ? 1 : 0)
