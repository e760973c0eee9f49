import { afterEach, describe, expect, it } from 'vitest'
import type { JsonValue } from '../records/json.js'
import type { Store } from '../store/store.js'
import type { StreamEntry } from '../stream/stream.js'
import { type ConformanceTarget, failedMutate, rejectsWithCode } from './target.js'

/** Replays a stream into the data it describes. */
export function replay(entries: StreamEntry[]): Map<string, JsonValue> {
  const data = new Map<string, JsonValue>()
  for (const entry of entries) {
    if (entry.action === 'create' || entry.action === 'update') data.set(entry.key, entry.value)
    else data.delete(entry.key)
  }
  return data
}

export function expectGapFree(entries: StreamEntry[], first = 1): void {
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => first + i))
}

export function streamSuite(target: ConformanceTarget): void {
  describe(`${target.name}: change stream`, () => {
    let store: Store
    afterEach(async () => {
      await (target.dispose ? target.dispose(store) : store.close())
    })

    it('records every committed change, gap-free, in the same write', async () => {
      store = await target.open()
      expect(await store.streamSeq()).toBe(0)
      await store.put('user/a', { n: 1 })
      await store.put('user/a', { n: 2 })
      await store.patch('user/a', { m: 3 })
      await store.delete('user/a')
      await store.mutate([
        { op: 'put', key: 'post/1', value: 'x' },
        { op: 'put', key: 'post/2', value: 'y', type: 'article' },
      ])
      await store.deletePrefix('post/')
      await store.put('r/1', 1)
      await store.deleteRange('r/', 'r/9')
      const entries = await store.stream()
      expectGapFree(entries)
      expect(entries.map((e) => [e.action, e.key, e.version])).toEqual([
        ['create', 'user/a', 1],
        ['update', 'user/a', 2],
        ['update', 'user/a', 3],
        ['delete', 'user/a', 3],
        ['create', 'post/1', 1],
        ['create', 'post/2', 1],
        ['delete', 'post/1', 1],
        ['delete', 'post/2', 1],
        ['create', 'r/1', 1],
        ['delete', 'r/1', 1],
      ])
      expect(entries[2]!.value).toEqual({ n: 2, m: 3 })
      expect(entries[3]!.value).toEqual({ n: 2, m: 3 }) // delete carries the last value
      expect(entries[7]!.type).toBe('article')
      expect(entries[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      expect(await store.streamSeq()).toBe(10)
    })

    it('a rejected mutate appends nothing', async () => {
      store = await target.open()
      await store.put('a', 1)
      await failedMutate(store, 'b', 'a')
      expect((await store.stream()).map((e) => e.key)).toEqual(['a'])
    })

    it('filters by from, type, prefix and limit', async () => {
      store = await target.open()
      for (let i = 0; i < 10; i++) await store.put(i % 2 ? `odd/${i}` : `even/${i}`, i)
      expect((await store.stream({ from: 8 })).map((e) => e.seq)).toEqual([8, 9, 10])
      expect((await store.stream({ type: 'odd' })).map((e) => e.value)).toEqual([1, 3, 5, 7, 9])
      expect(
        (await store.stream({ prefix: 'even/', from: 4, limit: 2 })).map((e) => e.value),
      ).toEqual([4, 6])
      await rejectsWithCode(store.stream({ limit: 0 }), 'KV_INVALID_ARGUMENT')
      await rejectsWithCode(store.stream({ from: -1 }), 'KV_INVALID_ARGUMENT')
    })

    it('trims without ever restarting seqs', async () => {
      store = await target.open()
      for (let i = 0; i < 5; i++) await store.put(`k/${i}`, i)
      expect(await store.streamTrim(3)).toBe(3)
      expect((await store.stream()).map((e) => e.seq)).toEqual([4, 5])
      expect(await store.streamTrim(100)).toBe(2)
      expect(await store.stream()).toEqual([])
      await store.put('k/next', 1)
      expect((await store.stream()).map((e) => e.seq)).toEqual([6])
      expect(await store.streamSeq()).toBe(6)
    })

    it('under concurrency the stream stays gap-free and replays to the data', async () => {
      store = await target.open()
      const writes = Array.from({ length: 600 }, (_, i) => {
        const key = `c/${i % 37}`
        if (i % 5 === 0) return store.delete(key)
        if (i % 7 === 0) return store.patch(key, { i })
        return store.put(key, { i })
      })
      await Promise.all(writes)
      const entries = await store.stream({ limit: 10_000 })
      expectGapFree(entries)
      const data = new Map((await store.list()).records.map((r) => [r.key, r.value]))
      expect(replay(entries)).toEqual(data)
    })

    it('can be turned off for bulk loads', async () => {
      store = await target.open({ stream: false })
      await store.put('a', 1)
      expect((await store.get('a'))?.value).toBe(1)
      await rejectsWithCode(() => store.stream(), 'KV_INVALID_ARGUMENT')
      await rejectsWithCode(() => store.watch(''), 'KV_INVALID_ARGUMENT')
    })
  })
}
