import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ConformanceTarget, rejectsWithCode, useStore } from './target.js'

export function mutateSuite(target: ConformanceTarget): void {
  describe(`${target.name}: mutate`, () => {
    const s = useStore(target, { beforeEach, afterEach })

    it('applies every mutation and reports rows affected per mutation', async () => {
      for (const key of ['old/1', 'old/2', 'r/a', 'r/b', 'gone']) await s.store.put(key, 1)
      const rows = await s.store.mutate([
        { op: 'check', key: 'gone', version: 1 },
        { op: 'check', key: 'never', version: 0 },
        { op: 'put', key: 'new', value: { a: 1 } },
        { op: 'patch', key: 'new', patch: { b: 2 } },
        { op: 'delete', key: 'gone' },
        { op: 'delete', key: 'never' },
        { op: 'deletePrefix', prefix: 'old/' },
        { op: 'deleteRange', start: 'r/a', end: 'r/c' },
      ])
      expect(rows).toEqual([0, 0, 1, 1, 1, 0, 2, 2])
      const record = await s.store.get('new')
      expect(record).toMatchObject({ version: 2, value: { a: 1, b: 2 } })
      expect(await s.store.count()).toBe(1)
    })

    it('a failed check applies nothing and names the failing mutation', async () => {
      await s.store.put('a', 1)
      await s.store.put('b', 1)
      const error = await rejectsWithCode(
        s.store.mutate([
          { op: 'put', key: 'a', value: 2 },
          { op: 'deletePrefix', prefix: '' },
          { op: 'put', key: 'c', value: 3 },
          { op: 'check', key: 'b', version: 7 },
        ]),
        'KV_VERSION_CONFLICT',
      )
      expect(error.index).toBe(3)
      expect(error.message).toContain('mutations[3]')
      expect((await s.store.get('a'))?.value).toBe(1)
      expect((await s.store.get('b'))?.version).toBe(1)
      expect(await s.store.get('c')).toBeUndefined()
    })

    it('each mutation sees the ones before it', async () => {
      const rows = await s.store.mutate([
        { op: 'put', key: 'x', value: 1, version: 0 },
        { op: 'check', key: 'x', version: 1 },
        { op: 'put', key: 'x', value: 2, version: 1 },
      ])
      expect(rows).toEqual([1, 0, 1])
      expect((await s.store.get('x'))?.version).toBe(2)
    })

    it('names the mutation and the part of it that is invalid', async () => {
      const ok = { op: 'put', key: 'ok', value: 1 } as const
      const cases: Array<[unknown, string, string]> = [
        [{ op: 'put', key: '', value: 1 }, 'KV_INVALID_KEY', 'mutations[1].key'],
        [
          { op: 'put', key: 'k', value: { a: [1, Number.NaN] } },
          'KV_INVALID_VALUE',
          'mutations[1].value.a[1]',
        ],
        [
          { op: 'put', key: 'k', value: 'x'.repeat(2_000_000) },
          'KV_INVALID_VALUE',
          'mutations[1].value must be at most',
        ],
        [
          { op: 'put', key: 'k', value: 1, version: 1.5 },
          'KV_INVALID_ARGUMENT',
          'mutations[1].version',
        ],
        [{ op: 'put', key: 'k', value: 1, ttl: -1 }, 'KV_INVALID_ARGUMENT', 'mutations[1].ttl'],
        [{ op: 'delete', key: '\ud800' }, 'KV_INVALID_KEY', 'mutations[1].key'],
        [
          { op: 'patch', key: 'k', patch: { a: undefined } },
          'KV_INVALID_VALUE',
          'mutations[1].patch.a',
        ],
        [null, 'KV_INVALID_ARGUMENT', 'mutations[1] must be a mutation object'],
      ]
      for (const [bad, code, name] of cases) {
        const error = await rejectsWithCode(s.store.mutate([ok, bad as never]), code as never)
        expect(error.message).toContain(name)
      }
      expect(await s.store.count()).toBe(0)
    })

    it('rejects a malformed mutation before writing anything', async () => {
      await rejectsWithCode(
        s.store.mutate([{ op: 'put', key: 'ok', value: 1 }, { op: 'explode', key: 'x' } as never]),
        'KV_INVALID_ARGUMENT',
      )
      await rejectsWithCode(s.store.mutate([{ op: 'put', key: '', value: 1 }]), 'KV_INVALID_KEY')
      await rejectsWithCode(
        s.store.mutate([{ op: 'check', key: 'a', version: -1 }]),
        'KV_INVALID_ARGUMENT',
      )
      await rejectsWithCode(s.store.mutate('nope' as never), 'KV_INVALID_ARGUMENT')
      expect(await s.store.count()).toBe(0)
    })

    it('many concurrent mutates never lose an update', async () => {
      await s.store.put('n', 0)
      // Optimistic increments: retry on conflict, like a user of versioned records would.
      const increment = async () => {
        for (;;) {
          const current = (await s.store.get<number>('n'))!
          try {
            await s.store.mutate([
              { op: 'put', key: 'n', value: current.value + 1, version: current.version },
            ])
            return
          } catch (error) {
            if ((error as { code?: string }).code !== 'KV_VERSION_CONFLICT') throw error
          }
        }
      }
      await Promise.all(Array.from({ length: 50 }, increment))
      expect((await s.store.get('n'))?.value).toBe(50)
    })
  })
}
