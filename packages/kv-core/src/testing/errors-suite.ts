import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KvError } from '../errors.js'
import { type ConformanceTarget, rejectsWithCode, useStore } from './target.js'

export function errorsSuite(target: ConformanceTarget): void {
  describe(`${target.name}: bad input`, () => {
    const s = useStore(target, { beforeEach, afterEach })

    it('rejects invalid keys with KV_INVALID_KEY naming the argument and value', async () => {
      const bad: unknown[] = [
        '',
        42,
        null,
        undefined,
        {},
        'a\ud800',
        '\udc00b',
        'x'.repeat(1025),
        'é'.repeat(513),
      ]
      for (const key of bad) {
        const error = await rejectsWithCode(s.store.put(key as string, 1), 'KV_INVALID_KEY')
        expect(error).toBeInstanceOf(KvError)
        expect(error.message).toMatch(/key/)
      }
      await rejectsWithCode(s.store.get(''), 'KV_INVALID_KEY')
      const many = await rejectsWithCode(s.store.getMany(['a', 7 as never]), 'KV_INVALID_KEY')
      // Messages name the method and the argument.
      expect(many.message).toBe('getMany: keys[1] must be a non-empty string: received 7')
      await rejectsWithCode(s.store.getPrefix('\ud800'), 'KV_INVALID_KEY')
      expect((await s.store.put('x'.repeat(1024), 1)).version).toBe(1)
      expect((await s.store.put('😀'.repeat(256), 1)).version).toBe(1)
    })

    it('rejects values that are not plain JSON with KV_INVALID_VALUE', async () => {
      const cyclic: Record<string, unknown> = {}
      cyclic.self = cyclic
      const bad: unknown[] = [
        undefined,
        () => 1,
        Symbol('s'),
        10n,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        cyclic,
        { a: undefined },
        [1, undefined],
        new Date(0),
        new Map(),
        { deep: { big: 1n } },
      ]
      for (const value of bad)
        await rejectsWithCode(s.store.put('k', value as never), 'KV_INVALID_VALUE')
      const message = (
        await rejectsWithCode(s.store.put('k', { deep: { n: Number.NaN } }), 'KV_INVALID_VALUE')
      ).message
      expect(message).toContain('value.deep.n')
      expect(message).toContain('NaN')
      expect(await s.store.get('k')).toBeUndefined()
    })

    it('enforces the value size limit', async () => {
      await rejectsWithCode(s.store.put('big', 'x'.repeat(1024 * 1024)), 'KV_INVALID_VALUE')
      expect((await s.store.put('ok', 'x'.repeat(1024 * 1024 - 2))).version).toBe(1)
      await rejectsWithCode(s.store.patch('ok', 'y'.repeat(1024 * 1024)), 'KV_INVALID_VALUE')
      const kept = await s.store.get<string>('ok')
      expect(kept?.value.length).toBe(1024 * 1024 - 2)
    })

    it('rejects bad options with KV_INVALID_ARGUMENT', async () => {
      await rejectsWithCode(s.store.put('k', 1, { version: 1.5 }), 'KV_INVALID_ARGUMENT')
      await rejectsWithCode(s.store.put('k', 1, { version: -2 }), 'KV_INVALID_ARGUMENT')
      await rejectsWithCode(s.store.put('k', 1, { type: '' }), 'KV_INVALID_ARGUMENT')
      const error = await rejectsWithCode(
        s.store.put('k', 1, { version: '3' as never }),
        'KV_INVALID_ARGUMENT',
      )
      expect(error.message).toBe(
        'put: options.version must be -1, 0 or a positive integer: received "3" (string of length 1)',
      )
      await rejectsWithCode(() => s.store.namespace(''), 'KV_INVALID_ARGUMENT')
      expect(await s.store.count()).toBe(0)
    })

    it('a closed store rejects every call with KV_CLOSED and keeps its data', async () => {
      await s.store.put('k', 1)
      const other = s.store
      await other.close()
      await rejectsWithCode(other.get('k'), 'KV_CLOSED')
      await rejectsWithCode(other.put('k', 2), 'KV_CLOSED')
      await rejectsWithCode(other.list(), 'KV_CLOSED')
      await other.close() // idempotent
    })
  })
}
