import { describe, expect, it } from 'vitest'
import { useServer } from './fixture.js'
import type { SuiteTarget } from './index.js'

export function coordinationTests(target: SuiteTarget): void {
  describe(`${target.name}: locks, sequences, info, tasks`, () => {
    const s = useServer(target)

    it('locks: acquire, refuse another owner, status, release only by the owner', async () => {
      const take = (owner: string) =>
        s.h.json('/locks/job/acquire', { method: 'POST', body: { owner, durationMs: 60_000 } })
      expect((await take('w1')).body).toEqual({ acquired: true })
      expect((await take('w2')).body).toEqual({ acquired: false })
      expect((await s.h.json('/locks/job')).body).toMatchObject({ owner: 'w1' })
      expect((await s.store.lockStatus('job'))?.owner).toBe('w1')
      const wrong = await s.h.json('/locks/job/release', { method: 'POST', body: { owner: 'w2' } })
      expect(wrong.body).toEqual({ released: false })
      expect(
        (await s.h.json('/locks/job/release', { method: 'POST', body: { owner: 'w1' } })).body,
      ).toEqual({ released: true })
      expect((await s.h.json('/locks/job')).status).toBe(404)
      expect(
        (await s.h.json('/locks/job/acquire', { method: 'POST', body: { owner: 'w1' } })).status,
      ).toBe(400)
    })

    it('sequences count up atomically', async () => {
      const values = await Promise.all(
        Array.from({ length: 20 }, () => s.h.json('/sequences/ids', { method: 'POST', body: {} })),
      )
      expect(values.map((v) => v.body.value).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      )
      expect(
        (await s.h.json('/sequences/ids', { method: 'POST', body: { increment: 10 } })).body.value,
      ).toBe(30)
      expect(await s.store.seq('ids', 0)).toBe(30)
    })

    it('/info names the engine and the stream head; /healthz needs no token', async () => {
      await s.store.put('a', 1)
      const info = await s.h.json('/info')
      expect(info.status).toBe(200)
      expect(info.body.engine).toBe((await s.store.engineInfo()).engine)
      expect(info.body.streamSeq).toBe(1)
      // A database URL's password never leaves the server.
      if (target.password) expect(JSON.stringify(info.body)).not.toContain(target.password)
      const health = await fetch(`${s.h.url}/healthz`)
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ ok: true })
    })

    it('tasks: enqueue, list, get, cancel, retry', async () => {
      const made = await s.h.json('/tasks', {
        method: 'POST',
        body: { name: 'email', payload: { to: 'a' }, options: { delayMs: 60_000 } },
      })
      expect(made).toMatchObject({
        status: 201,
        body: { name: 'email', status: 'pending', payload: { to: 'a' } },
      })
      const id = made.body.id as string
      expect((await s.h.json(`/tasks/${id}`)).body).toMatchObject({ id, name: 'email' })
      const list = await s.h.json('/tasks?status=pending')
      expect(list.body.tasks.map((t: { id: string }) => t.id)).toEqual([id])
      expect((await s.h.json(`/tasks/${id}/cancel`, { method: 'POST' })).body).toEqual({
        cancelled: true,
      })
      expect((await s.h.json(`/tasks/${id}`)).body.status).toBe('cancelled')
      expect((await s.h.json(`/tasks/${id}/retry`, { method: 'POST' })).body).toEqual({
        retried: true,
      })
      expect((await s.h.json(`/tasks/${id}`)).body.status).toBe('pending')
      expect((await s.h.json('/tasks/999999')).status).toBe(404)
      expect((await s.h.json('/tasks/nope')).body.error.code).toBe('TASK_INVALID_ARGUMENT')
      expect((await s.h.json('/tasks', { method: 'POST', body: { payload: 1 } })).status).toBe(400)
      expect((await s.h.json('/tasks?status=sleeping')).status).toBe(400)
    })
  })
}
