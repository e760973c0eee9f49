import { afterEach, describe, expect, it } from 'vitest'
import type { Store } from '../store/store.js'
import type { WatchEvent } from '../stream/watch.js'
import { ManualClock } from './clock.js'
import { type ConformanceTarget, rejectsWithCode } from './target.js'

/** Collects watch batches until `count` events arrived. */
async function collect(
  iterable: AsyncIterable<WatchEvent[]>,
  count: number,
): Promise<WatchEvent[]> {
  const events: WatchEvent[] = []
  for await (const batch of iterable) {
    events.push(...batch)
    if (events.length >= count) break
  }
  return events
}

export function liveSuite(target: ConformanceTarget): void {
  describe(`${target.name}: consumers, watch, TTL, locks, sequences`, () => {
    let store: Store
    afterEach(async () => {
      await (target.dispose ? target.dispose(store) : store.close())
    })

    it('a consumer redelivers until it commits, and filters', async () => {
      store = await target.open()
      for (let i = 1; i <= 5; i++) await store.put(i % 2 ? `odd/${i}` : `even/${i}`, i)
      const consumer = store.consumer('indexer')
      expect((await consumer.next(3)).map((e) => e.seq)).toEqual([1, 2, 3])
      expect((await consumer.next(3)).map((e) => e.seq)).toEqual([1, 2, 3]) // not committed yet
      await consumer.commit(2)
      expect((await consumer.next(10)).map((e) => e.seq)).toEqual([3, 4, 5])
      await consumer.commit(5)
      expect(await consumer.next(10)).toEqual([])
      expect((await consumer.status()).position).toBe(5)
      const odd = store.consumer('odd-only', { type: 'odd' })
      expect((await odd.next(10)).map((e) => e.value)).toEqual([1, 3, 5])
      expect(await consumer.delete()).toBe(true)
      expect(await consumer.delete()).toBe(false)
    })

    it('two live consumers cannot hold one name; an expired lease can be taken over', async () => {
      const clock = new ManualClock()
      store = await target.open({ clock: clock.read })
      await store.put('a', 1)
      const first = store.consumer('worker', { leaseMs: 1000 })
      const second = store.consumer('worker', { leaseMs: 1000 })
      expect(await first.next(1)).toHaveLength(1)
      await rejectsWithCode(second.next(1), 'KV_LOCKED')
      await rejectsWithCode(second.commit(1), 'KV_LOCKED')
      expect((await first.status()).lease?.owner).toBe(first.owner)
      clock.advance(1001) // the first consumer "crashed"
      expect((await second.next(1)).map((e) => e.seq)).toEqual([1])
      await second.commit(1)
      await rejectsWithCode(first.next(1), 'KV_LOCKED')
      expect((await second.status()).position).toBe(1)
    })

    it('watchers see every event in order, by prefix or key, and slow ones lose nothing', async () => {
      store = await target.open()
      const all = collect(store.watch(''), 6)
      const users = collect(store.watch('user/'), 3)
      const one = collect(store.watch('user/1'), 2)
      await new Promise((resolve) => setTimeout(resolve, 10))
      await store.put('user/1', 'a')
      await store.put('post/1', 'p')
      await store.put('user/2', 'b')
      await store.delete('user/1')
      await store.put('post/2', 'q')
      await store.put('post/3', 'r')
      expect((await all).map((e) => [e.type, e.key])).toEqual([
        ['put', 'user/1'],
        ['put', 'post/1'],
        ['put', 'user/2'],
        ['delete', 'user/1'],
        ['put', 'post/2'],
        ['put', 'post/3'],
      ])
      expect((await users).map((e) => e.key)).toEqual(['user/1', 'user/2', 'user/1'])
      expect((await one).map((e) => [e.type, e.value])).toEqual([
        ['put', 'a'],
        ['delete', 'a'],
      ])
      const resumed = await collect(store.watch('', { from: 5 }), 2)
      expect(resumed.map((e) => e.seq)).toEqual([5, 6])
      const writes = Array.from({ length: 300 }, (_, i) => store.put(`bulk/${i}`, i))
      await Promise.all(writes)
      const slow = await collect(store.watch('bulk/', { from: 1 }), 300)
      // Concurrent writes commit in the engine's order (the order issued on LevelDB, not on a
      // server engine): the watcher sees every one once, in the stream's order.
      const stream = await store.stream({ prefix: 'bulk/', limit: 1000 })
      expect(slow.map((e) => [e.seq, e.value])).toEqual(stream.map((e) => [e.seq, e.value]))
      expect(slow.map((e) => e.value as number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 300 }, (_, i) => i),
      )
    })

    it('a watch ends cleanly on abort and on close', async () => {
      store = await target.open()
      const controller = new AbortController()
      const aborted = collect(store.watch('', { signal: controller.signal }), 100)
      await store.put('a', 1)
      setTimeout(() => controller.abort(), 20)
      expect((await aborted).map((e) => e.key)).toEqual(['a'])
      const closing = collect(store.watch(''), 100)
      await new Promise((resolve) => setTimeout(resolve, 10))
      await store.close()
      expect(await closing).toEqual([])
    })

    it('expired records are invisible from their expiry instant and swept with an expire entry', async () => {
      const clock = new ManualClock()
      store = await target.open({ clock: clock.read, sweepIntervalMs: 0 })
      const record = await store.put('session/1', { user: 'a' }, { ttl: 1000 })
      expect(record.expires).toBe(new Date(clock.now + 1000).toISOString())
      await store.put('session/2', 'keep')
      await store.put('session/3', 'patched', { ttl: 500 })
      await store.patch('session/3', 'patched-again') // patch keeps the expiry
      await store.put('session/4', 'was ttl', { ttl: 500 })
      await store.put('session/4', 'now forever') // a put without ttl clears it
      clock.advance(999)
      expect(await store.count()).toBe(3)
      clock.advance(1)
      expect(await store.get('session/1')).toBeUndefined()
      expect(await store.getMany(['session/1', 'session/2'])).toEqual([
        undefined,
        expect.objectContaining({ value: 'keep' }),
      ])
      expect((await store.list()).records.map((r) => r.key)).toEqual(['session/2', 'session/4'])
      expect(await store.countPrefix('session/')).toBe(2)
      expect(await store.sweepExpired()).toBe(2)
      expect(await store.sweepExpired()).toBe(0)
      const expired = (await store.stream()).filter((e) => e.action === 'expire')
      expect(expired.map((e) => [e.key, e.value])).toEqual([
        ['session/3', 'patched-again'],
        ['session/1', { user: 'a' }],
      ])
      expect((await store.get('session/4'))?.value).toBe('now forever')
    })

    it('an expired record counts as absent for version checks, and the expiry reaches the stream first', async () => {
      const clock = new ManualClock()
      store = await target.open({ clock: clock.read, sweepIntervalMs: 0 })
      await store.put('k', 'old', { ttl: 10 })
      clock.advance(10)
      expect((await store.put('k', 'new', { version: 0 })).version).toBe(1)
      expect((await store.stream()).map((e) => e.action)).toEqual(['create', 'expire', 'create'])
      expect(await store.sweepExpired()).toBe(0)
      expect((await store.get('k'))?.value).toBe('new')
    })

    it('the background sweep deletes expired records and wakes watchers', async () => {
      store = await target.open({ sweepIntervalMs: 10 })
      const events = collect(store.watch('tmp/'), 2)
      await new Promise((resolve) => setTimeout(resolve, 5))
      await store.put('tmp/x', 'bye', { ttl: 30 })
      expect((await events).map((e) => [e.type, e.key, e.value])).toEqual([
        ['put', 'tmp/x', 'bye'],
        ['expire', 'tmp/x', 'bye'],
      ])
      expect(await store.count()).toBe(0)
    })

    it('locks: acquire, refresh, contention, expiry and release by owner only', async () => {
      const clock = new ManualClock()
      store = await target.open({ clock: clock.read })
      expect(await store.lockAcquire('job', 'a', 1000)).toBe(true)
      const acquired = (await store.lockStatus('job'))!
      expect(acquired).toMatchObject({ name: 'job', owner: 'a' })
      expect(await store.lockAcquire('job', 'b', 1000)).toBe(false)
      clock.advance(500)
      expect(await store.lockAcquire('job', 'a', 1000)).toBe(true) // refresh
      const refreshed = (await store.lockStatus('job'))!
      expect(refreshed.acquiredAt).toBe(acquired.acquiredAt)
      expect(refreshed.expiresAt).toBe(new Date(clock.now + 1000).toISOString())
      expect(await store.lockRelease('job', 'b')).toBe(false)
      expect((await store.lockStatus('job'))?.owner).toBe('a')
      clock.advance(1000)
      expect(await store.lockStatus('job')).toBeUndefined()
      const contenders = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.lockAcquire('job', `w${i}`, 1000)),
      )
      expect(contenders.filter(Boolean)).toHaveLength(1)
      const winner = `w${contenders.indexOf(true)}`
      expect(await store.lockRelease('job', winner)).toBe(true)
      expect(await store.lockRelease('job', winner)).toBe(false)
      expect(await store.lockAcquire('job', 'c', 10)).toBe(true)
      await rejectsWithCode(store.lockAcquire('job', 'c', 0), 'KV_INVALID_ARGUMENT')
      await rejectsWithCode(store.lockAcquire('', 'c', 10), 'KV_INVALID_ARGUMENT')
    })

    it('sequences are atomic under concurrency', async () => {
      store = await target.open()
      const values = await Promise.all(Array.from({ length: 2000 }, () => store.seq('ids')))
      expect(new Set(values).size).toBe(2000)
      expect(Math.max(...values)).toBe(2000)
      expect(await store.seq('ids', 10)).toBe(2010)
      expect(await store.seq('other')).toBe(1)
      await rejectsWithCode(store.seq('ids', 1.5), 'KV_INVALID_ARGUMENT')
    })
  })
}
