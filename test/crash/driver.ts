import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { seededRandom } from '@kvgraph/core/random'
import { startCluster } from '../../scripts/pg-cluster.mjs'
import { buildChild, type ChildRun, startChild } from './child-process.js'
import { Expectations } from './expectations.js'
import { handles } from './observe.js'
import { type Figures, Violations } from './report.js'
import {
  checkConsumers,
  checkCounts,
  checkEdgeSet,
  checkHalfEdges,
  checkTypeIndex,
} from './store-checks.js'
import { StreamCheck } from './stream-check.js'
import { openTarget } from './target.js'

export interface CrashOptions {
  cycles: number
  engine: 'level' | 'postgres'
  seed: number
  workers: number
  /** The child is killed this long after it is ready: a random time in [min, max] ms. */
  killAfterMs: [number, number]
  /** On PostgreSQL: every this many cycles the server crashes too (`pg_ctl -m immediate`). */
  serverCrashEvery: number
  log?: (line: string) => void
}

/**
 * The checker's clock runs a minute ahead: every short TTL of the load (20 ms) has passed and no
 * long one (an hour) has, and nothing expires while the checks read.
 */
const CHECK_CLOCK_AHEAD_MS = 60_000

/** Runs the cycles: start a load child, kill it at a random moment, reopen the store and check. */
export async function runCrash(
  options: CrashOptions,
): Promise<{ figures: Figures; violations: Violations }> {
  const started = performance.now()
  const random = seededRandom(options.seed)
  const script = buildChild()
  const violations = new Violations()
  const expectations = new Expectations()
  const stream = new StreamCheck()
  const figures: Figures = {
    engine: options.engine === 'level' ? 'LevelDB' : 'PostgreSQL',
    cycles: 0,
    serverRestarts: 0,
    acked: 0,
    streamEntries: 0,
    reopenMs: [],
    startMs: [],
    checkMs: [],
    elapsedMs: 0,
  }
  const dir = mkdtempSync(join(tmpdir(), 'kvgraph-crash-'))
  const cluster =
    options.engine === 'postgres' ? await startCluster({ log: options.log }) : undefined
  const target = cluster ? `postgres:${cluster.url}?table=crash` : `level:${join(dir, 'db')}`
  let next: ChildRun | undefined
  try {
    const spawn = (cycle: number) =>
      startChild(script, {
        CRASH_TARGET: target,
        CRASH_SEED: String(options.seed * 100_000 + cycle),
        CRASH_WORKERS: String(options.workers),
      })
    next = spawn(1)
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      const child: ChildRun = next
      const spawned = performance.now()
      await child.go()
      figures.startMs.push(performance.now() - spawned)
      const [min, max] = options.killAfterMs
      await new Promise((resolve) => setTimeout(resolve, min + random() * (max - min)))
      child.kill()
      const { lines, failure } = await child.exited
      // The next child starts node and loads its modules while this cycle is checked.
      next = spawn(cycle + 1)
      if (failure) violations.add('childErrors', `cycle ${cycle}: ${failure}`)
      if (cluster && cycle % options.serverCrashEvery === 0) {
        cluster.stop('immediate')
        cluster.start()
        figures.serverRestarts++
      }
      const opening = performance.now()
      const store = await openTarget(target, { clock: () => Date.now() + CHECK_CLOCK_AHEAD_MS })
      const h = handles(store)
      await store.streamSeq()
      figures.reopenMs.push(performance.now() - opening)
      try {
        await expectations.check(h, lines, violations)
        await store.sweepExpired()
        await checkHalfEdges(h, violations)
        await checkEdgeSet(h, expectations.presentEdges(), violations)
        await stream.check(h, violations)
        await checkConsumers(h, options.workers, violations)
        await checkCounts(h, violations)
        await checkTypeIndex(h, 'special', violations)
      } finally {
        await store.close()
      }
      figures.checkMs.push(performance.now() - opening)
      figures.cycles = cycle
      if (violations.total > 0 && violations.examples.length >= 20) break
    }
  } finally {
    if (next) {
      next.kill()
      await next.exited
    }
    cluster?.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
  figures.acked = expectations.acked
  figures.streamEntries = stream.entries
  figures.elapsedMs = performance.now() - started
  return { figures, violations }
}
