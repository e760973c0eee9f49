import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ConformanceTarget, useStore } from './target.js'

export function namespaceSuite(target: ConformanceTarget): void {
  describe(`${target.name}: namespaces`, () => {
    const s = useStore(target, { beforeEach, afterEach })

    it('isolates keys, scans, counts and deletes between namespaces', async () => {
      const names = ['a', 'a\0', 'a\0\0', 'b', 'a/b', '😀']
      for (const name of names) await s.store.namespace(name).put('k', name)
      await s.store.put('k', 'root')
      for (const name of names) {
        const ns = s.store.namespace(name)
        expect((await ns.get('k'))?.value).toBe(name)
        expect(await ns.count()).toBe(1)
        expect((await ns.list()).records.map((r) => r.value)).toEqual([name])
      }
      expect(await s.store.count()).toBe(1)
      expect(await s.store.namespace('a').deletePrefix('')).toBe(1)
      expect((await s.store.namespace('a\0').get('k'))?.value).toBe('a\0')
      expect((await s.store.get('k'))?.value).toBe('root')
    })

    it('nests, and a key can never reach into a nested namespace', async () => {
      const outer = s.store.namespace('t')
      const inner = outer.namespace('u')
      await inner.put('k', 'inner')
      await outer.put('u\0\0\0dk', 'tricky')
      await outer.put('k', 'outer')
      expect((await inner.get('k'))?.value).toBe('inner')
      expect((await outer.get('k'))?.value).toBe('outer')
      expect(await inner.count()).toBe(1)
      expect(await outer.count()).toBe(2)
      expect(await s.store.namespace('t/u').count()).toBe(0)
    })
  })
}
