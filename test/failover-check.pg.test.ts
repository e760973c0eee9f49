import { openStore, type Store } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkFailover } from './failover/check.js'
import { FailoverFollowers } from './failover/followers.js'
import { hubOf, itemOf, type LoadOp, mutateKeys } from './failover/load.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

// The failover checker itself: given a log that does not match the server, it says so. (The
// failover tests rely on it finding nothing; this shows it would find something.)
describe('checkFailover', () => {
  let store: Store

  beforeAll(async () => {
    const url = new URL(inject('postgresUrl'))
    url.searchParams.set('table', `failover_check_${process.pid}`)
    store = await openStore(url.toString(), { pollIntervalMs: 50 })
  })
  afterAll(() => store?.close())

  it('reports lost, half-applied and wrongly not-applied writes, and untyped or hung calls', async () => {
    const prefix = 'chk'
    const graph = new Graph(store)
    const followers = new FailoverFollowers(store, store, prefix)
    const streamStart = await store.streamSeq()
    const at = Date.now()
    const ops: LoadOp[] = []
    const put = await store.put(`${prefix}/p/0/0`, 1)
    ops.push({ kind: 'put', id: put.key, outcome: 'acked', version: put.version, at })
    // Acknowledged, but not on the server: lost.
    ops.push({ kind: 'put', id: `${prefix}/p/0/1`, outcome: 'acked', version: 1, at })
    // Reported not-applied, but stored.
    await store.put(`${prefix}/p/0/2`, 1)
    ops.push({ kind: 'put', id: `${prefix}/p/0/2`, outcome: 'not-applied', at })
    // One key of a mutate's two: half-applied.
    const [first] = mutateKeys(`${prefix}/m/0/3`)
    await store.put(first, 1)
    ops.push({ kind: 'mutate', id: first, outcome: 'unknown', at })
    // A whole edge, unknown outcome: fine, counted as applied.
    await graph.addEdge(hubOf(prefix), 'links', itemOf('e4'))
    ops.push({ kind: 'edge', id: 'e4', outcome: 'unknown', at })
    ops.push({ kind: 'edge', id: 'e5', outcome: 'untyped', at })
    ops.push({ kind: 'edge', id: 'e6', outcome: 'hung', at })
    const afterKey = `${prefix}/after`
    await store.put(afterKey, true)

    const report = await checkFailover({
      store,
      heldGraph: graph,
      prefix,
      ops,
      followers,
      streamStart,
      afterKey,
      synchronous: true,
      catchUpMs: 2000,
    })
    await followers.stop()
    expect(report.lost).toEqual([`put ${prefix}/p/0/1`])
    expect(report.unknownApplied).toBe(1)
    expect(report.outcomes).toMatchObject({
      acked: 2,
      'not-applied': 1,
      unknown: 2,
      untyped: 1,
      hung: 1,
    })
    expect(report.problems).toEqual(
      expect.arrayContaining([
        '1 calls ended untyped',
        '1 calls ended hung',
        `mutate ${first} is half-applied`,
        `put ${prefix}/p/0/2 was reported not-applied but is stored`,
        `acknowledged put ${prefix}/p/0/1 was lost`,
      ]),
    )
    // The consumer and the listener heard the one acknowledged put that is there, and the
    // watcher the put after; the consumer never committed as another owner.
    expect(report.problems.filter((p) => /consumer|listener|watcher|lease|stream/.test(p))).toEqual(
      [],
    )
  })
})
