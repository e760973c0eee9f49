import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { ManualClock } from '@kvgraph/core/testing'
import { type Edge, Graph, type NodeRef } from '@kvgraph/graph'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  encodeComponent,
  IN_FAMILY,
  inKey,
  nodeCode,
  OUT_FAMILY,
  outKey,
} from '../src/key-codec.js'
import { edgeOfRecord, NodeDecoder } from '../src/records.js'

// outgoing()/incoming() pages read keys and values only (store.scanValues) and decode edges with
// cached components. These tests hold them to two general paths: the edges() stream (whole
// records from store.entries) and each page of store.scan decoded edge by edge by edgeOfRecord.

const owners: NodeRef[] = [
  { type: 'User', id: 'a' },
  { type: 'we\0ird', id: 'id\0\x01/,\n😀' },
  { type: 'User', id: '\0' },
  { type: '\0\x01', id: 'x\0\0y' },
]
const others: NodeRef[] = [
  ...owners,
  { type: 'Doc', id: 'd1' },
  { type: 'Doc', id: 'd\0' },
  { type: 'x\0y', id: 'é' },
  { type: 'User', id: 'b' },
]
const edgeTypes = ['follows', 'likes', 't\0y\0\x01pe', 'é', 'f']

const key = (e: Edge) => JSON.stringify([e.from, e.type, e.to])

for (const engine of ['memory', 'leveldb'] as const) {
  describe(`${engine}: edge pages agree with the general read paths`, () => {
    const clock = new ManualClock()
    let store: Store
    let graph: Graph
    let dir: string | undefined
    const expired = new Set<string>()

    beforeAll(async () => {
      const options = { clock: clock.read, sweepIntervalMs: 0 }
      if (engine === 'memory') store = await openStore(':memory:', options)
      else {
        dir = mkdtempSync(join(tmpdir(), 'kvgraph-edge-pages-'))
        store = await openStore(join(dir, 'db'), options)
      }
      graph = new Graph(store)
      let n = 0
      for (const from of owners) {
        for (const type of edgeTypes) {
          for (const to of others) {
            n++
            if (n % 3 === 0) continue // not every pair: runs of equal components vary in length
            if (n % 7 === 0) {
              // An edge that expires before the reads (unswept): both keys, written with a TTL.
              const [f, t, c] = [nodeCode(from), encodeComponent(type), nodeCode(to)]
              await store.put(outKey(f, t, c), { n }, { ttl: 100 })
              await store.put(inKey(f, t, c), { n }, { ttl: 100 })
              expired.add(key({ from, type, to, props: {} }))
            } else {
              await graph.addEdge(from, type, to, { n, note: n % 5 === 0 ? 'a\nb,c' : null })
              if (n % 11 === 0) clock.advance(1) // some edges share their write time, some not
            }
          }
        }
      }
      clock.advance(1000)
    })

    afterAll(async () => {
      await store.close()
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    /** Every page of a listing, following cursors; checks each page's size and cursor. */
    async function pages(
      node: NodeRef,
      direction: 'out' | 'in',
      limit: number,
      type?: string,
    ): Promise<Edge[][]> {
      const all: Edge[][] = []
      let cursor: string | undefined
      do {
        const options = {
          limit,
          ...(type === undefined ? {} : { type }),
          ...(cursor ? { cursor } : {}),
        }
        const page =
          direction === 'out'
            ? await graph.outgoing(node, options)
            : await graph.incoming(node, options)
        expect(page.edges.length).toBeLessThanOrEqual(limit)
        if (page.cursor !== undefined) expect(page.edges).toHaveLength(limit)
        all.push(page.edges)
        cursor = page.cursor
      } while (cursor)
      return all
    }

    /** The same listing through store.scan pages, each record decoded by edgeOfRecord. */
    async function scannedPages(
      node: NodeRef,
      direction: 'out' | 'in',
      limit: number,
      type?: string,
    ): Promise<Edge[][]> {
      const prefix =
        (direction === 'out' ? OUT_FAMILY : IN_FAMILY) +
        nodeCode(node) +
        (type === undefined ? '' : encodeComponent(type))
      const decoder = new NodeDecoder()
      const all: Edge[][] = []
      let cursor: string | undefined
      do {
        const page = await store.scan({ prefix }, { limit, ...(cursor ? { cursor } : {}) })
        all.push(page.records.map((record) => edgeOfRecord(record, decoder)))
        cursor = page.cursor
      } while (cursor)
      return all
    }

    it('outgoing and incoming pages, with and without a type, at every limit', async () => {
      let compared = 0
      for (const node of others) {
        for (const direction of ['out', 'in'] as const) {
          for (const type of [undefined, ...edgeTypes]) {
            const streamed: Edge[] = []
            for await (const edge of graph.edges(node, { direction, ...(type ? { type } : {}) })) {
              streamed.push(edge)
            }
            for (const edge of streamed) expect(expired.has(key(edge))).toBe(false)
            for (const limit of [1, 2, 3, 4, 5, 7, 13, 1000]) {
              const paged = await pages(node, direction, limit, type)
              // Same edges, same order, same page boundaries as the general paths.
              expect(paged).toEqual(await scannedPages(node, direction, limit, type))
              expect(paged.flat()).toEqual(streamed)
              compared += streamed.length
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(1000)
      expect(expired.size).toBeGreaterThan(5)
    })

    it('a page resumes at a cursor of another page size; edges are fresh objects', async () => {
      const node = owners[1]!
      const first = await graph.outgoing(node, { limit: 6 })
      const rest = await graph.outgoing(node, { limit: 1000, cursor: first.cursor! })
      const whole = await graph.outgoing(node)
      expect([...first.edges, ...rest.edges]).toEqual(whole.edges)
      expect(whole.cursor).toBeUndefined()
      // No two edges share an endpoint object, and none is the caller's node.
      const refs = whole.edges.flatMap((e) => [e.from, e.to])
      expect(new Set(refs).size).toBe(refs.length)
      expect(refs).not.toContain(node)
    })
  })
}
