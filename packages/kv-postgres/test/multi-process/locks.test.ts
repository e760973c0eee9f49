import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresUrl, uniqueTable } from '../helpers.js'
import { type Child, ChildError, cleanup, startChildren } from './children.js'

// Locks and consumer leases are meta records written in SERIALIZABLE transactions: what one
// process holds, another cannot take until it is released or has expired.
describe('locks and consumer leases across processes', () => {
  const table = uniqueTable('mp_lock')
  let children: Child[] = []
  let a: Child
  let b: Child

  beforeAll(async () => {
    children = await startChildren(postgresUrl(), table, 4)
    ;[a, b] = children as [Child, Child]
  })
  afterAll(() => cleanup(postgresUrl(), table, children))

  it('a lock held by A blocks B until A releases it', async () => {
    expect(await a.call('lockAcquire', 'job', 'A', 30_000)).toBe(true)
    expect(await b.call('lockAcquire', 'job', 'B', 30_000)).toBe(false)
    expect(await b.call('lockRelease', 'job', 'B')).toBe(false)
    expect(await b.call('lockStatus', 'job')).toMatchObject({ name: 'job', owner: 'A' })
    expect(await a.call('lockRelease', 'job', 'A')).toBe(true)
    expect(await b.call('lockAcquire', 'job', 'B', 30_000)).toBe(true)
    expect(await a.call('lockStatus', 'job')).toMatchObject({ owner: 'B' })
    expect(await a.call('lockAcquire', 'job', 'A', 30_000)).toBe(false)
  })

  it('a lock held by A blocks B until it expires', async () => {
    const started = Date.now()
    expect(await a.call('lockAcquire', 'short', 'A', 600)).toBe(true)
    let tries = 0
    while (!(await b.call('lockAcquire', 'short', 'B', 30_000))) {
      tries++
      expect(Date.now() - started).toBeLessThan(5000)
      await sleep(25)
    }
    expect(tries).toBeGreaterThan(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(600)
    expect(await a.call('lockStatus', 'short')).toMatchObject({ owner: 'B' })
  })

  it('4 processes racing for a free lock: exactly one wins', async () => {
    for (let round = 0; round < 5; round++) {
      const won = await Promise.all(
        children.map((child, i) => child.call('lockAcquire', `race${round}`, `P${i}`, 30_000)),
      )
      expect(won.filter(Boolean)).toHaveLength(1)
      const winner = `P${won.indexOf(true)}`
      expect(await b.call('lockStatus', `race${round}`)).toMatchObject({ owner: winner })
    }
  })

  it("a consumer's lease held in A blocks B until it expires, or the holder deletes the consumer", async () => {
    for (let i = 0; i < 5; i++) await a.call('put', `item/${i}`, i)
    const options = { leaseMs: 800 }
    expect(await a.call('consumerNext', 'mailer', 2, options)).toEqual([1, 2])
    await a.call('consumerCommit', 'mailer', 2)
    const leased = Date.now()
    const refused = await b.call('consumerNext', 'mailer', 10, options).catch((e) => e)
    expect(refused).toBeInstanceOf(ChildError)
    expect((refused as ChildError).code).toBe('KV_LOCKED')
    // B gets in only once A's lease (renewed by its commit) has run out, and continues after A.
    let seqs: number[] | undefined
    while (!seqs) {
      expect(Date.now() - leased).toBeLessThan(5000)
      seqs = await b.call<number[]>('consumerNext', 'mailer', 10, options).catch((error) => {
        expect((error as ChildError).code).toBe('KV_LOCKED')
        return undefined
      })
      if (!seqs) await sleep(25)
    }
    expect(Date.now() - leased).toBeGreaterThanOrEqual(800)
    expect(seqs).toEqual([3, 4, 5])
    // Now B holds it: A is refused, until B deletes the consumer.
    const second = await a.call('consumerNext', 'mailer', 10).catch((e) => e)
    expect((second as ChildError).code).toBe('KV_LOCKED')
    expect(await b.call('consumerStatus', 'mailer')).toMatchObject({ position: 2 })
    await b.call('consumerDelete', 'mailer')
    expect(await a.call('consumerNext', 'mailer', 10)).toEqual([1, 2, 3, 4, 5])
  })
})
