import { openStore, type Store } from '@kvgraph/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresUrl, uniqueTable } from '../helpers.js'
import { type Child, cleanup, startChildren, withTable } from './children.js'

// Conditional writes from 4 processes on one counter: every read-version-put either lands on the
// version it read or fails with KV_VERSION_CONFLICT and is retried, so no increment is lost.
describe('conditional increments across processes', () => {
  const table = uniqueTable('mp_incr')
  let children: Child[] = []
  let store: Store

  beforeAll(async () => {
    children = await startChildren(postgresUrl(), table, 4)
    store = await openStore(withTable(postgresUrl(), table))
  })
  afterAll(async () => {
    await store?.close()
    await cleanup(postgresUrl(), table, children)
  })

  it.each([
    ['put with { version }', false],
    ['mutate with a check op', true],
  ])('%s: 4 processes x 40 increments, 0 lost', async (label, useMutate) => {
    const key = `counter/${useMutate ? 'mutate' : 'put'}`
    const results = await Promise.all(
      children.map((child) => child.call<{ conflicts: number }>('increments', key, 40, useMutate)),
    )
    const record = await store.get<number>(key)
    expect(record?.value).toBe(160)
    expect(record?.version).toBe(160)
    // The processes did contend: some writes lost the race and were retried.
    const conflicts = results.reduce((sum, r) => sum + r.conflicts, 0)
    expect(conflicts, label).toBeGreaterThan(0)
    // One stream entry per successful write, in version order.
    const entries = (await store.stream({ prefix: key, limit: 1000 })).filter((e) => e.key === key)
    expect(entries.map((e) => e.version)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1))
  })
})
