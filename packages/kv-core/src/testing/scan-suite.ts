import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JsonValue } from '../records/json.js'
import type { KvRecord } from '../records/record.js'
import type { ScanOptions } from '../scan/pages.js'
import type { KvSelector } from '../scan/selector.js'
import { prefixGroups, scanValues } from '../store/internal-api.js'
import type { Store } from '../store/store.js'
import { ManualClock } from './clock.js'
import { type ConformanceTarget, rejectsWithCode, useStore } from './target.js'

async function allPages(
  store: Store,
  selector: KvSelector,
  options: ScanOptions,
): Promise<KvRecord[]> {
  const records: KvRecord[] = []
  let cursor: string | undefined
  do {
    const page = await store.scan(selector, { ...options, ...(cursor ? { cursor } : {}) })
    records.push(...page.records)
    cursor = page.cursor
  } while (cursor)
  return records
}

export function scanSuite(target: ConformanceTarget): void {
  describe(`${target.name}: scans`, () => {
    const s = useStore(target, { beforeEach, afterEach })

    it('orders keys by UTF-8 bytes and bounds prefixes on bytes', async () => {
      const keys = ['z', 'é', '😀', '\uffff', 'a', 'a\u0100', 'a\u{10ffff}', 'aé', 'a😀', 'b']
      for (const key of keys) await s.store.put(key, key)
      const listed = (await s.store.list()).records.map((r) => r.key)
      expect(listed).toEqual([
        'a',
        'aé',
        'a\u0100',
        'a😀',
        'a\u{10ffff}',
        'b',
        'z',
        'é',
        '\uffff',
        '😀',
      ])
      const prefixed = (await s.store.getPrefix('a')).records.map((r) => r.key)
      expect(prefixed).toEqual(['a', 'aé', 'a\u0100', 'a😀', 'a\u{10ffff}'])
      expect(await s.store.countPrefix('\uffff')).toBe(1)
      expect((await s.store.getPrefix('😀')).records.map((r) => r.key)).toEqual(['😀'])
    })

    it('keys with separators and control characters never leak into another prefix', async () => {
      const keys = ['a/', 'a/\0', 'a\0', 'a\0/b', 'a\xff', 'a\xff\xff', 'a/😀', 'a//', 'ab']
      for (const key of keys) await s.store.put(key, 1)
      expect((await s.store.getPrefix('a/')).records.map((r) => r.key)).toEqual([
        'a/',
        'a/\0',
        'a//',
        'a/😀',
      ])
      expect((await s.store.getPrefix('a\0')).records.map((r) => r.key)).toEqual(['a\0', 'a\0/b'])
      expect((await s.store.getPrefix('a\xff')).records.map((r) => r.key)).toEqual([
        'a\xff',
        'a\xff\xff',
      ])
      expect(await s.store.countPrefix('a')).toBe(keys.length)
    })

    it('ranges are half-open and reverse scans run backwards', async () => {
      for (const key of ['a', 'b', 'c', 'd']) await s.store.put(key, key)
      expect((await s.store.getRange('b', 'd')).records.map((r) => r.key)).toEqual(['b', 'c'])
      expect((await s.store.scan({ start: 'b' })).records.map((r) => r.key)).toEqual([
        'b',
        'c',
        'd',
      ])
      expect((await s.store.scan({ end: 'b' })).records.map((r) => r.key)).toEqual(['a'])
      expect((await s.store.getRange('c', 'b')).records).toEqual([])
      expect((await s.store.list({ reverse: true })).records.map((r) => r.key)).toEqual([
        'd',
        'c',
        'b',
        'a',
      ])
      expect(await s.store.countRange('a', 'c')).toBe(2)
    })

    it('pages with a cursor visit every record exactly once, both directions', async () => {
      const keys = Array.from({ length: 57 }, (_, i) => `item/${String(i).padStart(3, '0')}`)
      for (const key of keys) await s.store.put(key, key)
      await s.store.put('other', 1)
      const forward = await allPages(s.store, { prefix: 'item/' }, { limit: 10 })
      expect(forward.map((r) => r.key)).toEqual(keys)
      const backward = await allPages(s.store, { prefix: 'item/' }, { limit: 7, reverse: true })
      expect(backward.map((r) => r.key)).toEqual([...keys].reverse())
      const exact = await s.store.getPrefix('item/', { limit: 57 })
      expect(exact.cursor).toBeUndefined()
    })

    it('pages agree with the record stream: limits, offsets, cursors, expired and large records', async () => {
      const clock = new ManualClock()
      const store = await target.open({ clock: clock.read, sweepIntervalMs: 0 })
      try {
        const keys = Array.from({ length: 40 }, (_, i) => `p/${String(i).padStart(2, '0')}`)
        const written = new Map<string, string>()
        for (const [i, key] of keys.entries()) {
          // Values over 16 KiB make a LevelDB read return fewer entries than a page asks for.
          const value = i % 7 === 0 ? 'x'.repeat(20_000) : i
          // Every fourth and the last two expire before the reads (unswept); every fifth later.
          const ttl = i % 4 === 1 || i >= 38 ? 100 : i % 5 === 0 ? 1_000_000 : undefined
          await store.put(key, value, ttl === undefined ? {} : { ttl })
          written.set(key, new Date(clock.now).toISOString())
          if (i % 3 === 0) clock.advance(1) // some records share their write time, some do not
        }
        await store.put('p0', 'outside the prefix')
        clock.advance(1000)
        const liveKeys = keys.filter((_, i) => !(i % 4 === 1 || i >= 38))
        for (const reverse of [false, true]) {
          const live: KvRecord[] = []
          for await (const record of store.entries({ prefix: 'p/' }, { reverse })) live.push(record)
          expect(live.map((r) => r.key)).toEqual(reverse ? [...liveKeys].reverse() : liveKeys)
          for (const record of live) expect(record.created).toBe(written.get(record.key))
          for (const limit of [1, 2, 3, 9, 10, 11, 27, 28, 29, 1000]) {
            for (const offset of [0, 1, 5]) {
              let remaining = live
              let cursor: string | undefined
              do {
                const page = await store.scan(
                  { prefix: 'p/' },
                  { limit, offset, reverse, ...(cursor ? { cursor } : {}) },
                )
                expect(page.records).toEqual(remaining.slice(offset, offset + limit))
                expect(page.cursor !== undefined).toBe(remaining.length > offset + limit)
                // scanValues: the same page as keys and values, the same cursor.
                const values = await scanValues(
                  store,
                  { prefix: 'p/' },
                  { limit, offset, reverse, ...(cursor ? { cursor } : {}) },
                )
                expect(values).toEqual({
                  keys: page.records.map((r) => r.key),
                  values: page.records.map((r) => r.value),
                  ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
                })
                remaining = remaining.slice(offset + limit)
                // Alternate whose cursor resumes: they are interchangeable.
                cursor = limit % 2 === 0 ? page.cursor : values.cursor
              } while (cursor)
            }
          }
        }
      } finally {
        await (target.dispose ? target.dispose(store) : store.close())
      }
    })

    it('scanValues pages match scan pages: ranges, reverse, types, odd values, rejections', async () => {
      const entries: Array<[string, JsonValue, { type?: string }]> = [
        ['a', 'x\ny', {}],
        ['a/1', { nested: ['a\n', 1, null], ',': ',' }, { type: 'with,comma\nand "newline"' }],
        ['a/2', null, {}],
        ['a/3', 0, { type: 'a' }],
        ['a\0', [], {}],
        ['b', 'é😀', {}],
        ['b/\n', true, { type: '\n' }],
      ]
      for (const [key, value, options] of entries) await s.store.put(key, value, options)
      await s.store.put('a/2', 'second version')
      const selectors: KvSelector[] = [
        { prefix: '' },
        { prefix: 'a' },
        { prefix: 'a/' },
        { start: 'a/', end: 'b' },
        { start: 'b' },
        { end: 'a\0' },
        { start: 'b', end: 'a' },
        { prefix: 'zz' },
      ]
      for (const selector of selectors) {
        for (const reverse of [false, true]) {
          for (const limit of [1, 2, 1000]) {
            let cursor: string | undefined
            do {
              const options = { limit, reverse, ...(cursor ? { cursor } : {}) }
              const page = await s.store.scan(selector, options)
              const values = await scanValues(s.store, selector, options)
              expect(values.keys).toEqual(page.records.map((r) => r.key))
              expect(values.values).toEqual(page.records.map((r) => r.value))
              expect(values.cursor).toBe(page.cursor)
              cursor = values.cursor
            } while (cursor)
          }
        }
      }
      expect((await scanValues(s.store, { prefix: 'a/' })).values).toEqual([
        { nested: ['a\n', 1, null], ',': ',' },
        'second version',
        0,
      ])
      const first = await scanValues(s.store, { prefix: 'a' }, { limit: 1 })
      await rejectsWithCode(
        scanValues(s.store, { prefix: 'b' }, { cursor: first.cursor! }),
        'KV_INVALID_CURSOR',
      )
      await rejectsWithCode(
        scanValues(s.store, { prefix: 'a' }, { cursor: first.cursor!, reverse: true }),
        'KV_INVALID_CURSOR',
      )
      await rejectsWithCode(
        scanValues(s.store, { prefix: 'a' }, { limit: 0 }),
        'KV_INVALID_ARGUMENT',
      )
      await rejectsWithCode(
        scanValues(s.store, { prefix: 'a' }, { offset: 1.5 }),
        'KV_INVALID_ARGUMENT',
      )
      await rejectsWithCode(
        scanValues(s.store, null as unknown as KvSelector),
        'KV_INVALID_ARGUMENT',
      )
      await rejectsWithCode(scanValues(s.store, { prefix: '\ud800' }), 'KV_INVALID_KEY')
    })

    it('offset skips records after the cursor', async () => {
      for (const key of ['a', 'b', 'c', 'd', 'e']) await s.store.put(key, key)
      const first = await s.store.list({ limit: 1, offset: 1 })
      expect(first.records.map((r) => r.key)).toEqual(['b'])
      const next = await s.store.list({ limit: 2, offset: 1, cursor: first.cursor! })
      expect(next.records.map((r) => r.key)).toEqual(['d', 'e'])
    })

    it('a cursor keeps working while other writes happen', async () => {
      const keys = Array.from({ length: 40 }, (_, i) => `k/${String(i).padStart(2, '0')}`)
      for (const key of keys) await s.store.put(key, 0)
      const seen: string[] = []
      let cursor: string | undefined
      let round = 0
      do {
        const page = await s.store.getPrefix('k/', { limit: 6, ...(cursor ? { cursor } : {}) })
        seen.push(...page.records.map((r) => r.key))
        cursor = page.cursor
        // Interleave inserts, updates and deletes of keys that did not exist throughout.
        await s.store.put(`k/${String(round).padStart(2, '0')}x`, round)
        await s.store.put(keys[(round * 7) % keys.length]!, round)
        await s.store.delete(`k/${String(round - 1).padStart(2, '0')}x`)
        round++
      } while (cursor)
      const stable = seen.filter((key) => !key.endsWith('x'))
      expect(stable).toEqual(keys)
    })

    it('rejects cursors that are malformed or belong to another scan', async () => {
      for (const key of ['a/1', 'a/2', 'b/1']) await s.store.put(key, 1)
      const page = await s.store.getPrefix('a/', { limit: 1 })
      expect(page.cursor).toBeTypeOf('string')
      await rejectsWithCode(
        s.store.getPrefix('a/', { cursor: 'not a cursor' }),
        'KV_INVALID_CURSOR',
      )
      await rejectsWithCode(s.store.getPrefix('b/', { cursor: page.cursor! }), 'KV_INVALID_CURSOR')
      await rejectsWithCode(
        s.store.getPrefix('a/', { cursor: page.cursor!, reverse: true }),
        'KV_INVALID_CURSOR',
      )
      await rejectsWithCode(s.store.getPrefix('a/', { limit: 0 }), 'KV_INVALID_ARGUMENT')
      await rejectsWithCode(s.store.getPrefix('a/', { offset: -1 }), 'KV_INVALID_ARGUMENT')
    })

    it('getType finds records by default and explicit type, paged in key order', async () => {
      await s.store.put('user/a', 1)
      await s.store.put('user/b', 2)
      await s.store.put('user', 3)
      await s.store.put('user-x', 4) // default type 'user-x'
      await s.store.put('legacy/1', 5, { type: 'user' })
      await s.store.put('user/c', 6, { type: 'admin' })
      const users = (await s.store.getType('user')).records.map((r) => r.key)
      expect(users).toEqual(['legacy/1', 'user', 'user/a', 'user/b'])
      const page = await s.store.getType('user', { limit: 2 })
      const rest = await s.store.getType('user', { limit: 10, cursor: page.cursor! })
      expect([...page.records, ...rest.records].map((r) => r.key)).toEqual(users)
      expect((await s.store.getType('user', { reverse: true })).records.map((r) => r.key)).toEqual(
        [...users].reverse(),
      )
      expect((await s.store.getType('admin')).records.map((r) => r.key)).toEqual(['user/c'])
      await s.store.put('legacy/1', 7) // back to its default type
      expect((await s.store.getType('user')).records.map((r) => r.key)).toEqual([
        'user',
        'user/a',
        'user/b',
      ])
      await s.store.delete('user/c')
      expect((await s.store.getType('admin')).records).toEqual([])
    })

    it('entries and keys stream every record with bounded pages', async () => {
      for (let i = 0; i < 1200; i++) await s.store.put(`e/${String(i).padStart(4, '0')}`, i)
      let n = 0
      for await (const record of s.store.entries({ prefix: 'e/' })) expect(record.value).toBe(n++)
      expect(n).toBe(1200)
      const keys: string[] = []
      for await (const key of s.store.keys({ prefix: 'e/' }, { reverse: true })) keys.push(key)
      expect(keys[0]).toBe('e/1199')
      expect(keys).toHaveLength(1200)
      expect(await s.store.count()).toBe(1200)
    })

    it('prefixGroups reads many prefixes with one iterator', async () => {
      for (const key of ['n/1/a', 'n/1/b', 'n/10/a', 'n/2/a', 'n/3']) await s.store.put(key, key)
      const groups: Array<[string, string[]]> = []
      for await (const group of prefixGroups(s.store, ['n/2/', 'n/1/', 'n/9/', 'n/1/'])) {
        groups.push([group.prefix, group.records.map((r) => r.key)])
      }
      expect(groups).toEqual([
        ['n/1/', ['n/1/a', 'n/1/b']],
        ['n/2/', ['n/2/a']],
        ['n/9/', []],
      ])
    })
  })
}
