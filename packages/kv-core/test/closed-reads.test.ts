// Regression (issue 24, defect 10): iterators in flight at close() threw abstract-level's
// LEVEL_ITERATOR_NOT_OPEN instead of KV_CLOSED.
import { keyBatches } from '@kvgraph/core/internal'
import { describe, expect, it } from 'vitest'
import { ENGINES, useStores } from './helpers/stores.js'

const { open } = useStores()

for (const engine of ENGINES) {
  describe(`${engine}: reads cut short by close()`, () => {
    it('reject with KV_CLOSED', async () => {
      const store = await open(engine)
      const keys = Array.from({ length: 3000 }, (_, i) => `k/${String(i).padStart(4, '0')}`)
      await store.mutate(keys.map((key) => ({ op: 'put' as const, key, value: 1 })))
      const records = store.entries({ prefix: 'k/' })
      const keyStream = store.keys({ prefix: 'k/' })
      const batches = keyBatches(store, { prefix: 'k/' }, { batchSize: 10 })
      await records.next()
      await keyStream.next()
      await batches.next()
      await store.close()
      const drain = async (iterator: AsyncGenerator<unknown>) => {
        for await (const _ of iterator);
      }
      for (const iterator of [records, keyStream, batches])
        await expect(drain(iterator)).rejects.toMatchObject({ code: 'KV_CLOSED' })
    })
  })
}
