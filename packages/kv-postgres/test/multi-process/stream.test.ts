import { openStore, type Store } from '@kvgraph/core'
import { expectGapFree, replay } from '@kvgraph/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresUrl, uniqueTable } from '../helpers.js'
import { type Child, cleanup, startChildren, withTable } from './children.js'

// 4 processes write at once while a fifth follows the stream with a durable consumer. Seqs are
// handed out in commit order, so the stream is gap-free and ordered, replays to the final data,
// and a consumer reading during the writes never commits past an entry that shows up later.
describe('the change stream with 4 writing processes', () => {
  const table = uniqueTable('mp_stream')
  let children: Child[] = []
  let store: Store

  beforeAll(async () => {
    children = await startChildren(postgresUrl(), table, 5)
    store = await openStore(withTable(postgresUrl(), table))
  })
  afterAll(async () => {
    await store?.close()
    await cleanup(postgresUrl(), table, children)
  })

  it('gap-free, in commit order, replays to the data; a live consumer misses 0 events', async () => {
    const [reader, ...writers] = children as [Child, ...Child[]]
    const consumed = reader.call<{
      seqs: number[]
      misplaced: number[]
      position: number
      firstReadAt: number
    }>('consume', 'follower', writers.length)
    await Promise.all(writers.map((child, w) => child.call('writes', `w${w}`, 100)))
    const writesEnded = Date.now()
    const { seqs, misplaced, position, firstReadAt } = await consumed
    expect(firstReadAt).toBeLessThan(writesEnded) // it did read while the others wrote

    const last = await store.streamSeq()
    const entries = await store.stream({ limit: 10_000 })
    expect(entries).toHaveLength(last)
    expectGapFree(entries)
    // Each writer's own changes appear in the order it made them.
    for (let w = 0; w < writers.length; w++) {
      const own = entries.filter((e) => e.key.startsWith(`w${w}/k`) && e.action !== 'delete')
      const order = own.map((e) => (e.value as { i: number }).i)
      expect(order).toEqual([...order].sort((a, b) => a - b))
    }
    const data = new Map<string, unknown>()
    for await (const record of store.entries({ prefix: '' })) data.set(record.key, record.value)
    expect(replay(entries)).toEqual(data)

    // The consumer read every seq once, in order, and committed through the last done marker.
    const lastMarker = Math.max(
      ...entries.filter((e) => e.key.startsWith('done/')).map((e) => e.seq),
    )
    expect(lastMarker).toBe(last)
    expect(seqs).toEqual(Array.from({ length: last }, (_, i) => i + 1))
    expect(misplaced).toEqual([])
    expect(position).toBe(lastMarker)
  })
})
