import { setTimeout as sleep } from 'node:timers/promises'
import { openStore, type Store } from '@kvgraph/core'
import { expectGapFree, replay } from '@kvgraph/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Cluster, startCluster } from '../../../../scripts/pg-cluster.mjs'
import { type Child, cleanup, startChildren, withTable } from './children.js'

type Loop = { acked: string[]; errors: string[] }

// The server restarts while two child processes keep writing through their stores: calls made
// while it is down reject with KV_UNAVAILABLE (none hangs), each store reconnects by itself, and
// every write a child saw acknowledged is there afterwards, with its stream entry. This file runs
// its own cluster, so stopping it disturbs no other test. A third process watches and listens
// for commits throughout: both hear every entry once, outage or not.
describe('server restart under load, at the store level', () => {
  let cluster: Cluster
  let url: string
  const table = 'mp_restart'
  let children: Child[] = []
  let store: Store
  /** Watches everything and listens for commits throughout, in a third process. */
  let watcher: Child

  beforeAll(async () => {
    cluster = await startCluster({ log: () => {} })
    // primary_wait=200: calls wait that long for the server, then reject, so calls made while
    // it is down reject (the default, 30 s, would carry them across this 1.5 s outage).
    url = `${cluster.url}?connect_timeout=2&pool_size=4&primary_wait=200`
    children = await startChildren(url, table, 3, { sweepIntervalMs: 0 })
    watcher = children.pop()!
    await watcher.call('watch', 'all', '')
    await watcher.call('listen')
  })
  afterAll(async () => {
    await store?.close()
    await cleanup(url, table, [...children, watcher]).catch(() => {})
    cluster?.destroy()
  })

  const acked = async () =>
    (await Promise.all(children.map((c) => c.call<{ acked: number }>('writeLoopStatus')))).map(
      (s) => s.acked,
    )

  it.each(['immediate', 'fast'] as const)(
    'stopped (%s) mid-load: KV_UNAVAILABLE while down, recovers, loses nothing acknowledged',
    async (mode) => {
      await Promise.all(children.map((c, i) => c.call('startWriteLoop', `${mode}${i}`)))
      while ((await acked()).some((n) => n < 50)) await sleep(20)

      cluster.stop(mode)
      const before = await acked()
      await sleep(1500) // the children keep calling: each call rejects, none hangs
      cluster.start()
      const restarted = Date.now()
      while ((await acked()).some((n, i) => n < before[i]! + 50)) {
        expect(Date.now() - restarted).toBeLessThan(20_000)
        await sleep(50)
      }
      const loops = await Promise.all(children.map((c) => c.call<Loop>('stopWriteLoop')))

      for (const { errors } of loops) {
        expect(errors.length).toBeGreaterThan(0)
        expect(new Set(errors)).toEqual(new Set(['KV_UNAVAILABLE']))
      }
      store ??= await openStore(withTable(url, table), { sweepIntervalMs: 0 })
      const keys = loops.flatMap((l) => l.acked)
      const records = await store.getMany(keys)
      expect(keys.filter((_, i) => records[i] === undefined)).toEqual([])
      // Every acknowledged write has its stream entry; the stream is whole and replays to the data
      // (a write whose reply the crash cut may be there too, with its entry).
      const entries = await store.stream({ limit: 100_000 })
      expectGapFree(entries)
      const streamed = new Set(entries.map((e) => e.key))
      expect(keys.filter((key) => !streamed.has(key))).toEqual([])
      const data = new Map<string, unknown>()
      for await (const record of store.entries({ prefix: '' })) data.set(record.key, record.value)
      expect(replay(entries)).toEqual(data)

      // The watcher outlived the outage: it hears every entry, each once.
      const heard = () =>
        watcher.events
          .filter((e) => e.event === 'watch')
          .flatMap((e) => (e.events as Array<{ seq: number }>).map((event) => event.seq))
      const last = entries.at(-1)!.seq
      await watcher.waitFor(() => heard().at(-1) === last, 5000)
      expect(watcher.events.filter((e) => e.event === 'watchError')).toEqual([])
      expect(heard()).toEqual(entries.map((e) => e.seq))
      // So did its commit listener.
      await watcher.call('syncCommits')
      const changes = watcher.events
        .filter((e) => e.event === 'commit')
        .flatMap((e) => (e.changes as Array<{ key: string; version: number }>).map((c) => c.key))
      expect(changes).toEqual(entries.map((e) => e.key))
    },
  )
})
