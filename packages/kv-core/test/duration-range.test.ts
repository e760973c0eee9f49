// Regression (issue 24, defect 5): a TTL, lock duration or lease past the Date range was accepted,
// after which reads of that key (and lockStatus, consumer status) threw a RangeError.
import { describe, expect, it } from 'vitest'
import { ENGINES, useStores } from './helpers/stores.js'

const { open } = useStores()
const HUGE = [8.64e15, 1e300, Number.MAX_VALUE, Number.POSITIVE_INFINITY, Number.NaN, -1, 0]

const invalid = (name: string) => ({
  code: 'KV_INVALID_ARGUMENT',
  message: expect.stringContaining(name),
})

for (const engine of ENGINES) {
  describe(`${engine}: durations outside the Date range`, () => {
    it('are refused by put, mutate, lockAcquire and consumer, and nothing is stored', async () => {
      const store = await open(engine)
      await store.put('k', 'kept')
      for (const ttl of HUGE) {
        await expect(store.put('k', 1, { ttl })).rejects.toMatchObject(invalid('put: options.ttl'))
        await expect(store.mutate([{ op: 'put', key: 'k', value: 1, ttl }])).rejects.toMatchObject(
          invalid('mutate: mutations[0].ttl'),
        )
        await expect(store.lockAcquire('l', 'me', ttl)).rejects.toMatchObject(
          invalid('lockAcquire: durationMs'),
        )
        expect(() => store.consumer('c', { leaseMs: ttl })).toThrow(
          expect.objectContaining(invalid('consumer: options.leaseMs')),
        )
      }
      // The key and the lock stay readable: nothing invalid was written.
      expect((await store.get('k'))?.value).toBe('kept')
      expect((await store.scan({ prefix: '' })).records).toHaveLength(1)
      expect(await store.lockStatus('l')).toBeUndefined()
    })

    it('accept the longest allowed duration, and reads show its expiry', async () => {
      const store = await open(engine)
      const record = await store.put('k', 1, { ttl: 1e15 })
      expect(Date.parse(record.expires!)).toBeGreaterThan(Date.now())
      expect((await store.get('k'))?.expires).toBe(record.expires)
      expect(await store.lockAcquire('l', 'me', 1e15)).toBe(true)
      expect((await store.lockStatus('l'))?.owner).toBe('me')
      const consumer = store.consumer('c', { leaseMs: 1e15 })
      await consumer.next()
      expect((await consumer.status()).lease?.owner).toBe(consumer.owner)
    })
  })
}
