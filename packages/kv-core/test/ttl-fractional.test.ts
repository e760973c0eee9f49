// Regression (issue 24, defect 4): a fractional TTL padded into the expiry index sorted wrong, so
// the record was never swept and no `expire` entry reached the stream.
import { ManualClock } from '@kvgraph/core/testing'
import { describe, expect, it } from 'vitest'
import { ENGINES, useStores } from './helpers/stores.js'

const { open } = useStores()

for (const engine of ENGINES) {
  describe(`${engine}: fractional TTLs`, () => {
    it('round up to a whole ms and are swept with an expire entry', async () => {
      const clock = new ManualClock()
      const store = await open(engine, { clock: clock.read, sweepIntervalMs: 0 })
      const record = await store.put('a', 1, { ttl: 100.5 })
      expect(Date.parse(record.expires!) - clock.now).toBe(101)
      await store.mutate([{ op: 'put', key: 'b', value: 2, ttl: 0.25 }])
      clock.advance(101)
      expect(await store.sweepExpired()).toBe(2)
      const expired = (await store.stream()).filter((entry) => entry.action === 'expire')
      expect(expired.map((entry) => entry.key).sort()).toEqual(['a', 'b'])
      expect(await store.get('a')).toBeUndefined()
    })
  })
}
