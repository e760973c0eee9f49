// Regression (issue 24, defect 11): options of the wrong type were silently ignored or taken as
// false, and some out-of-range values were accepted. Each is a typed error naming the option.
import { openStore } from '@kvgraph/core'
import { describe, expect, it } from 'vitest'
import { ENGINES, useStores } from './helpers/stores.js'

const { open, path } = useStores()

const invalid = (name: string) => ({
  name: 'KvError',
  code: 'KV_INVALID_ARGUMENT',
  message: expect.stringContaining(name),
})

describe('openStore options', () => {
  it('refuses sync and stream that are not booleans', async () => {
    await expect(openStore(path(), { sync: 'yes' as never })).rejects.toMatchObject(
      invalid('openStore: options.sync'),
    )
    await expect(openStore(':memory:', { stream: 'no' as never })).rejects.toMatchObject(
      invalid('openStore: options.stream'),
    )
  })
})

for (const engine of ENGINES) {
  describe(`${engine}: wrong option types`, () => {
    it('reverse must be a boolean in scan, entries and keys', async () => {
      const store = await open(engine)
      await store.mutate([
        { op: 'put', key: 'a', value: 1 },
        { op: 'put', key: 'b', value: 2 },
      ])
      const reverse = 'yes' as never
      await expect(store.scan({ prefix: '' }, { reverse })).rejects.toMatchObject(
        invalid('scan: options.reverse'),
      )
      await expect(store.entries({ prefix: '' }, { reverse }).next()).rejects.toMatchObject(
        invalid('entries: options.reverse'),
      )
      await expect(store.keys({ prefix: '' }, { reverse }).next()).rejects.toMatchObject(
        invalid('keys: options.reverse'),
      )
      const backwards = (await store.scan({ prefix: '' }, { reverse: true })).records
      expect(backwards.map((r) => r.key)).toEqual(['b', 'a'])
    })

    it('options of put, patch and delete must be objects, and nothing is written', async () => {
      const store = await open(engine)
      await store.put('k', 'kept')
      await expect(store.put('k', 1, 'abc' as never)).rejects.toMatchObject(invalid('put: options'))
      await expect(store.patch('k', { a: 1 }, 5 as never)).rejects.toMatchObject(
        invalid('patch: options'),
      )
      await expect(store.delete('k', [] as never)).rejects.toMatchObject(invalid('delete: options'))
      // Fields other than the options' own never replace the call's key or operation.
      await store.put('k', 'new', { key: 'other', op: 'delete' } as never)
      expect((await store.get('k'))?.value).toBe('new')
      expect(await store.get('other')).toBeUndefined()
    })

    it('consumer type must be a type name', async () => {
      const store = await open(engine)
      expect(() => store.consumer('c', { type: 5 as never })).toThrow(
        expect.objectContaining(invalid('consumer: options.type')),
      )
      expect(() => store.consumer('c', 'x' as never)).toThrow(
        expect.objectContaining(invalid('consumer: options')),
      )
    })

    it('consumer.commit beyond the stream head is refused and the position kept', async () => {
      const store = await open(engine)
      await store.put('a', 1)
      await store.put('b', 2)
      const consumer = store.consumer('c')
      await expect(consumer.commit(1000)).rejects.toMatchObject(invalid('consumer.commit: seq'))
      expect((await consumer.status()).position).toBe(0)
      await consumer.commit(1)
      await store.put('c', 3)
      expect((await consumer.next()).map((entry) => entry.key)).toEqual(['b', 'c'])
    })

    it('seq() refuses to pass 2^53 - 1 and keeps the counter', async () => {
      const store = await open(engine)
      const max = Number.MAX_SAFE_INTEGER
      expect(await store.seq('n', max - 1)).toBe(max - 1)
      expect(await store.seq('n')).toBe(max)
      await expect(store.seq('n')).rejects.toMatchObject(invalid('seq: increment'))
      expect(await store.seq('n', 0)).toBe(max)
      expect(await store.seq('n', -max)).toBe(0)
    })
  })
}
