import { Graph } from '@kvgraph/graph'
import { describe, expect, it } from 'vitest'
import { useServer } from './fixture.js'
import { TOKEN } from './harness.js'
import type { SuiteTarget } from './index.js'

export function protocolTests(target: SuiteTarget): void {
  describe(`${target.name}: auth, errors, limits, OpenAPI`, () => {
    const s = useServer(target, {
      bodyLimit: '1kb',
      rateLimit: { max: 40, timeWindowMs: 60_000 },
      limits: { requestTimeoutMs: 1 },
    })

    it('401 without the token or with a wrong one; /healthz and / are open', async () => {
      for (const authorization of [
        undefined,
        'Bearer wrong',
        `Basic ${TOKEN}`,
        `Bearer ${TOKEN}x`,
      ]) {
        const response = await fetch(
          `${s.h.url}/kv/app/k`,
          authorization ? { headers: { authorization } } : {},
        )
        expect(response.status).toBe(401)
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
          'UNAUTHORIZED',
        )
      }
      expect((await fetch(`${s.h.url}/healthz`)).status).toBe(200)
      expect((await fetch(`${s.h.url}/`)).status).not.toBe(401)
    })

    it('404 for an unknown route, in the error shape', async () => {
      const response = await s.h.json('/nowhere')
      expect(response).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    })

    it('413 for a body over the limit; nothing is written', async () => {
      const big = await s.h.json('/kv/app/k', { method: 'PUT', body: { text: 'x'.repeat(2000) } })
      expect(big).toMatchObject({ status: 413, body: { error: { code: 'BODY_TOO_LARGE' } } })
      expect(await s.store.namespace('app').get('k')).toBeUndefined()
    })

    it('a request past the timeout aborts its traversal: 503', async () => {
      const graph = new Graph(s.store)
      await graph.import(
        Array.from({ length: 3000 }, (_, i) => ({
          from: { type: 'N', id: 'hub' },
          type: 'to',
          to: { type: 'N', id: `${i}` },
        })),
      )
      const response = await s.h.json('/graph/bfs?type=N&id=hub&maxDepth=1')
      // 1 ms is shorter than walking 3,000 edges on any engine; the route yields every 64 steps.
      expect(response).toMatchObject({ status: 503, body: { error: { code: 'GRAPH_ABORTED' } } })
    })

    it('429 with Retry-After once the rate limit is spent', async () => {
      const statuses: number[] = []
      let retryAfter: string | null = null
      for (let i = 0; i < 45; i++) {
        const response = await s.h.call('/healthz')
        statuses.push(response.status)
        if (response.status === 429) {
          retryAfter = response.headers.get('retry-after')
          expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
            'RATE_LIMITED',
          )
        } else await response.arrayBuffer()
      }
      expect(statuses.filter((st) => st === 200)).toHaveLength(40)
      expect(statuses.slice(40)).toEqual([429, 429, 429, 429, 429])
      expect(Number(retryAfter)).toBeGreaterThan(0)
    })

    it('503 when the store is closed under the server', async () => {
      await s.store.close()
      const response = await s.h.json('/kv/app/k')
      expect(response).toMatchObject({ status: 503, body: { error: { code: 'KV_CLOSED' } } })
      expect((await s.h.json('/healthz')).status).toBe(503)
    })

    it('/openapi.json is an OpenAPI 3.1 document of every route', async () => {
      const { status, body } = await s.h.json('/openapi.json')
      expect(status).toBe(200)
      expect(body.openapi).toBe('3.1.0')
      for (const path of [
        '/kv/{ns}/{*}',
        '/kv/{ns}',
        '/graph/edges',
        '/graph/bfs',
        '/graph/path',
        '/graph/view',
        '/watch',
        '/stream',
        '/tasks',
        '/locks/{name}/acquire',
        '/sequences/{name}',
        '/info',
        '/healthz',
      ]) {
        expect(Object.keys(body.paths), path).toContain(path)
      }
      expect(body.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' })
    })
  })
}
