import type { Store } from '@kvgraph/core'
import { onCommit } from '@kvgraph/core/internal'
import { expectGapFree } from '@kvgraph/core/testing'
import { describe, expect, it } from 'vitest'

// Regression (issue 24, defect 8): deletePrefix and deleteRange held the whole range, and with
// the stream on every old value, in one transaction (+530 MB at 1M keys). They now delete in
// windows of DELETE_BATCH keys, one transaction each, and still tell the stream and watchers.

const COUNT = 25_000 // two and a half windows of 10,000
const key = (i: number) => `k/${String(i).padStart(6, '0')}`

export function deleteInBatchesTests(name: string, open: () => Promise<Store>): void {
  describe(`${name}: deletePrefix and deleteRange in batches`, () => {
    it('delete every record in bounded transactions, each on the stream and heard', async () => {
      const store = await open()
      for (let i = 0; i < COUNT; i += 5000) {
        const keys = Array.from({ length: 5000 }, (_, j) => key(i + j))
        await store.mutate(keys.map((k) => ({ op: 'put' as const, key: k, value: { i: k } })))
      }
      await store.put('l/kept', 1)
      await store.put('j/kept', 1)
      const before = await store.streamSeq()
      const commits: number[] = []
      const stop = onCommit(store, (changes) => commits.push(changes.length))
      const watcher = store.watch('k/')
      const firstEvents = watcher.next()

      expect(await store.deletePrefix('k/')).toBe(COUNT)
      stop()

      expect(commits.length).toBeGreaterThanOrEqual(3)
      for (const size of commits) expect(size).toBeLessThanOrEqual(10_000)
      expect(commits.reduce((a, b) => a + b, 0)).toBe(COUNT)
      const deletes = await store.stream({ from: before + 1, limit: COUNT + 10 })
      expect(deletes).toHaveLength(COUNT)
      expect(deletes.every((entry) => entry.action === 'delete')).toBe(true)
      expect(deletes.map((entry) => entry.key)).toEqual(
        Array.from({ length: COUNT }, (_, i) => key(i)),
      )
      expectGapFree(await store.stream({ limit: 100_000 }))
      const events = (await firstEvents).value!
      expect(events[0]).toMatchObject({ type: 'delete', key: key(0) })
      await watcher.return(undefined)
      expect(await store.count()).toBe(2)
    })

    it('deleteRange stops at its end and counts only live records', async () => {
      const store = await open()
      const keys = Array.from({ length: COUNT }, (_, i) => key(i))
      await store.mutate(keys.map((k) => ({ op: 'put' as const, key: k, value: 1 })))
      expect(await store.deleteRange(key(5), key(20_005))).toBe(20_000)
      const left = (await store.scan({ prefix: 'k/' }, { limit: 10_000 })).records.map((r) => r.key)
      expect(left).toEqual([...keys.slice(0, 5), ...keys.slice(20_005)])
      expect(await store.deletePrefix('nothing/')).toBe(0)
      expect(await store.deleteRange(key(9), key(3))).toBe(0)
    })
  })
}
