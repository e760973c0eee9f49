import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Cluster, startCluster } from '../../../scripts/pg-cluster.mjs'
import { PostgresEngine } from '../src/index.js'

// A server that crashes mid-load: in-flight and later calls reject with KV_UNAVAILABLE (never
// hang), the engine reconnects by itself once the server is back, and every write it
// acknowledged is still there. This file runs its own cluster, so stopping it disturbs no one.
describe('server restart', () => {
  let cluster: Cluster
  let engine: PostgresEngine

  beforeAll(async () => {
    cluster = await startCluster({ log: () => {} })
    engine = await PostgresEngine.open(cluster.url, {
      table: 'restart',
      poolSize: 4,
      connectTimeoutMs: 2000,
      // Calls wait this long for the server to come back, then reject: short, so many reject.
      primaryWaitMs: 100,
    })
  })
  afterAll(async () => {
    await engine?.close()
    cluster?.destroy()
  })

  // immediate: a crash, sessions cut; fast: sessions told 57P01 (admin shutdown), then closed.
  it.each(['immediate', 'fast'] as const)(
    'stopped (%s): rejects with KV_UNAVAILABLE while down, recovers after, loses nothing acknowledged',
    async (mode) => {
      const acked: string[] = []
      const prefix = `${mode}/`
      const errors: Array<{ code?: string; message: string }> = []
      let next = 0
      let stop = false
      const writer = async () => {
        while (!stop) {
          const key = `${prefix}${String(next++).padStart(6, '0')}`
          try {
            await engine.transact(async (txn) => {
              const count = Number((await txn.get(`${prefix}count`)) ?? 0)
              txn.put(`${prefix}count`, String(count + 1))
              txn.put(key, 'v')
            })
            acked.push(key)
          } catch (error) {
            errors.push(error as { code?: string; message: string })
            await sleep(20)
          }
        }
      }
      const writers = Array.from({ length: 4 }, writer)
      while (acked.length < 100) await sleep(5)

      cluster.stop(mode)
      const ackedBefore = acked.length
      await sleep(1500) // writers keep calling: each call rejects, none hangs
      const errorsWhileDown = errors.length
      expect(errorsWhileDown).toBeGreaterThan(4)
      expect(errors.every((e) => e.code === 'KV_UNAVAILABLE')).toBe(true)
      expect(errors[0]!.message).toContain('PostgreSQL at postgres://postgres:***@127.0.0.1')

      cluster.start()
      const restarted = Date.now()
      while (acked.length < ackedBefore + 100) {
        expect(Date.now() - restarted).toBeLessThan(20_000)
        await sleep(20)
      }
      stop = true
      await Promise.all(writers)

      const stored = await engine.getMany(acked)
      expect(stored.filter((v) => v !== 'v')).toEqual([])
      // Each acknowledged transaction incremented the counter once; unacknowledged ones may have
      // committed too (a crash can cut the reply after the commit), so the counter is at least it.
      const count = Number(await engine.get(`${prefix}count`))
      expect(count).toBeGreaterThanOrEqual(acked.length)
      expect(count).toBeLessThanOrEqual(acked.length + errors.length)
      expect(await engine.get(acked.at(-1)!)).toBe('v')
    },
  )
})
