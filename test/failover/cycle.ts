import { openStore, type Store } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { PostgresEngine, type PostgresEngineOptions } from '@kvgraph/postgres'
import { settle } from './bounded.js'
import { checkFailover, type FailoverReport } from './check.js'
import { FailoverFollowers } from './followers.js'
import { FailoverLoad, hubOf } from './load.js'
import { FailoverTasks } from './tasks.js'

/** The cluster a cycle fails over: scripts/pg-replicated.mjs's, or anything that acts alike. */
export interface FailoverTarget {
  /** A multi-host URL that follows the primary. */
  url: string
  synchronous: boolean
  /** Crashes the primary, waits `downMs`, promotes the standby; resolves to the promotion's ms. */
  failover(options?: { downMs?: number }): Promise<number>
}

/** Two stores on one cluster: the load's, and a second one (another process's view). */
export interface FailoverStores {
  store: Store
  listenerStore: Store
  close(): Promise<void>
}

/** Opens both stores through the cluster's multi-host URL (`table` defaults to `failover`). */
export async function openFailoverStores(
  url: string,
  options: PostgresEngineOptions = {},
): Promise<FailoverStores> {
  const open = async () =>
    openStore(await PostgresEngine.open(url, { table: 'failover', ...options }), {
      pollIntervalMs: 100,
    })
  const store = await open()
  const listenerStore = await open()
  return {
    store,
    listenerStore,
    close: async () => {
      await store.close()
      await listenerStore.close()
    },
  }
}

export interface CycleResult extends FailoverReport {
  /** From the primary's crash to the first write acknowledged on the new primary. */
  failoverMs: number
  /** What `pg_ctl promote` took, inside failoverMs. */
  promoteMs: number
}

export interface CycleOptions {
  /** Keeps this cycle's keys apart from other cycles' on the same table. */
  prefix: string
  /** Acknowledged writes before the crash (default 200) and after it (default 200). */
  before?: number
  after?: number
  writers?: number
  /** Writes must resume within this after the crash (default 30 s). */
  resumeMs?: number
  /** Time without a primary between the crash and the promotion (default 1 s). */
  downMs?: number
}

/**
 * One failover under mixed load: puts, addEdge and checked mutates from several writers, a
 * consumer, a watcher, an onCommit listener, a graph holding the hub's adjacency and a task
 * runner (tasks enqueued before the crash and after the promotion must all run). Crashes the
 * primary once `before` writes are acknowledged, promotes the standby, waits for writes to
 * resume (the stores are never reopened), lets `after` more through, puts one key the watcher
 * must hear, then checks (see checkFailover). Afterwards the cluster has no standby: rejoin it
 * before the next cycle.
 */
export async function failoverCycle(
  target: FailoverTarget,
  stores: FailoverStores,
  options: CycleOptions,
): Promise<CycleResult> {
  const { store, listenerStore } = stores
  const {
    prefix,
    before = 200,
    after = 200,
    writers = 4,
    resumeMs = 30_000,
    downMs = 1000,
  } = options
  const heldGraph = new Graph(listenerStore)
  const streamStart = await store.streamSeq()
  const followers = new FailoverFollowers(store, listenerStore, prefix)
  const load = new FailoverLoad({ store, graph: new Graph(store), prefix, writers })
  const tasks = new FailoverTasks(store, prefix)
  let failoverMs: number
  let promoteMs: number
  try {
    await tasks.enqueue('before', 20)
    await load.waitForAcks(before, 0, 60_000)
    // The held graph reads the hub's adjacency now, and must drop it as edges come in.
    for await (const _ of heldGraph.bfs(hubOf(prefix), { maxDepth: 1 })) {
    }
    const crashed = Date.now()
    promoteMs = await target.failover({ downMs })
    const promoted = Date.now()
    const firstAck = await load.waitForAcks(1, promoted, resumeMs)
    failoverMs = firstAck - crashed
    await tasks.enqueue('after', 20)
    await load.waitForAcks(after, promoted, 60_000)
  } finally {
    await load.stop()
  }
  const tasksRan = await followers.until(() => tasks.missing().length === 0, 15_000)
  await tasks.stop()
  const afterKey = `${prefix}/after`
  const put = await settle(() => store.put(afterKey, true), 45_000)
  const report = await checkFailover({
    store,
    heldGraph,
    prefix,
    ops: load.ops,
    followers,
    streamStart,
    afterKey,
    synchronous: target.synchronous,
  })
  await followers.stop()
  if (put.outcome !== 'acked')
    report.problems.push(`the put after the failover ended ${put.outcome}`)
  if (!tasksRan) report.problems.push(`the task runner did not run ${tasks.missing().length} tasks`)
  if (tasks.enqueued.size < 40) report.problems.push(`${40 - tasks.enqueued.size} enqueues failed`)
  return { ...report, failoverMs, promoteMs }
}
