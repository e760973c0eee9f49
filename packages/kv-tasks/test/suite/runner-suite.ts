import type { ConformanceTarget } from '@kvgraph/core/testing'
import { type HandlerContext, type RunnerEvent, Tasks } from '@kvgraph/tasks'
import { describe, expect, it } from 'vitest'
import { gate, sleep, statusOf, until, useQueue } from './helpers.js'

/** Runners: order, delays, retries, timeouts, cancel, leases. */
export function runnerSuite(target: ConformanceTarget): void {
  describe(`tasks runner (${target.name})`, () => {
    const q = useQueue(target)

    it('runs higher priority first, then earlier runAt, then first enqueued', async () => {
      const base = q.clock.now
      await q.tasks.enqueue('job', 'low', { priority: -1 })
      await q.tasks.enqueue('job', 'mid-late', { runAt: base - 1000 })
      await q.tasks.enqueue('job', 'mid-early', { runAt: base - 5000 })
      await q.tasks.enqueue('job', 'mid-fifo-1')
      await q.tasks.enqueue('job', 'mid-fifo-2')
      await q.tasks.enqueue('job', 'high', { priority: 10 })
      await q.tasks.enqueue('job', 'high-future', { priority: 20, delayMs: 60_000 })
      const order: unknown[] = []
      q.track(q.tasks.run({ job: async (p) => void order.push(p) }, { pollMs: 20 }))
      await until(() => order.length === 6)
      expect(order).toEqual(['high', 'mid-early', 'mid-late', 'mid-fifo-1', 'mid-fifo-2', 'low'])
      expect(await q.tasks.list({ status: 'pending' })).toMatchObject({
        tasks: [{ payload: 'high-future' }],
      })
    })

    it('finds work with one range scan of the due index, never a scan of all tasks', async () => {
      for (let i = 0; i < 200; i++) await q.tasks.cancel((await q.tasks.enqueue('job', i)).id)
      await q.tasks.enqueue('job', 'late', { delayMs: 60_000 })
      await q.tasks.enqueue('job', 'due')
      const scanned: string[] = []
      const store = new Proxy(q.store, {
        get(target, prop) {
          const value = Reflect.get(target, prop, target)
          if (typeof value !== 'function') return value
          if (prop === 'scan' || prop === 'entries' || prop === 'keys')
            return (selector: { start?: string; prefix?: string }, ...rest: unknown[]) => {
              scanned.push(`${String(prop)} ${selector.start ?? selector.prefix}`)
              return value.call(target, selector, ...rest)
            }
          return value.bind(target)
        },
      })
      const tasks = new Tasks(store, { clock: q.clock.read })
      const ran: unknown[] = []
      const runner = tasks.run({ job: async (p) => void ran.push(p) }, { pollMs: 3_600_000 })
      await until(() => ran.length === 1)
      await runner.stop()
      expect(ran).toEqual(['due'])
      // Each look scans the due index from its start; a priority whose first task is not due
      // yet ends with a seek to the next priority (here: past the delayed task, to the end).
      const dueScans = scanned.filter((s) => s.startsWith('scan tasks/due/'))
      expect(dueScans[0]).toBe('scan tasks/due/')
      expect(dueScans.filter((s) => s === 'scan tasks/due/').length).toBeGreaterThanOrEqual(
        dueScans.length / 2,
      )
      // Only the indexes are read: never the task records or the status index (200 cancelled).
      expect(scanned.every((s) => /^(scan|entries) tasks\/(due|lease|cron)\//.test(s))).toBe(true)
    })

    it('records the result and who ran it; an idle runner is woken by the enqueue', async () => {
      // pollMs of an hour: only the watch on the queue can start this task.
      const runner = q.track(
        q.tasks.run(
          { add: async (p) => (p as number[]).reduce((a, b) => a + b, 0) },
          { runnerId: 'r1', pollMs: 3_600_000 },
        ),
      )
      await sleep(50) // the runner is idle, asleep
      const t = await q.tasks.enqueue('add', [1, 2, 3])
      const done = await until(async () => {
        const task = await q.tasks.get(t.id)
        return task?.status === 'completed' && task
      })
      expect(done).toMatchObject({ result: 6, attempts: 1, runnerId: 'r1' })
      expect(done.startedAt).toBeDefined()
      expect(done.finishedAt).toBeDefined()
      expect(done.leaseExpiresAt).toBeUndefined()
      expect(runner.runnerId).toBe('r1')
    })

    it('never starts a delayed task before its runAt', async () => {
      const started: number[] = []
      q.track(q.tasks.run({ later: async () => void started.push(q.clock.now) }, { pollMs: 10 }))
      const t = await q.tasks.enqueue('later', null, { delayMs: 10_000 })
      await sleep(100)
      q.clock.advance(9_999)
      await sleep(100)
      expect(started).toEqual([])
      expect(await statusOf(q.tasks, t.id)).toBe('pending')
      q.clock.advance(1)
      await until(async () => (await statusOf(q.tasks, t.id)) === 'completed')
      expect(started).toHaveLength(1)
      expect(started[0]).toBeGreaterThanOrEqual(Date.parse(t.runAt))
    })

    it('retries with exponential backoff, then fails with lastError; retry revives it', async () => {
      let calls = 0
      let failUntil = 99
      q.track(
        q.tasks.run(
          {
            flaky: async (_p, ctx) => {
              calls++
              if (ctx.attempt <= failUntil) throw new Error(`boom ${ctx.attempt}`)
              return 'ok'
            },
          },
          { pollMs: 10 },
        ),
      )
      const backoff = { initialMs: 1000, factor: 3, maxMs: 5000, jitter: false }
      const t = await q.tasks.enqueue('flaky', null, { maxAttempts: 4, backoff })
      const expected = [1000, 3000, 5000] // 1000 * 3^(n-1), capped at 5000
      for (let attempt = 1; attempt <= 3; attempt++) {
        const failedAt = q.clock.now
        const task = await until(async () => {
          const x = await q.tasks.get(t.id)
          return x?.status === 'pending' && x.attempts === attempt && x
        })
        expect(task.lastError).toEqual({
          message: `boom ${attempt}`,
          at: new Date(failedAt).toISOString(),
        })
        expect(Date.parse(task.runAt) - failedAt).toBe(expected[attempt - 1])
        q.clock.advance(expected[attempt - 1]! - 1)
        await sleep(60)
        expect(calls).toBe(attempt) // not before its time
        q.clock.advance(1)
      }
      const dead = await until(async () => {
        const x = await q.tasks.get(t.id)
        return x?.status === 'failed' && x
      })
      expect(dead).toMatchObject({ attempts: 4, lastError: { message: 'boom 4' } })
      expect(calls).toBe(4)
      failUntil = 0
      expect(await q.tasks.retry(t.id)).toBe(true)
      const revived = await until(async () => {
        const x = await q.tasks.get(t.id)
        return x?.status === 'completed' && x
      })
      expect(revived).toMatchObject({ result: 'ok', attempts: 1, lastError: { message: 'boom 4' } })
    })

    it('jitter draws the delay between half and all of the backoff', async () => {
      const draws = [0, 0.999]
      const tasks = q.open({ random: () => draws.shift() ?? 0.5 })
      q.track(tasks.run({ fail: async () => Promise.reject(new Error('no')) }, { pollMs: 10 }))
      const a = await tasks.enqueue('fail', 1, { backoff: { initialMs: 1000 } })
      const b = await tasks.enqueue('fail', 2, { backoff: { initialMs: 1000 } })
      const delays = await until(async () => {
        const [x, y] = await Promise.all([tasks.get(a.id), tasks.get(b.id)])
        if (
          x?.attempts !== 1 ||
          y?.attempts !== 1 ||
          x.status !== 'pending' ||
          y.status !== 'pending'
        )
          return false
        return [x, y]
          .map((t) => Date.parse(t.runAt) - Date.parse(t.lastError!.at))
          .sort((m, n) => m - n)
      })
      expect(delays).toEqual([500, 1000])
    })

    it('aborts an attempt that runs past timeoutMs and counts it as failed', async () => {
      const reasons: unknown[] = []
      q.track(
        q.tasks.run(
          {
            slow: (_p, ctx) =>
              new Promise((_resolve, reject) => {
                ctx.signal.addEventListener('abort', () => {
                  reasons.push((ctx.signal.reason as { code: string }).code)
                  reject(ctx.signal.reason)
                })
              }),
          },
          { pollMs: 10 },
        ),
      )
      const t = await q.tasks.enqueue('slow', null, { timeoutMs: 30, maxAttempts: 1 })
      const failed = await until(async () => {
        const x = await q.tasks.get(t.id)
        return x?.status === 'failed' && x
      })
      expect(reasons).toEqual(['TASK_TIMEOUT'])
      expect(failed.lastError?.message).toBe('attempt 1 timed out after 30 ms')
    })

    it('cancel sticks: a pending task never runs; a running one aborts and its late result is dropped', async () => {
      const release = gate()
      const seen: { signal?: AbortSignal } = {}
      const ran: unknown[] = []
      const events: RunnerEvent['type'][] = []
      q.track(
        q.tasks.run(
          {
            work: async (p, ctx) => {
              ran.push(p)
              seen.signal = ctx.signal
              await release.promise
              return 'late result'
            },
          },
          { pollMs: 10, concurrency: 1, onEvent: (e) => events.push(e.type) },
        ),
      )
      const running = await q.tasks.enqueue('work', 'first')
      await until(async () => (await statusOf(q.tasks, running.id)) === 'running')
      const queued = await q.tasks.enqueue('work', 'second')
      expect(await q.tasks.cancel(queued.id)).toBe(true)
      expect(await q.tasks.cancel(running.id)).toBe(true)
      await until(() => seen.signal?.aborted)
      expect((seen.signal!.reason as { code: string }).code).toBe('TASK_CANCELLED')
      release.open()
      await sleep(100)
      const after = await q.tasks.get(running.id)
      expect(after).toMatchObject({ status: 'cancelled' })
      expect(after?.result).toBeUndefined()
      expect(ran).toEqual(['first'])
      expect(await statusOf(q.tasks, queued.id)).toBe('cancelled')
      expect(events).toContain('abort')
      expect(events).not.toContain('complete')
    })

    it('a runner that lost its lease cannot record its completion; the reclaimer does', async () => {
      const release = gate()
      const signals: AbortSignal[] = []
      q.track(
        q.tasks.run(
          {
            work: async (_p, ctx) => {
              signals.push(ctx.signal)
              await release.promise
              return 'from A'
            },
          },
          { runnerId: 'A', leaseMs: 60_000, pollMs: 10 },
        ),
      )
      const t = await q.tasks.enqueue('work', null)
      await until(async () => (await statusOf(q.tasks, t.id)) === 'running')
      q.clock.advance(60_001) // A's lease runs out (its renewal timer is 30 s of real time away)
      const b = q.open()
      q.track(b.run({ work: async () => 'from B' }, { runnerId: 'B', leaseMs: 60_000, pollMs: 10 }))
      const done = await until(async () => {
        const x = await q.tasks.get(t.id)
        return x?.status === 'completed' && x
      })
      expect(done).toMatchObject({ result: 'from B', runnerId: 'B', attempts: 2 })
      expect(done.lastError?.message).toContain('lease expired')
      await until(() => signals[0]?.aborted)
      expect((signals[0]!.reason as { code: string }).code).toBe('TASK_LEASE_LOST')
      release.open()
      await sleep(100)
      expect(await q.tasks.get(t.id)).toMatchObject({ result: 'from B', runnerId: 'B' })
    })

    it('progress and extendLease write to the running task under its lease', async () => {
      const step = gate()
      const finish = gate()
      let context: HandlerContext | undefined
      q.track(
        q.tasks.run(
          {
            long: async (_p, ctx) => {
              context = ctx
              await ctx.progress({ done: 1, of: 2 })
              await ctx.extendLease(600_000)
              step.open()
              await finish.promise
              return null
            },
          },
          { leaseMs: 60_000, pollMs: 10 },
        ),
      )
      const t = await q.tasks.enqueue('long', null)
      await step.promise
      const mid = await q.tasks.get(t.id)
      expect(mid).toMatchObject({ status: 'running', progress: { done: 1, of: 2 } })
      expect(Date.parse(mid!.leaseExpiresAt!) - q.clock.now).toBe(600_000)
      await expect(context!.progress(undefined as never)).rejects.toMatchObject({
        code: 'TASK_INVALID_ARGUMENT',
      })
      finish.open()
      const done = await until(async () => {
        const x = await q.tasks.get(t.id)
        return x?.status === 'completed' && x
      })
      expect(done.result).toBeNull()
    })

    it('stop() claims nothing more and waits for running handlers', async () => {
      const release = gate()
      let finished = false
      const runner = q.tasks.run(
        {
          work: async () => {
            await release.promise
            finished = true
          },
        },
        { pollMs: 10 },
      )
      const t = await q.tasks.enqueue('work', null)
      await until(async () => (await statusOf(q.tasks, t.id)) === 'running')
      const stopping = runner.stop()
      const next = await q.tasks.enqueue('work', null)
      setTimeout(() => release.open(), 50)
      await stopping
      expect(finished).toBe(true)
      expect(await statusOf(q.tasks, t.id)).toBe('completed')
      expect(await statusOf(q.tasks, next.id)).toBe('pending')
      expect(runner.active).toBe(0)
    })

    it('a runner stops when its signal aborts (also one aborted before it starts)', async () => {
      const controller = new AbortController()
      const ran: unknown[] = []
      const runner = q.tasks.run(
        { work: async (p) => void ran.push(p) },
        { signal: controller.signal, pollMs: 10 },
      )
      await q.tasks.enqueue('work', 1)
      await until(() => ran.length === 1)
      controller.abort()
      await runner.stop()
      const idle = q.tasks.run(
        { work: async (p) => void ran.push(p) },
        { signal: controller.signal, pollMs: 10 },
      )
      await idle.stop()
      const t = await q.tasks.enqueue('work', 2)
      await sleep(50)
      expect(ran).toEqual([1])
      expect(await statusOf(q.tasks, t.id)).toBe('pending')
    })

    it('runs up to concurrency handlers at once', async () => {
      const release = gate()
      let active = 0
      let peak = 0
      const runner = q.track(
        q.tasks.run(
          {
            work: async () => {
              active++
              peak = Math.max(peak, active)
              await release.promise
              active--
            },
          },
          { concurrency: 3, pollMs: 10 },
        ),
      )
      for (let i = 0; i < 5; i++) await q.tasks.enqueue('work', i)
      await until(() => runner.active === 3)
      await sleep(50)
      expect(peak).toBe(3)
      release.open()
      await until(async () => (await q.tasks.list({ status: 'completed' })).tasks.length === 5)
      expect(peak).toBe(3)
    })
  })
}
