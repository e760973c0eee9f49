import type { ConformanceTarget } from '@kvgraph/core/testing'
import { describe, expect, it } from 'vitest'
import { sleep, until, useQueue } from './helpers.js'

/** Cron schedules: once per tick across runners, no replay unless catchUp. */
export function cronSuite(target: ConformanceTarget): void {
  describe(`tasks cron (${target.name})`, () => {
    const q = useQueue(target)

    it('fires each tick exactly once with two runners, and the task runs once', async () => {
      const ran: { tick: string; by: string }[] = []
      const handler = async (_p: unknown, ctx: { id: string; runnerId: string }) => {
        const task = await q.tasks.get(ctx.id)
        ran.push({ tick: task!.runAt, by: ctx.runnerId })
      }
      const schedule = await q.tasks.schedule('tick', '*/10 * * * * *', { hello: 1 })
      expect(Date.parse(schedule.nextRunAt)).toBe(q.clock.now + 10_000) // the clock starts on a round minute
      const other = q.open()
      q.track(q.tasks.run({ tick: handler }, { runnerId: 'r1', pollMs: 5 }))
      q.track(other.run({ tick: handler }, { runnerId: 'r2', pollMs: 5 }))
      for (let i = 1; i <= 4; i++) {
        q.clock.advance(10_000)
        await until(() => ran.length === i)
        await sleep(40) // room for a second firing, which must not come
        expect(ran).toHaveLength(i)
      }
      const ticks = ran.map((r) => Date.parse(r.tick) - Date.parse(schedule.nextRunAt))
      expect(ticks).toEqual([0, 10_000, 20_000, 30_000])
      const listed = await q.tasks.list({ name: 'tick' })
      expect(listed.tasks).toHaveLength(4)
      expect(listed.tasks.every((t) => t.schedule === 'tick' && t.status === 'completed')).toBe(
        true,
      )
      expect(listed.tasks[0]?.payload).toEqual({ hello: 1 })
      const [stored] = await q.tasks.schedules()
      expect(stored).toMatchObject({
        name: 'tick',
        cron: '*/10 * * * * *',
        lastTickAt: ran[3]?.tick,
      })
    })

    it('does not replay ticks missed while no runner was up', async () => {
      await q.tasks.schedule('nightly', '0 3 * * *', null, { timezone: 'Europe/Oslo' })
      const [before] = await q.tasks.schedules()
      expect(before?.nextRunAt).toBe('2030-01-01T02:00:00.000Z') // 03:00 in Oslo
      q.clock.advance(5 * 86_400_000 + 2 * 3_600_000 + 30_000) // five nights later, 30 s after 03:00
      const runner = q.track(q.tasks.run({ nightly: async () => {} }, { pollMs: 5 }))
      await until(async () => (await q.tasks.list({ status: 'completed' })).tasks.length === 1)
      await sleep(50)
      const all = (await q.tasks.list()).tasks
      expect(all.map((t) => t.runAt)).toEqual(['2030-01-06T02:00:00.000Z']) // only the latest tick
      const [after] = await q.tasks.schedules()
      expect(after?.nextRunAt).toBe('2030-01-07T02:00:00.000Z')
      await runner.stop()

      q.clock.advance(3 * 86_400_000 + 2 * 3_600_000) // three more nights, the last 2 h ago: past grace
      q.track(q.tasks.run({ nightly: async () => {} }, { pollMs: 5 }))
      await until(
        async () => (await q.tasks.schedules())[0]?.nextRunAt === '2030-01-10T02:00:00.000Z',
      )
      expect((await q.tasks.list()).tasks).toHaveLength(1)
    })

    it('with catchUp: true enqueues every missed tick once', async () => {
      await q.tasks.schedule('hourly', '0 * * * *', null, { catchUp: true })
      q.clock.advance(5 * 3_600_000 + 1) // ticks at 1:00 ... 5:00
      const a = q.open()
      q.track(a.run({ hourly: async () => {} }, { pollMs: 5 }))
      q.track(q.tasks.run({ hourly: async () => {} }, { pollMs: 5 }))
      await until(async () => (await q.tasks.list({ status: 'completed' })).tasks.length === 5)
      await sleep(50)
      const runAts = (await q.tasks.list()).tasks.map((t) => t.runAt).sort()
      expect(runAts).toEqual([1, 2, 3, 4, 5].map((h) => `2030-01-01T0${h}:00:00.000Z`))
    })

    it('replaces and removes schedules', async () => {
      await q.tasks.schedule('s', '0 * * * *', 1)
      await q.tasks.schedule('s', '30 * * * *', 2)
      expect(await q.tasks.schedules()).toMatchObject([
        { name: 's', cron: '30 * * * *', payload: 2 },
      ])
      expect(await q.tasks.unschedule('s')).toBe(true)
      expect(await q.tasks.unschedule('s')).toBe(false)
      expect(await q.tasks.schedules()).toEqual([])
    })
  })
}
