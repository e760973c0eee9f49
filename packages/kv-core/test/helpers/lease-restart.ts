import type { Store } from '@kvgraph/core'
import { expect, it } from 'vitest'

/**
 * Regression (issue 24, defect 6): a consumer's lease outlived a clean close(), so the restarted
 * process got KV_LOCKED for the whole lease (30 s by default). `reopen` opens the same storage
 * again as a new store, as a restarted process would.
 */
export function leaseRestartTest(open: () => Promise<Store>, reopen: () => Promise<Store>): void {
  it('a consumer of a closed store is free for the restarted process at once', async () => {
    const before = await open()
    for (let i = 1; i <= 3; i++) await before.put(`k/${i}`, i)
    const consumer = before.consumer('indexer') // default lease: 30 s
    await consumer.next()
    await consumer.commit(2)
    await before.close()

    const after = await reopen()
    try {
      const restarted = after.consumer('indexer')
      expect((await restarted.next()).map((entry) => entry.seq)).toEqual([3])
      expect((await restarted.status()).position).toBe(2)
    } finally {
      await after.close()
    }
  })
}
