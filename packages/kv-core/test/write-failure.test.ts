import { openStore } from '@kvgraph/core'
import { expectGapFree, rejectsWithCode } from '@kvgraph/core/testing'
import { MemoryLevel } from 'memory-level'
import { describe, expect, it } from 'vitest'

/** memory-level whose next `failNext` batches fail with EIO, after a short wait. */
class FailingLevel extends MemoryLevel<string, string> {
  failNext = 0
  constructor() {
    super({ keyEncoding: 'utf8', valueEncoding: 'utf8' })
  }
  // abstract-level's private write hook (absent from its types): every batch form ends here.
  async _batch(operations: unknown, options: unknown): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--
      // In flight long enough for queued transactions to run on its staged state.
      await new Promise((resolve) => setTimeout(resolve, 20))
      throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })
    }
    const hook = MemoryLevel.prototype as unknown as { _batch: FailingLevel['_batch'] }
    return hook._batch.call(this, operations, options)
  }
}

describe('a failed write (defect 2: commits on top of a failed write)', () => {
  it('fails the queued transactions that read its staged state, and the stream skips no seq', async () => {
    const db = new FailingLevel()
    const store = await openStore(db)
    await store.put('x', 'v1')
    db.failNext = 1
    const lost = store.put('x', 'v2')
    // Queued behind the failing batch: it sees version 2 staged, which is never stored.
    const conditional = store.put('x', 'v3', { version: 2 })
    const other = store.put('y', 'w')
    await rejectsWithCode(lost, 'KV_IO_ERROR')
    await rejectsWithCode(conditional, 'KV_IO_ERROR')
    await rejectsWithCode(other, 'KV_IO_ERROR')
    const x = await store.get('x')
    expect(x?.version).toBe(1)
    expect(x?.value).toBe('v1')
    expect(await store.get('y')).toBeUndefined()
    await rejectsWithCode(store.put('x', 'v3', { version: 2 }), 'KV_VERSION_CONFLICT')
    expect((await store.put('x', 'v2', { version: 1 })).version).toBe(2)
    const entries = await store.stream()
    expectGapFree(entries)
    expect(entries.map((e) => [e.key, e.version, e.value])).toEqual([
      ['x', 1, 'v1'],
      ['x', 2, 'v2'],
    ])
    await store.close()
  })

  it('a transaction that only read staged state settles with the write it read', async () => {
    const db = new FailingLevel()
    const store = await openStore(db)
    await store.put('x', 1)
    db.failNext = 1
    const lost = store.put('x', 2)
    // mutate with only a check writes nothing; it read version 2, which is never stored.
    const check = store.mutate([{ op: 'check', key: 'x', version: 2 }])
    await rejectsWithCode(lost, 'KV_IO_ERROR')
    await rejectsWithCode(check, 'KV_IO_ERROR')
    expect(await store.mutate([{ op: 'check', key: 'x', version: 1 }])).toHaveLength(1)
    await store.close()
  })

  it('refuses writes after three failed writes in a row, with a clear error', async () => {
    const db = new FailingLevel()
    const store = await openStore(db)
    await store.put('kept', 1)
    db.failNext = 3
    for (let i = 0; i < 3; i++) await rejectsWithCode(store.put('k', i), 'KV_IO_ERROR')
    const refused = await rejectsWithCode(store.put('k', 9), 'KV_CLOSED')
    expect(refused.message).toMatch(/refuses writes after 3 failed writes in a row.*EIO/)
    expect((await store.get('kept'))?.value).toBe(1)
    await store.close()
    // The database itself is intact: a new store on it works.
    const again = await openStore(db)
    expect((await again.put('k', 9)).version).toBe(1)
    await again.close()
  })

  it('a failure between successes does not count towards refusing writes', async () => {
    const db = new FailingLevel()
    const store = await openStore(db)
    for (let i = 0; i < 5; i++) {
      db.failNext = 1
      await rejectsWithCode(store.put('k', i), 'KV_IO_ERROR')
      expect((await store.put('k', i)).version).toBe(i + 1)
    }
    expectGapFree(await store.stream())
    await store.close()
  })
})
