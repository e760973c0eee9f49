import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ReplicatedCluster, startReplicatedCluster } from '../scripts/pg-replicated.mjs'
import { type FailoverStores, failoverCycle, openFailoverStores } from './failover/cycle.js'

// A primary with a synchronous standby fails over under mixed load, through a multi-host URL:
// the stores are opened once and never reopened. Nothing acknowledged may be lost.
describe('failover with a synchronous standby', () => {
  let cluster: ReplicatedCluster
  let stores: FailoverStores

  beforeAll(async () => {
    cluster = await startReplicatedCluster({ synchronous: true, log: () => {} })
    stores = await openFailoverStores(cluster.url, { connectTimeoutMs: 2000 })
  })
  afterAll(async () => {
    await stores?.close()
    cluster?.destroy()
  })

  it('resumes by itself, loses nothing acknowledged, half-applies nothing, and every follower catches up', async () => {
    const info = await stores.store.engineInfo()
    expect(info).toMatchObject({ host: `127.0.0.1:${cluster.primary().port}`, role: 'primary' })
    expect(info.replication).toEqual([
      expect.objectContaining({ state: 'streaming', syncState: 'sync' }),
    ])

    const result = await failoverCycle(cluster, stores, { prefix: 'sync' })
    console.log(
      `sync failover: ${result.failoverMs} ms to the first write on the new primary (promote ${result.promoteMs} ms); outcomes ${JSON.stringify(result.outcomes)}, unknown applied ${result.unknownApplied}`,
    )
    expect(result.problems).toEqual([])
    expect(result.lost).toEqual([])
    expect(result.failoverMs).toBeLessThan(30_000)
    expect(result.outcomes.acked).toBeGreaterThanOrEqual(400)

    const after = await stores.store.engineInfo()
    expect(after).toMatchObject({ host: `127.0.0.1:${cluster.primary().port}`, role: 'primary' })
    expect(after.replication).toEqual([])
  })
})
