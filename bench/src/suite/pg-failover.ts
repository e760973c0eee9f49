import { openStore, type Store } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { loadAverage } from './machine.js'
import { inFlight, type Stats, statsOf } from './measure.js'

/** scripts/pg-replicated.mjs's cluster, as far as this bench uses it. */
interface ReplicatedCluster {
  url: string
  failover(options?: { downMs?: number }): Promise<number>
  rejoin(): Promise<void>
  sql(text: string): string
  destroy(): void
}

export interface FailoverBenchOptions {
  /** Failovers to time (default 5). */
  failovers?: number
  /** Rounds of each throughput side (default 3), alternating. */
  runs?: number
  /** Puts and addEdges per round (default 2,000 each), with `width` calls in flight. */
  ops?: number
  width?: number
  log?: (line: string) => void
}

export interface FailoverBenchResult {
  /** From the primary's crash to the first write acknowledged on the new primary, ms. */
  failover: Stats
  /** What `pg_ctl promote` took of it, ms. */
  promote: Stats
  /** ops/s with the synchronous standby, and with synchronous_standby_names cleared. */
  put: { sync: Stats; async: Stats }
  addEdge: { sync: Stats; async: Stats }
  report: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Failover time and the cost of synchronous replication, on a primary + standby on loopback
 * (scripts/pg-replicated.mjs), through a multi-host URL.
 *
 * Failover time: one writer puts without pause; the primary crashes (`pg_ctl -m immediate`), the
 * standby is promoted at once, and the time runs until the writer's first acknowledged put after
 * the crash (the store is never reopened). The crashed node then rejoins as the new standby.
 *
 * Throughput: the same primary and standby, rounds alternating between
 * `synchronous_standby_names = '*'` (each commit waits for the standby) and `''` (the standby
 * streams asynchronously), so both sides see the same load on this shared machine.
 */
export async function runFailoverBench(
  options: FailoverBenchOptions = {},
): Promise<FailoverBenchResult> {
  const { failovers = 5, runs = 3, ops = 2000, width = 16, log = () => {} } = options
  const script = new URL('../../../scripts/pg-replicated.mjs', import.meta.url).href
  const { startReplicatedCluster } = (await import(script)) as {
    startReplicatedCluster: (o: { log: (line: string) => void }) => Promise<ReplicatedCluster>
  }
  log('failover: starting a primary and a synchronous standby (scripts/pg-replicated.mjs)')
  const cluster = await startReplicatedCluster({ log })
  const loadBefore = loadAverage()
  try {
    const store = await openStore(`${cluster.url}&table=failover_bench&primary_wait=30000`, {
      sweepIntervalMs: 0,
    })
    try {
      const rates = await throughput(cluster, store, runs, ops, width, log)
      const timed = await failoverTimes(cluster, store, failovers, log)
      const result = { ...timed, ...rates }
      return { ...result, report: report(result, { failovers, runs, ops, width, loadBefore }) }
    } finally {
      await store.close()
    }
  } finally {
    cluster.destroy()
  }
}

async function failoverTimes(
  cluster: ReplicatedCluster,
  store: Store,
  failovers: number,
  log: (line: string) => void,
): Promise<{ failover: Stats; promote: Stats }> {
  const times: number[] = []
  const promotes: number[] = []
  for (let f = 0; f < failovers; f++) {
    let stop = false
    const acks: number[] = []
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          await store.put(`fo/${f}/${i}`, i)
          acks.push(Date.now())
        } catch {
          await sleep(5) // KV_UNAVAILABLE after primary_wait: try again
        }
      }
    })()
    while (acks.length < 100) await sleep(5)
    const crashed = Date.now()
    promotes.push(await cluster.failover())
    // Acks before the promotion finished were the old primary's answers still in flight.
    const promoted = Date.now()
    while (!acks.some((at) => at >= promoted)) await sleep(1)
    times.push(acks.find((at) => at >= promoted)! - crashed)
    stop = true
    await writer
    log(`failover ${f + 1}: ${times.at(-1)} ms (promote ${promotes.at(-1)} ms)`)
    await cluster.rejoin()
  }
  return { failover: statsOf(times), promote: statsOf(promotes) }
}

async function throughput(
  cluster: ReplicatedCluster,
  store: Store,
  runs: number,
  ops: number,
  width: number,
  log: (line: string) => void,
): Promise<Pick<FailoverBenchResult, 'put' | 'addEdge'>> {
  const graph = new Graph(store)
  const rates = { put: { sync: [], async: [] }, addEdge: { sync: [], async: [] } } as Record<
    'put' | 'addEdge',
    Record<'sync' | 'async', number[]>
  >
  for (let r = 0; r < runs; r++) {
    for (const mode of r % 2 ? (['async', 'sync'] as const) : (['sync', 'async'] as const)) {
      cluster.sql(`ALTER SYSTEM SET synchronous_standby_names = '${mode === 'sync' ? '*' : ''}'`)
      cluster.sql('SELECT pg_reload_conf()')
      const wanted = mode === 'sync' ? 'sync' : 'async'
      while (cluster.sql('SELECT sync_state FROM pg_stat_replication') !== wanted) await sleep(20)
      const timed = async (op: (i: number) => Promise<unknown>) => {
        const started = performance.now()
        await inFlight(ops, width, op)
        return ops / ((performance.now() - started) / 1000)
      }
      rates.put[mode].push(await timed((i) => store.put(`tp/${r}/${mode}/${i}`, { i })))
      rates.addEdge[mode].push(
        await timed((i) =>
          graph.addEdge({ type: 'U', id: `${r}${mode}${i}` }, 'follows', {
            type: 'U',
            id: `${r}${mode}${(i * 7919) % ops}`,
          }),
        ),
      )
      log(
        `${mode} round ${r + 1}: put ${rates.put[mode].at(-1)!.toFixed(0)}/s, addEdge ${rates.addEdge[mode].at(-1)!.toFixed(0)}/s`,
      )
    }
  }
  cluster.sql("ALTER SYSTEM SET synchronous_standby_names = '*'")
  cluster.sql('SELECT pg_reload_conf()')
  return {
    put: { sync: statsOf(rates.put.sync), async: statsOf(rates.put.async) },
    addEdge: { sync: statsOf(rates.addEdge.sync), async: statsOf(rates.addEdge.async) },
  }
}

function report(
  result: Omit<FailoverBenchResult, 'report'>,
  run: { failovers: number; runs: number; ops: number; width: number; loadBefore: string },
): string {
  const ms = (s: Stats) => `${s.median} ms (min ${s.min}, max ${s.max}, ${s.runs} failovers)`
  const rate = (s: Stats) =>
    `${Math.round(s.median).toLocaleString('en-US')}/s (${Math.round(s.min).toLocaleString('en-US')}-${Math.round(s.max).toLocaleString('en-US')})`
  return [
    '# Failover on PostgreSQL: time and the cost of a synchronous standby',
    '',
    `Primary + one standby on loopback (scripts/pg-replicated.mjs, fsync off), one store through a`,
    `multi-host URL; load average before: ${run.loadBefore}. Machine shared: compare only side by side.`,
    '',
    `- Failover, crash to the first acknowledged put on the new primary: ${ms(result.failover)}`,
    `- of which \`pg_ctl promote\`: ${ms(result.promote)}`,
    '',
    `Throughput, ${run.ops} calls per round with ${run.width} in flight, ${run.runs} rounds per side, alternating:`,
    '',
    '| call    | synchronous standby | standby asynchronous | sync / async |',
    '| ------- | ------------------- | -------------------- | ------------ |',
    ...(['put', 'addEdge'] as const).map((call) => {
      const { sync, async } = result[call]
      return `| ${call.padEnd(7)} | ${rate(sync)} | ${rate(async)} | ${(sync.median / async.median).toFixed(2)} |`
    }),
    '',
  ].join('\n')
}
