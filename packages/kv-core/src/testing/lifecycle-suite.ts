import { afterEach, describe, expect, it } from 'vitest'
import type { Store } from '../store/store.js'
import { type ConformanceTarget, rejectsWithCode } from './target.js'

/**
 * What close() leaves behind, on every engine: consumers hand their leases back (issue 24,
 * defect 6) and reads cut short fail with KV_CLOSED (defect 10).
 */
export function lifecycleSuite(target: ConformanceTarget): void {
  describe(`${target.name}: closing consumers and stores`, () => {
    let store: Store
    afterEach(async () => {
      await (target.dispose ? target.dispose(store) : store.close())
    })

    it('consumer.close() hands the lease back at once and keeps the position', async () => {
      store = await target.open()
      for (let i = 1; i <= 3; i++) await store.put(`k/${i}`, i)
      const first = store.consumer('indexer')
      expect((await first.next(1)).map((e) => e.seq)).toEqual([1])
      await first.commit(1)
      const second = store.consumer('indexer')
      await rejectsWithCode(second.next(), 'KV_LOCKED')
      await first.close()
      expect((await first.status()).lease).toBeUndefined()
      expect((await second.next()).map((e) => e.seq)).toEqual([2, 3])
      expect((await second.status()).lease?.owner).toBe(second.owner)
      // A closed handle is done; it does not take the lease back.
      await rejectsWithCode(first.next(), 'KV_CLOSED')
      await rejectsWithCode(first.commit(2), 'KV_CLOSED')
      await first.close()
      expect((await second.status()).lease?.owner).toBe(second.owner)
    })

    it('close() hands back the leases of its consumers, in every namespace', async () => {
      store = await target.open()
      await store.put('a', 1)
      await store.namespace('ns').put('b', 2)
      const root = store.consumer('c', { leaseMs: 3_600_000 })
      const inner = store.namespace('ns').consumer('c', { leaseMs: 3_600_000 })
      await root.next()
      await inner.next()
      expect((await root.status()).lease).toBeDefined()
      await store.close()
      await rejectsWithCode(root.next(), 'KV_CLOSED')
      await rejectsWithCode(inner.commit(1), 'KV_CLOSED')
    })

    it('scans in flight at close() reject with KV_CLOSED', async () => {
      store = await target.open()
      const keys = Array.from({ length: 3000 }, (_, i) => `k/${String(i).padStart(4, '0')}`)
      await store.mutate(keys.map((key) => ({ op: 'put' as const, key, value: i(key) })))
      const records = store.entries({ prefix: 'k/' })
      const keyStream = store.keys({ prefix: 'k/' })
      await records.next()
      await keyStream.next()
      await store.close()
      const drain = async (iterator: AsyncGenerator<unknown>) => {
        for await (const _ of iterator);
      }
      await rejectsWithCode(drain(records), 'KV_CLOSED')
      await rejectsWithCode(drain(keyStream), 'KV_CLOSED')
    })
  })
}

const i = (key: string) => Number(key.slice(2))
