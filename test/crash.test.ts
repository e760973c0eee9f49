import { openStore } from '@kvgraph/core'
import { MemoryLevel } from 'memory-level'
import { describe, expect, it } from 'vitest'
import { runCrash } from './crash/driver.js'
import { Expectations } from './crash/expectations.js'
import { handles } from './crash/observe.js'
import type { Line } from './crash/protocol.js'
import { Violations } from './crash/report.js'
import { StreamCheck } from './crash/stream-check.js'

describe('the crash harness', () => {
  it('runs kill -9 cycles on LevelDB with no violation', async () => {
    const { figures, violations } = await runCrash({
      cycles: 3,
      engine: 'level',
      seed: 7,
      workers: 2,
      killAfterMs: [50, 150],
      serverCrashEvery: 3,
    })
    expect(violations.examples).toEqual([])
    expect(figures.cycles).toBe(3)
    expect(figures.acked).toBeGreaterThan(10)
    expect(figures.reopenMs).toHaveLength(3)
  })

  it('counts an acknowledged write the store does not hold as lost', async () => {
    const h = handles(await openStore(':memory:'))
    await h.store.put('r/0/1', 'kept')
    const lines: Line[] = [
      { b: 1, w: 0, op: 'put', fx: [{ k: 'r/0/0', s: { v: 1, val: 'x' } }], atomic: true },
      { a: 1 },
      { b: 2, w: 0, op: 'put', fx: [{ k: 'r/0/1', s: { v: 1, val: 'kept' } }], atomic: true },
      { a: 2 },
    ]
    const violations = new Violations()
    await new Expectations().check(h, lines, violations)
    expect(violations.counts.lost).toBe(1)
    expect(violations.total).toBe(1)
    await h.store.close()
  })

  it('counts an in-flight operation found half applied', async () => {
    const h = handles(await openStore(':memory:'))
    await h.store.put('a', 1)
    const lines: Line[] = [
      {
        b: 1,
        w: 0,
        op: 'mutate',
        fx: [
          { k: 'a', s: { v: 1, val: 1 } },
          { k: 'b', s: { v: 1, val: 2 } },
        ],
        atomic: true,
      },
    ]
    const violations = new Violations()
    await new Expectations().check(h, lines, violations)
    expect(violations.counts.halfApplied).toBe(1)
    await h.store.close()
  })

  it('finds a stream that does not match the data', async () => {
    const db = new MemoryLevel<string, string>()
    const first = handles(await openStore(db))
    await first.store.put('k', 1)
    const stream = new StreamCheck()
    const clean = new Violations()
    await stream.check(first, clean)
    expect(clean.total).toBe(0)
    await first.store.close()
    // A write the stream never heard of (a store with the stream off, on the same database).
    const silent = await openStore(db, { stream: false })
    await silent.put('k', 2)
    await silent.close()
    const again = handles(await openStore(db))
    const violations = new Violations()
    await stream.check(again, violations)
    expect(violations.counts.phantoms).toBe(1)
    await again.store.close()
  })
})
