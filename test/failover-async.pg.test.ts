import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ReplicatedCluster, startReplicatedCluster } from '../scripts/pg-replicated.mjs'
import { type FailoverStores, failoverCycle, openFailoverStores } from './failover/cycle.js'

// The same failover with an asynchronous standby: acknowledged writes may be lost (the standby
// had not received them). This test reports how many; it asserts only that the store recovered
// by itself and that nothing is half-applied.
describe('failover with an asynchronous standby', () => {
  let cluster: ReplicatedCluster
  let stores: FailoverStores

  beforeAll(async () => {
    cluster = await startReplicatedCluster({ synchronous: false, log: () => {} })
    stores = await openFailoverStores(cluster.url, { connectTimeoutMs: 2000 })
  })
  afterAll(async () => {
    await stores?.close()
    cluster?.destroy()
  })

  it('recovers by itself and half-applies nothing; reports the acknowledged writes lost', async () => {
    expect((await stores.store.engineInfo()).replication).toEqual([
      expect.objectContaining({ state: 'streaming', syncState: 'async' }),
    ])
    const result = await failoverCycle(cluster, stores, { prefix: 'async' })
    console.log(
      `async failover: ${result.lost.length} of ${result.outcomes.acked} acknowledged writes lost; ${result.failoverMs} ms to the first write on the new primary; outcomes ${JSON.stringify(result.outcomes)}`,
    )
    expect(result.failoverMs).toBeLessThan(30_000)
    const halves = result.problems.filter((p) => /half|untyped|hung|not-applied but/.test(p))
    expect(halves).toEqual([])
    expect(result.outcomes.untyped + result.outcomes.hung).toBe(0)
  })
})
