import type { ConformanceTarget } from '@kvgraph/core/testing'
import { rejectsWithCode } from '@kvgraph/core/testing'
import { describe, expect, it } from 'vitest'
import { until, useQueue } from './helpers.js'

/** Enqueue, inspect, dedupe, transactional enqueue and typed errors: no runner involved. */
export function queueSuite(target: ConformanceTarget): void {
  describe(`tasks queue (${target.name})`, () => {
    const q = useQueue(target)

    it('enqueues a pending task with defaults and reads it back', async () => {
      const task = await q.tasks.enqueue('send-email', { to: 'a@b.c' })
      expect(task).toMatchObject({
        name: 'send-email',
        payload: { to: 'a@b.c' },
        status: 'pending',
        priority: 0,
        attempts: 0,
        maxAttempts: 5,
        backoff: { initialMs: 1000, maxMs: 3_600_000, factor: 2, jitter: true },
        runAt: new Date(q.clock.now).toISOString(),
        createdAt: new Date(q.clock.now).toISOString(),
      })
      expect(await q.tasks.get(task.id)).toEqual(task)
      expect(await q.tasks.get('999')).toBeUndefined()
      expect(
        JSON.stringify(await q.store.get(`tasks/task/${task.id.padStart(16, '0')}`)),
      ).not.toContain('leaseToken')
    })

    it('delayMs and runAt set the due time', async () => {
      const a = await q.tasks.enqueue('x', 1, { delayMs: 5000 })
      const b = await q.tasks.enqueue('x', 2, { runAt: new Date(q.clock.now + 7000) })
      const c = await q.tasks.enqueue('x', 3, { runAt: q.clock.now + 9000 })
      expect(Date.parse(a.runAt) - q.clock.now).toBe(5000)
      expect(Date.parse(b.runAt) - q.clock.now).toBe(7000)
      expect(Date.parse(c.runAt) - q.clock.now).toBe(9000)
    })

    it('lists by status and name, in id order, with cursors', async () => {
      const ids: string[] = []
      for (let i = 0; i < 7; i++) ids.push((await q.tasks.enqueue(i % 2 ? 'odd' : 'even', i)).id)
      await q.tasks.cancel(ids[2]!)
      const all = await q.tasks.list()
      expect(all.tasks.map((t) => t.id)).toEqual(ids)
      expect(all.cursor).toBeUndefined()
      const pending = await q.tasks.list({ status: 'pending' })
      expect(pending.tasks.map((t) => t.id)).toEqual(ids.filter((_, i) => i !== 2))
      const cancelled = await q.tasks.list({ status: 'cancelled' })
      expect(cancelled.tasks.map((t) => t.id)).toEqual([ids[2]])
      const evenPending = await q.tasks.list({ status: 'pending', name: 'even' })
      expect(evenPending.tasks.map((t) => t.payload)).toEqual([0, 4, 6])
      const odd = await q.tasks.list({ name: 'odd' })
      expect(odd.tasks.map((t) => t.payload)).toEqual([1, 3, 5])
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const page = await q.tasks.list(cursor ? { limit: 3, cursor } : { limit: 3 })
        expect(page.tasks.length).toBeLessThanOrEqual(3)
        seen.push(...page.tasks.map((t) => t.id))
        cursor = page.cursor
      } while (cursor)
      expect(seen).toEqual(ids)
      await rejectsWithCode(q.tasks.list({ cursor: 'nonsense' }), 'TASK_INVALID_ARGUMENT')
      await rejectsWithCode(q.tasks.list({ status: 'done' as never }), 'TASK_INVALID_ARGUMENT')
    })

    it('dedupes by key while the task is live, and frees the key when it ends', async () => {
      const first = await q.tasks.enqueue('report', { n: 1 }, { key: 'daily' })
      const again = await q.tasks.enqueue('report', { n: 2 }, { key: 'daily' })
      expect(again.id).toBe(first.id)
      expect(again.payload).toEqual({ n: 1 })
      expect(await q.tasks.enqueueOps('report', { n: 3 }, { key: 'daily' })).toEqual([])
      const racing = await Promise.all(
        [1, 2, 3].map((n) => q.tasks.enqueue('report', n, { key: 'race' })),
      )
      expect(new Set(racing.map((t) => t.id)).size).toBe(1)
      expect(await q.tasks.cancel(first.id)).toBe(true)
      const fresh = await q.tasks.enqueue('report', { n: 4 }, { key: 'daily' })
      expect(fresh.id).not.toBe(first.id)
      // Reviving the cancelled one while the fresh one holds the key is refused.
      await rejectsWithCode(q.tasks.retry(first.id), 'TASK_KEY_TAKEN')
      expect((await q.tasks.get(first.id))?.status).toBe('cancelled')
    })

    it('enqueueMany writes all tasks in one step, dedupes keys, and checks every item first', async () => {
      const made = await q.tasks.enqueueMany([
        { name: 'a', payload: 1 },
        { name: 'b', payload: 2, options: { priority: 3, key: 'k' } },
        { name: 'c', payload: 3, options: { key: 'k' } },
      ])
      expect(made.map((t) => t.name)).toEqual(['a', 'b', 'b'])
      expect(made[2]?.id).toBe(made[1]?.id)
      expect(made[1]).toMatchObject({ priority: 3, key: 'k', status: 'pending' })
      expect((await q.tasks.list()).tasks.map((t) => t.payload)).toEqual([1, 2])
      const count = await q.store.count()
      await rejectsWithCode(
        q.tasks.enqueueMany([
          { name: 'ok', payload: 1 },
          { name: 'bad', payload: { f: () => 1 } as never },
        ]),
        'TASK_INVALID_PAYLOAD',
      )
      await rejectsWithCode(
        q.tasks.enqueueMany([{ name: 'x', payload: 1, options: { delayMs: -1 } }]),
        'TASK_INVALID_ARGUMENT',
      )
      expect(await q.store.count()).toBe(count)
      expect(await q.tasks.enqueueMany([])).toEqual([])
    })

    it('enqueues in the same atomic write as the change that caused it', async () => {
      await q.store.put('order/1', { state: 'new' })
      const ops = await q.tasks.enqueueOps('ship', { order: 1 })
      await q.store.mutate([
        { op: 'put', key: 'order/1', value: { state: 'paid' }, version: 1 },
        ...ops,
      ])
      const [shipped] = (await q.tasks.list()).tasks
      expect(shipped).toMatchObject({ name: 'ship', payload: { order: 1 }, status: 'pending' })

      const before = await q.store.count()
      const failing = await q.tasks.enqueueOps('ship', { order: 2 })
      await rejectsWithCode(
        q.store.mutate([{ op: 'check', key: 'order/1', version: 1 }, ...failing]),
        'KV_VERSION_CONFLICT',
      )
      expect(await q.store.count()).toBe(before) // no record, no index key
      expect((await q.tasks.list()).tasks).toHaveLength(1)
    })

    it('rejects bad input with typed errors and writes nothing', async () => {
      const strict = q.open({ names: ['send-email'] })
      await rejectsWithCode(strict.enqueue('nope', {}), 'TASK_UNKNOWN_NAME')
      await rejectsWithCode(strict.enqueueOps('nope', {}), 'TASK_UNKNOWN_NAME')
      await rejectsWithCode(strict.schedule('nope', '* * * * *'), 'TASK_UNKNOWN_NAME')
      expect(() => strict.run({ nope: async () => {} })).toThrow(
        expect.objectContaining({ code: 'TASK_UNKNOWN_NAME' }),
      )
      await rejectsWithCode(
        q.tasks.enqueue('x', { when: new Date() } as never),
        'TASK_INVALID_PAYLOAD',
      )
      await rejectsWithCode(q.tasks.enqueue('x', { n: Number.NaN }), 'TASK_INVALID_PAYLOAD')
      await rejectsWithCode(q.tasks.enqueue('x', undefined as never), 'TASK_INVALID_PAYLOAD')
      await rejectsWithCode(q.tasks.schedule('x', '61 * * * *'), 'TASK_INVALID_CRON')
      await rejectsWithCode(q.tasks.schedule('x', 'every day'), 'TASK_INVALID_CRON')
      await rejectsWithCode(
        q.tasks.schedule('x', '* * * * *', null, { timezone: 'Nowhere/City' }),
        'TASK_INVALID_CRON',
      )
      await rejectsWithCode(q.tasks.enqueue('x', 1, { delayMs: -1 }), 'TASK_INVALID_ARGUMENT')
      await rejectsWithCode(
        q.tasks.enqueue('x', 1, { runAt: 'yesterday' }),
        'TASK_INVALID_ARGUMENT',
      )
      await rejectsWithCode(q.tasks.enqueue('x', 1, { priority: 1.5 }), 'TASK_INVALID_ARGUMENT')
      await rejectsWithCode(q.tasks.enqueue('x', 1, { maxAttempts: 0 }), 'TASK_INVALID_ARGUMENT')
      await rejectsWithCode(
        q.tasks.enqueue('x', 1, { backoff: { factor: 0.5 } }),
        'TASK_INVALID_ARGUMENT',
      )
      await rejectsWithCode(q.tasks.enqueue('', 1), 'TASK_INVALID_ARGUMENT')
      await rejectsWithCode(q.tasks.get('abc'), 'TASK_INVALID_ARGUMENT')
      expect(() => q.tasks.run({ x: 'not a function' as never })).toThrow(
        expect.objectContaining({ code: 'TASK_INVALID_ARGUMENT' }),
      )
      // Regression (issue 24, defect 3): size options are capped.
      expect(() => q.tasks.run({ x: async () => {} }, { concurrency: 1e9 })).toThrow(
        expect.objectContaining({
          code: 'TASK_INVALID_ARGUMENT',
          message: expect.stringContaining('options.concurrency'),
        }),
      )
      const error = await rejectsWithCode(
        q.tasks.enqueue('x', 1, { delayMs: -5 }),
        'TASK_INVALID_ARGUMENT',
      )
      expect(error.message).toContain('tasks.enqueue: options.delayMs')
      expect(error.message).toContain('-5')
      expect(await q.store.count()).toBe(0)
      expect(await strict.enqueue('send-email', {})).toMatchObject({ status: 'pending' })
    })

    it('cancel and retry change only the states they name', async () => {
      const t = await q.tasks.enqueue('x', 1)
      expect(await q.tasks.retry(t.id)).toBe(false) // pending: nothing to revive
      expect(await q.tasks.cancel(t.id)).toBe(true)
      expect(await q.tasks.cancel(t.id)).toBe(false)
      const cancelled = await q.tasks.get(t.id)
      expect(cancelled).toMatchObject({ status: 'cancelled' })
      expect(cancelled?.finishedAt).toBeDefined()
      expect(await q.tasks.retry(t.id)).toBe(true)
      expect(await q.tasks.get(t.id)).toMatchObject({ status: 'pending', attempts: 0 })
      expect(await q.tasks.cancel('12345')).toBe(false)
      await until(async () => (await q.tasks.list({ status: 'pending' })).tasks.length === 1)
    })
  })
}
