import { setTimeout as sleep } from 'node:timers/promises'
import { openStore, type Store, type StreamEntry } from '@kvgraph/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresUrl, uniqueTable } from '../helpers.js'
import { type Child, cleanup, startChildren, withTable } from './children.js'

// Several processes sweep the same expired records at once (background sweeps every 20 ms and
// explicit sweepExpired calls): each record is expired exactly once, with one `expire` entry.
describe('TTL sweeps across processes', () => {
  const table = uniqueTable('mp_ttl')
  let children: Child[] = []
  let store: Store

  beforeAll(async () => {
    children = await startChildren(postgresUrl(), table, 4, { sweepIntervalMs: 20 })
    store = await openStore(withTable(postgresUrl(), table), { sweepIntervalMs: 0 })
  })
  afterAll(async () => {
    await store?.close()
    await cleanup(postgresUrl(), table, children)
  })

  it('4 sweeping processes expire each record exactly once', async () => {
    const keys = Array.from({ length: 120 }, (_, i) => `session/${String(i).padStart(3, '0')}`)
    await store.mutate(keys.map((key, i) => ({ op: 'put', key, value: i, ttl: 400 })))
    // Rewritten without a TTL before it passes: these must survive every sweep.
    const kept = keys.filter((_, i) => i % 10 === 0)
    for (const key of kept) await store.put(key, 'kept')
    const explicit = children.map((child) => child.call<number>('sweeps', 30, 20))

    const expireEntries = async (): Promise<StreamEntry[]> =>
      (await store.stream({ limit: 1000 })).filter((e) => e.action === 'expire')
    const started = Date.now()
    while ((await expireEntries()).length < keys.length - kept.length) {
      expect(Date.now() - started).toBeLessThan(10_000)
      await sleep(50)
    }
    const swept = await Promise.all(explicit) // every explicit sweep has finished
    await sleep(300) // and several background rounds more

    const expired = await expireEntries()
    expect(expired.map((e) => e.key).sort()).toEqual(keys.filter((key) => !kept.includes(key)))
    expect(expired.every((e) => e.version === 1)).toBe(true)
    expect(swept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(keys.length - kept.length)
    const left = await store.getPrefix('session/')
    expect(left.records.map((r) => r.key)).toEqual(kept)
    expect(await store.count()).toBe(kept.length)
  })
})
