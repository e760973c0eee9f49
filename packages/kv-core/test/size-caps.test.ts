// Regression (issue 24, defect 3): keyBatches(..., { batchSize: 1e9 }) aborted the process with
// std::bad_alloc, even on a two-key database. Every size option is capped with a typed error.
import { keyBatches } from '@kvgraph/core/internal'
import { describe, expect, it } from 'vitest'
import { ENGINES, useStores } from './helpers/stores.js'

const { open } = useStores()

const tooLarge = (name: string) => ({
  code: 'KV_INVALID_ARGUMENT',
  message: expect.stringContaining(name),
})

for (const engine of ENGINES) {
  describe(`${engine}: size options`, () => {
    it('above their cap are refused with a typed error naming the option', async () => {
      const store = await open(engine)
      await store.mutate([
        { op: 'put', key: 'a', value: 1 },
        { op: 'put', key: 'b', value: 2 },
      ])
      await expect(
        keyBatches(store, { prefix: '' }, { batchSize: 1e9 }).next(),
      ).rejects.toMatchObject(tooLarge('keyBatches: options.batchSize'))
      await expect(
        store.keys({ prefix: '' }, { batchSize: 1e9 } as never).next(),
      ).rejects.toMatchObject(tooLarge('keys: options.batchSize'))
      await expect(store.scan({ prefix: '' }, { limit: 1e9 })).rejects.toMatchObject(
        tooLarge('scan: options.limit'),
      )
      await expect(store.stream({ limit: 1e9 })).rejects.toMatchObject(
        tooLarge('stream: query.limit'),
      )
      await expect(store.consumer('c').next(1e9)).rejects.toMatchObject(
        tooLarge('consumer.next: limit'),
      )
      // The process is alive and the data intact.
      expect((await store.scan({ prefix: '' })).records.map((r) => r.key)).toEqual(['a', 'b'])
    })

    it('at their cap still work', async () => {
      const store = await open(engine)
      await store.put('a', 1)
      const batches: string[][] = []
      for await (const batch of keyBatches(store, { prefix: '' }, { batchSize: 100_000 }))
        batches.push(batch)
      expect(batches).toEqual([['a']])
      expect((await store.scan({ prefix: '' }, { limit: 1_000_000 })).records).toHaveLength(1)
    })
  })
}
