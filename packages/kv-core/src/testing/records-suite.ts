import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JsonValue } from '../records/json.js'
import { type ConformanceTarget, rejectsWithCode, useStore } from './target.js'

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

export function recordsSuite(target: ConformanceTarget): void {
  describe(`${target.name}: records`, () => {
    const s = useStore(target, { beforeEach, afterEach })

    it('put resolves to the stored record and get reads it back', async () => {
      const record = await s.store.put('user/alice', { name: 'Alice', tags: ['a'] })
      expect(record).toMatchObject({
        key: 'user/alice',
        version: 1,
        type: 'user',
        value: { name: 'Alice', tags: ['a'] },
      })
      expect(record.created).toMatch(ISO)
      expect(record.updated).toBe(record.created)
      expect(await s.store.get('user/alice')).toEqual(record)
      expect(await s.store.get('user/bob')).toBeUndefined()
    })

    it('stores any JSON value', async () => {
      const values: JsonValue[] = [
        null,
        true,
        false,
        0,
        -1.5,
        1e300,
        '',
        'text',
        [],
        [1, [2, { a: null }]],
        {},
        { 'é😀': { '': 1 } },
      ]
      for (const [i, value] of values.entries()) await s.store.put(`v/${i}`, value)
      for (const [i, value] of values.entries())
        expect((await s.store.get(`v/${i}`))?.value).toEqual(value)
    })

    it('each write increments the version and keeps created', async () => {
      const first = await s.store.put('k', 1)
      await new Promise((resolve) => setTimeout(resolve, 5))
      const second = await s.store.put('k', 2)
      const third = await s.store.patch('k', { a: 1 })
      expect([first.version, second.version, third.version]).toEqual([1, 2, 3])
      expect(third.created).toBe(first.created)
      expect(second.updated > first.updated).toBe(true)
    })

    it('type defaults to the first key segment and can be set', async () => {
      expect((await s.store.put('user/alice/x', 1)).type).toBe('user')
      expect((await s.store.put('config', 1)).type).toBe('config')
      expect((await s.store.put('/lead', 1)).type).toBe('/lead')
      expect((await s.store.put('post/1', 1, { type: 'article' })).type).toBe('article')
      expect((await s.store.get('post/1'))?.type).toBe('article')
    })

    it('version 0 requires absence, N > 0 requires version N, -1 skips the check', async () => {
      await s.store.put('k', 'a', { version: 0 })
      await rejectsWithCode(s.store.put('k', 'b', { version: 0 }), 'KV_VERSION_CONFLICT')
      await rejectsWithCode(s.store.put('k', 'b', { version: 2 }), 'KV_VERSION_CONFLICT')
      expect((await s.store.put('k', 'b', { version: 1 })).version).toBe(2)
      expect((await s.store.put('k', 'c', { version: -1 })).version).toBe(3)
      // Unlike a-h/kv, a versioned write to a missing key is a conflict, not an insert.
      await rejectsWithCode(s.store.put('missing', 'x', { version: 1 }), 'KV_VERSION_CONFLICT')
      expect(await s.store.get('missing')).toBeUndefined()
      expect((await s.store.get('k'))?.value).toBe('c')
    })

    it('getMany returns records in the order of the keys', async () => {
      await s.store.put('a', 1)
      await s.store.put('c', 3)
      const records = await s.store.getMany(['c', 'b', 'a', 'c'])
      expect(records.map((r) => r?.value)).toEqual([3, undefined, 1, 3])
    })

    it('delete removes one or many keys and counts them', async () => {
      await s.store.put('a', 1)
      await s.store.put('b', 2)
      await s.store.put('c', 3)
      expect(await s.store.delete('a')).toBe(1)
      expect(await s.store.delete('a')).toBe(0)
      expect(await s.store.delete(['b', 'c', 'zz'])).toBe(2)
      expect(await s.store.count()).toBe(0)
      await s.store.put('d', 1)
      await rejectsWithCode(s.store.delete('d', { version: 5 }), 'KV_VERSION_CONFLICT')
      expect(await s.store.delete('d', { version: 1 })).toBe(1)
    })

    it('deletePrefix and deleteRange delete exactly their keys', async () => {
      for (const key of ['a', 'a/1', 'a/2', 'a/2/x', 'ab', 'b', 'c']) await s.store.put(key, key)
      expect(await s.store.deletePrefix('a/')).toBe(3)
      expect(await s.store.deleteRange('ab', 'c')).toBe(2)
      const keys = (await s.store.list()).records.map((r) => r.key)
      expect(keys).toEqual(['a', 'c'])
      expect(await s.store.deletePrefix('')).toBe(2)
      expect(await s.store.count()).toBe(0)
    })

    it('2,000 concurrent unconditional puts to one key end at version 2,000', async () => {
      const writes = Array.from({ length: 2000 }, (_, i) => s.store.put('counter', i))
      const records = await Promise.all(writes)
      expect(new Set(records.map((r) => r.version)).size).toBe(2000)
      expect((await s.store.get('counter'))?.version).toBe(2000)
    })

    it('100 concurrent puts expecting the same version: exactly one wins', async () => {
      await s.store.put('k', 'start')
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, (_, i) => s.store.put('k', i, { version: 1 })),
      )
      const won = results.filter((r) => r.status === 'fulfilled')
      const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
      expect(won).toHaveLength(1)
      expect(lost.every((r) => r.reason.code === 'KV_VERSION_CONFLICT')).toBe(true)
      expect((await s.store.get('k'))?.version).toBe(2)
    })
  })
}
