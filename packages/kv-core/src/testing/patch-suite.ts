import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JsonValue } from '../records/json.js'
import { type ConformanceTarget, rejectsWithCode, useStore } from './target.js'

/** RFC 7396 appendix A: [target, patch, result]. */
export const RFC7396_EXAMPLES: Array<[JsonValue, JsonValue, JsonValue]> = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
]

export function patchSuite(target: ConformanceTarget): void {
  describe(`${target.name}: merge patch`, () => {
    const s = useStore(target, { beforeEach, afterEach })

    it('follows every example of RFC 7396', async () => {
      for (const [i, [before, patch, after]] of RFC7396_EXAMPLES.entries()) {
        await s.store.put(`p/${i}`, before)
        const record = await s.store.patch(`p/${i}`, patch)
        expect(record.value, `example ${i}`).toEqual(after)
        expect((await s.store.get(`p/${i}`))?.value, `example ${i}`).toEqual(after)
      }
    })

    it('creates a missing key from the patch unless a version > 0 is expected', async () => {
      expect((await s.store.patch('new', { a: 1, b: null })).value).toEqual({ a: 1 })
      await rejectsWithCode(
        s.store.patch('absent', { a: 1 }, { version: 1 }),
        'KV_VERSION_CONFLICT',
      )
      expect(await s.store.get('absent')).toBeUndefined()
      expect((await s.store.patch('new', { c: 2 }, { version: 1 })).version).toBe(2)
    })

    it('never lets __proto__, constructor or prototype reach Object.prototype', async () => {
      await s.store.put('o', { safe: true })
      const patch = JSON.parse(
        '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}, "prototype": 3}',
      )
      const record = await s.store.patch('o', patch)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.getPrototypeOf(record.value)).toBe(Object.prototype)
      const stored = (await s.store.get('o'))?.value as Record<string, unknown>
      expect(Object.hasOwn(stored, '__proto__')).toBe(true)
      expect(stored.constructor).toEqual({ prototype: { polluted: 2 } })
      expect(stored.prototype).toBe(3)
    })
  })
}
