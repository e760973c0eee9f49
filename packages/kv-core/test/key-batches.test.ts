import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { keyBatches, rawKeyBatches } from '@kvgraph/core/internal'
import { ManualClock } from '@kvgraph/core/testing'
import { AbstractLevel } from 'abstract-level'
import { afterEach, describe, expect, it, vi } from 'vitest'

const opened: Array<{ store: Store; dir?: string }> = []
afterEach(async () => {
  vi.restoreAllMocks()
  for (const { store, dir } of opened.splice(0)) {
    await store.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
})

async function open(engine: 'memory' | 'leveldb', clock?: ManualClock): Promise<Store> {
  const options = clock ? { clock: clock.read, sweepIntervalMs: 0 } : {}
  if (engine === 'memory') {
    const store = await openStore(':memory:', options)
    opened.push({ store })
    return store
  }
  const dir = mkdtempSync(join(tmpdir(), 'kv-key-batches-'))
  const store = await openStore(join(dir, 'db'), options)
  opened.push({ store, dir })
  return store
}

for (const engine of ['memory', 'leveldb'] as const) {
  describe(`${engine}: keyBatches`, () => {
    it('yields the keys of keys() in order, in arrays of at most 1,000', async () => {
      const store = await open(engine)
      const keys = Array.from({ length: 2500 }, (_, i) => `k/${String(i).padStart(5, '0')}`)
      await store.mutate(keys.map((key) => ({ op: 'put' as const, key, value: 1 })))
      await store.put('other', 1)
      const batches: string[][] = []
      for await (const batch of keyBatches(store, { prefix: 'k/' })) batches.push(batch)
      expect(batches.flat()).toEqual(keys)
      for (const batch of batches) expect(batch.length).toBeGreaterThan(0)
      for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(1000)
      const reversed: string[] = []
      for await (const batch of keyBatches(store, { prefix: 'k/' }, { reverse: true }))
        reversed.push(...batch)
      expect(reversed).toEqual([...keys].reverse())
      const streamed: string[] = []
      for await (const key of store.keys({ start: 'k/00010', end: 'k/00020' })) streamed.push(key)
      expect(streamed).toEqual(keys.slice(10, 20))
    })

    it('yields batches of up to batchSize keys, with or without records that expire', async () => {
      const clock = new ManualClock()
      const store = await open(engine, clock)
      const keys = Array.from({ length: 25_000 }, (_, i) => `k/${String(i).padStart(5, '0')}`)
      await store.mutate(keys.map((key) => ({ op: 'put' as const, key, value: 1 })))
      const lengths = async () => {
        const seen: string[] = []
        const sizes: number[] = []
        for await (const batch of keyBatches(store, { prefix: 'k/' }, { batchSize: 10_000 })) {
          seen.push(...batch)
          sizes.push(batch.length)
        }
        expect(seen).toEqual(keys)
        return sizes
      }
      // Keys only: the engine is asked for room for the larger batches too.
      const keysOnly = await lengths()
      expect(Math.max(...keysOnly)).toBe(10_000)
      await store.put('k/00000', 1, { ttl: 1000 })
      const withValues = await lengths()
      expect(Math.max(...withValues)).toBeGreaterThan(1000)
      expect(Math.max(...withValues)).toBeLessThanOrEqual(10_000)
    })

    it('rawKeyBatches: the same keys, each still carrying the store prefix up to offset', async () => {
      const clock = new ManualClock()
      const root = await open(engine, clock)
      for (const store of [
        root,
        root.namespace('inner'),
        root.namespace('inner').namespace('deep'),
      ]) {
        const keys = Array.from({ length: 2500 }, (_, i) => `k/${String(i).padStart(5, '0')}`)
        await store.mutate(keys.map((key) => ({ op: 'put' as const, key, value: 1 })))
        const raw = async () => {
          const cut: string[] = []
          for await (const { keys: batch, offset } of rawKeyBatches(store, { prefix: 'k/' })) {
            for (const key of batch) {
              expect(key.length).toBeGreaterThan(offset)
              cut.push(key.slice(offset))
            }
          }
          return cut
        }
        expect(await raw()).toEqual(keys)
        // Once a record can expire, the scan reads records: the keys come raw all the same.
        await store.put('k/00001', 1, { ttl: 10 })
        clock.advance(10)
        expect(await raw()).toEqual(keys.filter((key) => key !== 'k/00001'))
        await root.sweepExpired()
      }
    })

    it('rejects a batchSize that is not a positive integer', async () => {
      const store = await open(engine)
      await store.put('k/1', 1)
      for (const batchSize of [0, -1, 1.5, Number.NaN, '10' as unknown as number]) {
        const scan = keyBatches(store, { prefix: 'k/' }, { batchSize })
        await expect(scan.next()).rejects.toMatchObject({
          code: 'KV_INVALID_ARGUMENT',
          message: expect.stringContaining('batchSize'),
        })
      }
      expect(await store.get('k/1')).toMatchObject({ value: 1 })
    })

    it('leaves out expired records and keys of other namespaces', async () => {
      const clock = new ManualClock()
      const store = await open(engine, clock)
      await store.put('a/1', 1, { ttl: 10 })
      await store.put('a/2', 2)
      await store.namespace('inner').put('a/3', 3)
      clock.advance(10)
      const keys: string[] = []
      for await (const batch of keyBatches(store, { prefix: 'a/' })) keys.push(...batch)
      expect(keys).toEqual(['a/2'])
      const inner: string[] = []
      for await (const batch of keyBatches(store.namespace('inner'), { prefix: '' }))
        inner.push(...batch)
      expect(inner).toEqual(['a/3'])
    })

    it('reads no values while no record can expire, and leaves out expired records once one can', async () => {
      const clock = new ManualClock()
      const store = await open(engine, clock)
      await store.mutate(
        ['a/1', 'a/2', 'a/3'].map((key) => ({ op: 'put' as const, key, value: 1 })),
      )
      // Whether the scan (its one iterator over 'a/') read values. classic-level serves keys()
      // with an iterator of its own that reads none, so that one is not counted as a scan.
      const readsValues = async () => {
        const ofScan = (calls: unknown[][]) =>
          calls
            .map(([opts]) => opts as { gte?: string; values?: boolean })
            .filter((opts) => opts.gte?.endsWith('a/'))
        const entries = vi.spyOn(AbstractLevel.prototype, 'iterator')
        const keysOnly = vi.spyOn(AbstractLevel.prototype, 'keys')
        const keys: string[] = []
        for await (const batch of keyBatches(store, { prefix: 'a/' })) keys.push(...batch)
        const withValues = ofScan(entries.mock.calls).filter((opts) => opts.values !== false)
        const keyScans = ofScan(keysOnly.mock.calls)
        entries.mockRestore()
        keysOnly.mockRestore()
        expect(withValues.length + keyScans.length).toBe(1)
        return { keys, values: withValues.length === 1 }
      }
      expect(await readsValues()).toEqual({ keys: ['a/1', 'a/2', 'a/3'], values: false })
      await store.put('a/2', 2, { ttl: 10 })
      expect(await readsValues()).toEqual({ keys: ['a/1', 'a/2', 'a/3'], values: true })
      clock.advance(10)
      expect(await readsValues()).toEqual({ keys: ['a/1', 'a/3'], values: true })
      await store.sweepExpired()
      expect(await readsValues()).toEqual({ keys: ['a/1', 'a/3'], values: false })
    })
  })
}
