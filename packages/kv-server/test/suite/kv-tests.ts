import { describe, expect, it } from 'vitest'
import { useServer } from './fixture.js'
import type { SuiteTarget } from './index.js'

export function kvTests(target: SuiteTarget): void {
  describe(`${target.name}: /kv`, () => {
    const s = useServer(target)

    it('PUT and POST store JSON, GET returns it with its ETag, in the namespace of the path', async () => {
      const put = await s.h.json('/kv/app/user/alice', { method: 'PUT', body: { name: 'Alice' } })
      expect(put).toMatchObject({ status: 201, body: { key: 'user/alice', version: 1 } })
      expect(put.headers.get('etag')).toBe('"1"')
      const post = await s.h.json('/kv/app/user/alice', { method: 'POST', body: { name: 'Al' } })
      expect(post).toMatchObject({ status: 200, body: { key: 'user/alice', version: 2 } })
      const got = await s.h.json('/kv/app/user/alice')
      expect(got.status).toBe(200)
      expect(got.body).toEqual({ name: 'Al' })
      expect(got.headers.get('etag')).toBe('"2"')
      expect((await s.store.namespace('app').get('user/alice'))?.value).toEqual({ name: 'Al' })
      expect(await s.store.get('user/alice')).toBeUndefined()
      expect((await s.h.json('/kv/other/user/alice')).status).toBe(404)
    })

    it('a text/plain body is stored as a string; JSON scalars and null round-trip', async () => {
      const text = await s.h.call('/kv/app/note', {
        method: 'PUT',
        body: 'hello <b>world</b>',
        headers: { 'content-type': 'text/plain' },
      })
      expect(text.status).toBe(201)
      expect((await s.store.namespace('app').get('note'))?.value).toBe('hello <b>world</b>')
      expect((await s.h.json('/kv/app/note')).body).toBe('hello <b>world</b>')
      for (const value of [0, false, null, 'x', [1, { a: null }]]) {
        await s.h.json('/kv/app/scalar', {
          method: 'PUT',
          body: JSON.stringify(value),
          headers: { 'content-type': 'application/json' },
        })
        expect((await s.h.json('/kv/app/scalar')).body).toEqual(value)
      }
    })

    it('keys with slashes, spaces and non-ASCII survive percent-encoding', async () => {
      const key = 'a b/ç/%/😀'
      const path = `/kv/app/${key.split('/').map(encodeURIComponent).join('/')}`
      expect((await s.h.json(path, { method: 'PUT', body: { ok: 1 } })).status).toBe(201)
      expect((await s.store.namespace('app').get(key))?.value).toEqual({ ok: 1 })
      expect((await s.h.json(path)).body).toEqual({ ok: 1 })
    })

    it('If-Match writes only at that version, else 412; If-None-Match: * creates only', async () => {
      const create = { method: 'PUT', body: { v: 1 }, headers: { 'if-none-match': '*' } }
      expect((await s.h.json('/kv/app/k', create)).status).toBe(201)
      const again = await s.h.json('/kv/app/k', create)
      expect(again.status).toBe(412)
      expect(again.body.error.code).toBe('PRECONDITION_FAILED')
      const stale = await s.h.json('/kv/app/k', {
        method: 'PUT',
        body: { v: 2 },
        headers: { 'if-match': '"5"' },
      })
      expect(stale.status).toBe(412)
      const ok = await s.h.json('/kv/app/k', {
        method: 'PUT',
        body: { v: 2 },
        headers: { 'if-match': '"1"' },
      })
      expect(ok).toMatchObject({ status: 200, body: { version: 2 } })
      expect((await s.store.namespace('app').get('k'))?.value).toEqual({ v: 2 })
      const bad = await s.h.json('/kv/app/k', {
        method: 'PUT',
        body: {},
        headers: { 'if-match': 'three' },
      })
      expect(bad.status).toBe(400)
      const staleDelete = await s.h.call('/kv/app/k', {
        method: 'DELETE',
        headers: { 'if-match': '"1"' },
      })
      expect(staleDelete.status).toBe(412)
      expect(await s.store.namespace('app').get('k')).toBeDefined()
    })

    it('GET with If-None-Match of the current ETag answers 304', async () => {
      await s.h.json('/kv/app/k', { method: 'PUT', body: { v: 1 } })
      expect((await s.h.call('/kv/app/k', { headers: { 'if-none-match': '"1"' } })).status).toBe(
        304,
      )
      expect((await s.h.call('/kv/app/k', { headers: { 'if-none-match': '"9"' } })).status).toBe(
        200,
      )
    })

    it('DELETE answers 204, then 404', async () => {
      await s.h.json('/kv/app/k', { method: 'PUT', body: 1 })
      expect((await s.h.call('/kv/app/k', { method: 'DELETE' })).status).toBe(204)
      expect(await s.store.namespace('app').get('k')).toBeUndefined()
      const again = await s.h.json('/kv/app/k', { method: 'DELETE' })
      expect(again).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    })

    it('lists by prefix and range in pages with a cursor, forwards and in reverse', async () => {
      const app = s.store.namespace('app')
      for (let i = 0; i < 7; i++) await app.put(`item/${i}`, i)
      await app.put('other', 0)
      const keys: string[] = []
      let cursor: string | null = null
      do {
        const page: {
          status: number
          body: { records: { key: string }[]; cursor: string | null }
        } = await s.h.json(
          `/kv/app?prefix=item/&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        )
        expect(page.status).toBe(200)
        keys.push(...page.body.records.map((r) => r.key))
        cursor = page.body.cursor
      } while (cursor)
      expect(keys).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `item/${i}`))
      const range = await s.h.json('/kv/app?start=item/2&end=item/4&reverse=true')
      expect(range.body.records.map((r: { key: string }) => r.key)).toEqual(['item/3', 'item/2'])
      expect((await s.h.json('/kv/app?prefix=a&start=b')).status).toBe(400)
      expect((await s.h.json('/kv/app?cursor=garbage!')).body.error.code).toBe('KV_INVALID_CURSOR')
    })

    it('POST /kv/:ns applies mutations atomically; a failed check is 409 and writes nothing', async () => {
      const ok = await s.h.json('/kv/app', {
        method: 'POST',
        body: {
          mutations: [
            { op: 'put', key: 'a', value: 1 },
            { op: 'put', key: 'b', value: 2 },
          ],
        },
      })
      expect(ok).toMatchObject({ status: 200, body: { results: [1, 1] } })
      const conflict = await s.h.json('/kv/app', {
        method: 'POST',
        body: {
          mutations: [
            { op: 'put', key: 'c', value: 3 },
            { op: 'put', key: 'a', value: 9, version: 7 },
          ],
        },
      })
      expect(conflict).toMatchObject({
        status: 409,
        body: { error: { code: 'KV_VERSION_CONFLICT' } },
      })
      expect(await s.store.namespace('app').get('c')).toBeUndefined()
      expect((await s.store.namespace('app').get('a'))?.value).toBe(1)
      const invalid = await s.h.json('/kv/app', {
        method: 'POST',
        body: { mutations: [{ op: 'nope' }] },
      })
      expect(invalid.status).toBe(400)
      expect((await s.h.json('/kv/app', { method: 'POST', body: { nothing: 1 } })).status).toBe(400)
    })

    it('bad keys and malformed JSON are 400 with a code, never a stack', async () => {
      const malformed = await s.h.call('/kv/app/k', {
        method: 'PUT',
        body: '{"a":',
        headers: { 'content-type': 'application/json' },
      })
      expect(malformed.status).toBe(400)
      const body = (await malformed.json()) as { error: { code: string } }
      expect(body.error.code).toBe('INVALID_JSON')
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/)
      const tooLong = await s.h.json(`/kv/app/${'k'.repeat(3000)}`, { method: 'PUT', body: 1 })
      expect(tooLong).toMatchObject({ status: 400, body: { error: { code: 'KV_INVALID_KEY' } } })
      expect((await s.h.json('/kv/app?limit=0')).status).toBe(400)
    })
  })
}
