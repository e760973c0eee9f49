import { describe, expect, it } from 'vitest'
import { useServer } from './fixture.js'
import type { SuiteTarget } from './index.js'
import { readEvents } from './sse.js'

export function changeTests(target: SuiteTarget): void {
  describe(`${target.name}: /stream, /consumers, /watch`, () => {
    const s = useServer(target)

    it('GET /stream reads entries from a seq', async () => {
      for (let i = 0; i < 5; i++) await s.store.put(`k/${i}`, i)
      const all = await s.h.json('/stream?from=1&limit=3')
      expect(all.status).toBe(200)
      expect(all.body.entries.map((e: { key: string }) => e.key)).toEqual(['k/0', 'k/1', 'k/2'])
      expect(all.body.seq).toBe(5)
      const rest = await s.h.json('/stream?from=4')
      expect(rest.body.entries.map((e: { seq: number }) => e.seq)).toEqual([4, 5])
      expect((await s.h.json('/stream?from=0')).status).toBe(400)
    })

    it('a consumer gets entries until it commits them', async () => {
      for (let i = 0; i < 3; i++) await s.store.put(`k/${i}`, i)
      const first = await s.h.json('/consumers/c1/next', { method: 'POST', body: { limit: 2 } })
      expect(first.body.entries.map((e: { seq: number }) => e.seq)).toEqual([1, 2])
      const again = await s.h.json('/consumers/c1/next', { method: 'POST', body: {} })
      expect(again.body.entries.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3])
      const commit = await s.h.json('/consumers/c1/commit', { method: 'POST', body: { seq: 2 } })
      expect(commit).toMatchObject({ status: 200, body: { name: 'c1', position: 2 } })
      const after = await s.h.json('/consumers/c1/next', { method: 'POST', body: {} })
      expect(after.body.entries.map((e: { seq: number }) => e.seq)).toEqual([3])
      expect((await s.h.json('/consumers/c1')).body.position).toBe(2)
      expect((await s.h.json('/consumers/c1/commit', { method: 'POST', body: {} })).status).toBe(
        400,
      )
    })

    it('/watch sends each change as an event whose id is its seq; Last-Event-ID resumes after it', async () => {
      const response = await s.h.call('/watch?prefix=user/&from=1')
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
      await s.store.put('user/a', 1)
      await s.store.put('other', 1)
      await s.store.put('user/b', 2)
      const events = await readEvents(response, (e) => e.length >= 2)
      expect(events.map((e) => e.id)).toEqual(['1', '3'])
      expect(JSON.parse(events[1]!.data)).toMatchObject({
        type: 'put',
        key: 'user/b',
        value: 2,
        seq: 3,
      })

      await s.store.delete('user/a')
      const resumed = await s.h.call('/watch?prefix=user/', { headers: { 'last-event-id': '3' } })
      const later = await readEvents(resumed, (e) => e.length >= 1)
      expect(later.map((e) => [e.id, JSON.parse(e.data).type])).toEqual([['4', 'delete']])
      expect((await s.h.json('/watch?prefix=user')).status).toBe(400)
      expect((await s.h.json('/watch', { headers: { 'last-event-id': 'x' } })).status).toBe(400)
    })

    it('100 concurrent watchers each receive every event', async () => {
      const watchers = await Promise.all(
        Array.from({ length: 100 }, () => s.h.call('/watch?ns=live&from=1')),
      )
      const reading = watchers.map((response) => readEvents(response, (e) => e.length >= 20))
      const live = s.store.namespace('live')
      for (let i = 0; i < 20; i++) await live.put(`k/${i}`, i)
      const received = await Promise.all(reading)
      for (const events of received) {
        expect(events.map((e) => JSON.parse(e.data).key)).toEqual(
          Array.from({ length: 20 }, (_, i) => `k/${i}`),
        )
      }
    })
  })
}
