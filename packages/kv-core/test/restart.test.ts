import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '@kvgraph/core'
import { expectGapFree, ManualClock, replay } from '@kvgraph/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let dir: string
let path: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kv-restart-'))
  path = join(dir, 'db')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('stream, consumers, TTL and locks across close and reopen', () => {
  it('keeps the stream gap-free and matching the data through concurrent writes and restarts', async () => {
    let n = 0
    for (let round = 0; round < 4; round++) {
      const store = await openStore(path)
      await Promise.all(
        Array.from({ length: 150 }, () => {
          const i = n++
          return i % 4 === 0 ? store.delete(`k/${i % 23}`) : store.put(`k/${i % 23}`, { i })
        }),
      )
      if (round === 1) await store.streamTrim(0) // a no-op trim must not disturb anything
      const entries = await store.stream({ limit: 100_000 })
      expectGapFree(entries)
      const data = new Map((await store.list()).records.map((r) => [r.key, r.value]))
      expect(replay(entries)).toEqual(data)
      expect(await store.streamSeq()).toBe(entries.length)
      await store.close()
    }
  })

  it('continues seqs after trimming everything and reopening', async () => {
    const store = await openStore(path)
    for (let i = 0; i < 3; i++) await store.put(`k/${i}`, i)
    await store.streamTrim(3)
    await store.close()
    const again = await openStore(path)
    expect(await again.streamSeq()).toBe(3)
    await again.put('k/3', 3)
    expect((await again.stream()).map((e) => e.seq)).toEqual([4])
    await again.close()
  })

  it('a consumer sees every change exactly once after commits, across restarts', async () => {
    const seen: number[] = []
    for (let round = 0; round < 3; round++) {
      const store = await openStore(path)
      await Promise.all(Array.from({ length: 40 }, (_, i) => store.put(`r${round}/${i}`, i)))
      const consumer = store.consumer('mirror', { leaseMs: 50 })
      for (let batch = await consumer.next(7); batch.length > 0; batch = await consumer.next(7)) {
        seen.push(...batch.map((e) => e.seq))
        await consumer.commit(batch.at(-1)!.seq)
      }
      // Delivered but not committed before a "crash": redelivered after the restart.
      await store.put(`r${round}/extra`, 1)
      expect((await consumer.next(10)).length).toBe(1)
      await store.close()
      await new Promise((resolve) => setTimeout(resolve, 60)) // let the lease run out
    }
    const store = await openStore(path)
    const consumer = store.consumer('mirror')
    for (let batch = await consumer.next(100); batch.length > 0; batch = await consumer.next(100)) {
      seen.push(...batch.map((e) => e.seq))
      await consumer.commit(batch.at(-1)!.seq)
    }
    expect(seen).toEqual(Array.from({ length: 123 }, (_, i) => i + 1))
    await store.close()
  })

  it('sweeps records that expired while the store was closed, and keeps locks', async () => {
    const clock = new ManualClock()
    const store = await openStore(path, { clock: clock.read, sweepIntervalMs: 0 })
    await store.put('session/a', 'a', { ttl: 1000 })
    await store.put('session/b', 'b', { ttl: 5000 })
    expect(await store.lockAcquire('leader', 'node-1', 10_000)).toBe(true)
    await store.close()
    clock.advance(2000)
    const again = await openStore(path, { clock: clock.read, sweepIntervalMs: 0 })
    expect(await again.get('session/a')).toBeUndefined()
    expect(await again.sweepExpired()).toBe(1)
    expect((await again.stream()).at(-1)).toMatchObject({
      action: 'expire',
      key: 'session/a',
      value: 'a',
    })
    expect((await again.get('session/b'))?.value).toBe('b')
    expect(await again.lockAcquire('leader', 'node-2', 10_000)).toBe(false)
    expect((await again.lockStatus('leader'))?.owner).toBe('node-1')
    await again.close()
  })

  it('sequences continue after a restart', async () => {
    const store = await openStore(path)
    await Promise.all(Array.from({ length: 100 }, () => store.seq('ids')))
    await store.close()
    const again = await openStore(path)
    expect(await again.seq('ids')).toBe(101)
    await again.close()
  })
})
