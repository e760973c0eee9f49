import { Graph } from '@kvgraph/graph'
import { describe, expect, it } from 'vitest'
import { useServer } from './fixture.js'
import type { SuiteTarget } from './index.js'

const user = (id: string) => ({ type: 'User', id })
const edge = (from: string, to: string, props = {}) => ({
  from: user(from),
  type: 'follows',
  to: user(to),
  props,
})

export function graphTests(target: SuiteTarget): void {
  describe(`${target.name}: /graph`, () => {
    const s = useServer(target, { limits: { maxNodes: 50, maxDepth: 4 } })

    it('PUT and DELETE /graph/edges write the root graph; ?ns= another', async () => {
      const put = await s.h.json('/graph/edges', {
        method: 'PUT',
        body: edge('alice', 'bob', { since: 2020 }),
      })
      expect(put).toMatchObject({ status: 200, body: { type: 'follows', props: { since: 2020 } } })
      const graph = new Graph(s.store)
      expect((await graph.getEdge(user('alice'), 'follows', user('bob')))?.props).toEqual({
        since: 2020,
      })
      await s.h.json('/graph/edges?ns=g2', { method: 'PUT', body: edge('x', 'y') })
      expect(
        await new Graph(s.store, { namespace: 'g2' }).getEdge(user('x'), 'follows', user('y')),
      ).toBeDefined()
      expect(await graph.getEdge(user('x'), 'follows', user('y'))).toBeUndefined()
      expect(
        (await s.h.call('/graph/edges', { method: 'DELETE', body: edge('alice', 'bob') })).status,
      ).toBe(204)
      expect(await graph.getEdge(user('alice'), 'follows', user('bob'))).toBeUndefined()
      expect(
        (await s.h.json('/graph/edges', { method: 'DELETE', body: edge('alice', 'bob') })).status,
      ).toBe(404)
      const invalid = await s.h.json('/graph/edges', {
        method: 'PUT',
        body: { from: user('a'), type: 'x' },
      })
      expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'INVALID_ARGUMENT' } } })
    })

    it('POST /graph/import takes JSON lines; a bad line is a 400 naming it', async () => {
      const lines = `${JSON.stringify(edge('a', 'b'))}\n\n${JSON.stringify(edge('b', 'c'))}\n`
      const ok = await s.h.json('/graph/import', {
        method: 'POST',
        body: lines,
        headers: { 'content-type': 'application/x-ndjson' },
      })
      expect(ok).toMatchObject({ status: 200, body: { edges: 2 } })
      expect((await new Graph(s.store).outgoing(user('b'))).edges.map((e) => e.to.id)).toEqual([
        'c',
      ])
      const bad = await s.h.json('/graph/import', {
        method: 'POST',
        body: `${JSON.stringify(edge('c', 'd'))}\n{oops`,
        headers: { 'content-type': 'application/x-ndjson' },
      })
      expect(bad.status).toBe(400)
      expect(bad.body.error.message).toMatch(/line 2/)
    })

    it('nodes and their edge pages, out, in and both', async () => {
      const graph = new Graph(s.store)
      await graph.putNode(user('alice'), { name: 'Alice' })
      for (const to of ['b', 'c', 'd']) await graph.addEdge(user('alice'), 'follows', user(to))
      for (const from of ['x', 'y']) await graph.addEdge(user(from), 'follows', user('alice'))
      expect((await s.h.json('/graph/nodes/User/alice')).body).toEqual({
        type: 'User',
        id: 'alice',
        props: { name: 'Alice' },
      })
      expect((await s.h.json('/graph/nodes/User/nobody')).status).toBe(404)
      const put = await s.h.json('/graph/nodes/User/zed', { method: 'PUT', body: { age: 3 } })
      expect(put.status).toBe(200)
      expect((await graph.getNode(user('zed')))?.props).toEqual({ age: 3 })
      const ids: string[] = []
      let cursor: string | null = null
      do {
        const page: {
          body: { edges: { from: { id: string }; to: { id: string } }[]; cursor: string | null }
        } = await s.h.json(
          `/graph/nodes/User/alice/edges?direction=both&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        )
        ids.push(
          ...page.body.edges.map((e) => (e.from.id === 'alice' ? `>${e.to.id}` : `<${e.from.id}`)),
        )
        cursor = page.body.cursor
      } while (cursor)
      expect(ids).toEqual(['>b', '>c', '>d', '<x', '<y'])
      const incoming = await s.h.json('/graph/nodes/User/alice/edges?direction=in')
      expect(incoming.body.edges).toHaveLength(2)
      expect((await s.h.json('/graph/nodes/User/alice/edges?direction=sideways')).status).toBe(400)
    })

    it('BFS within the server caps; asking more than a cap is 400', async () => {
      const graph = new Graph(s.store)
      for (let i = 0; i < 60; i++) await graph.addEdge(user('hub'), 'follows', user(`n${i}`))
      const bfs = await s.h.json('/graph/bfs?type=User&id=hub&maxDepth=1')
      expect(bfs.status).toBe(200)
      expect(bfs.body.steps).toHaveLength(50)
      expect(bfs.body.stopped).toBe('maxNodes')
      const small = await s.h.json('/graph/bfs?type=User&id=hub&maxNodes=3')
      expect(small.body.steps.map((st: { depth: number }) => st.depth)).toEqual([0, 1, 1])
      expect((await s.h.json('/graph/bfs?type=User&id=hub&maxNodes=51')).status).toBe(400)
      expect((await s.h.json('/graph/bfs?type=User&id=hub&maxDepth=5')).status).toBe(400)
      expect((await s.h.json('/graph/bfs?type=User')).status).toBe(400)
    })

    it('shortest path by hops and by weight; 404 when there is none', async () => {
      const graph = new Graph(s.store)
      await graph.addEdge(user('a'), 'follows', user('b'), { w: 5 })
      await graph.addEdge(user('b'), 'follows', user('d'), { w: 5 })
      await graph.addEdge(user('a'), 'follows', user('c'), { w: 1 })
      await graph.addEdge(user('c'), 'follows', user('e'), { w: 1 })
      await graph.addEdge(user('e'), 'follows', user('d'), { w: 1 })
      const hops = await s.h.json('/graph/path?fromType=User&fromId=a&toType=User&toId=d')
      expect(hops.body.nodes.map((n: { id: string }) => n.id)).toEqual(['a', 'b', 'd'])
      expect(hops.body.cost).toBe(2)
      const weighted = await s.h.json(
        '/graph/path?fromType=User&fromId=a&toType=User&toId=d&weight=w',
      )
      expect(weighted.body).toMatchObject({ cost: 3 })
      expect(weighted.body.edges).toHaveLength(3)
      const none = await s.h.json('/graph/path?fromType=User&fromId=d&toType=User&toId=a')
      expect(none).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    })

    it('views as JSON, DOT and Mermaid; labels are escaped', async () => {
      const graph = new Graph(s.store)
      await graph.addEdge(user('alice'), 'follows', user('<img src=x onerror=alert(1)>'))
      await graph.addEdge(user('far'), 'follows', user('away'))
      const json = await s.h.json('/graph/view?type=User&id=alice&depth=1')
      expect(json.body.nodes).toHaveLength(2)
      expect(json.body.edges).toHaveLength(1)
      const dot = await s.h.call('/graph/view?format=dot&type=User&id=alice')
      expect(dot.headers.get('content-type')).toMatch(/graphviz/)
      expect(await dot.text()).toMatch(/^digraph/)
      const mermaid = await (await s.h.call('/graph/view?format=mermaid')).text()
      expect(mermaid).toMatch(/^(flowchart|graph)/)
      expect(mermaid).not.toContain('<img')
      const svg = await s.h.call('/graph/view?format=svg&type=User&id=alice')
      expect(svg.headers.get('content-type')).toBe('image/svg+xml')
      expect(await svg.text()).toMatch(/<svg[\s\S]*&lt;img/)
      expect((await s.h.json('/graph/view?format=gif')).status).toBe(400)
      expect((await s.h.json('/graph/view?type=User')).status).toBe(400)
    })
  })
}
