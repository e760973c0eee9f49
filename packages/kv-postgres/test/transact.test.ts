import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PostgresEngine } from '../src/index.js'
import { drain, engines, putAll, uniqueTable } from './helpers.js'

describe('transact', () => {
  const pool = engines()
  let engine: PostgresEngine

  // Optimistic transactions (no queue for the table's lock): what retries are for.
  beforeAll(async () => {
    engine = await pool.open(uniqueTable('txn'), { queueTransactions: false })
  })
  afterAll(() => pool.cleanup())

  it('commits every staged write at once, puts and deletes, and returns what work returned', async () => {
    await putAll(engine, [
      ['a/1', 'one'],
      ['a/2', 'two'],
    ])
    const result = await engine.transact((txn) => {
      txn.put('a/3', 'three')
      txn.del('a/1')
      txn.put('a/2', 'TWO')
      txn.put('a/4', 'x')
      txn.del('a/4') // the last staged write of a key wins
      return 'done'
    })
    expect(result).toBe('done')
    expect(await drain(engine.iterator({ gte: 'a/', lt: 'a0' }), 10)).toEqual([
      ['a/2', 'TWO'],
      ['a/3', 'three'],
    ])
  })

  it('writes nothing when work throws, and rejects with its error', async () => {
    const failure = new Error('changed my mind')
    await expect(
      engine.transact(async (txn) => {
        txn.put('b/1', 'never')
        txn.del('a/2')
        await txn.get('a/3')
        throw failure
      }),
    ).rejects.toBe(failure)
    expect(await engine.get('b/1')).toBeUndefined()
    expect(await engine.get('a/2')).toBe('TWO')
  })

  it('reads its own staged writes, in get and in entries', async () => {
    await putAll(engine, [
      ['c/1', 'old1'],
      ['c/2', 'old2'],
      ['c/3', 'old3'],
    ])
    const seen = await engine.transact(async (txn) => {
      txn.put('c/2', 'new2')
      txn.del('c/3')
      txn.put('c/4', 'new4')
      txn.put('d/1', 'outside')
      const gets = [await txn.get('c/1'), await txn.get('c/2'), await txn.get('c/3')]
      const entries: Array<[string, string]> = []
      for await (const batch of txn.entries({ gte: 'c/', lt: 'c0' })) entries.push(...batch)
      return { gets, entries: entries.sort() }
    })
    expect(seen.gets).toEqual(['old1', 'new2', undefined])
    expect(seen.entries).toEqual([
      ['c/1', 'old1'],
      ['c/2', 'new2'],
      ['c/4', 'new4'],
    ])
    expect(await engine.getMany(['c/2', 'c/3', 'c/4'])).toEqual(['new2', undefined, 'new4'])
  })

  it('entries reads in batches across more rows than one page', async () => {
    await putAll(
      engine,
      Array.from({ length: 2500 }, (_, i): [string, string] => [
        `e/${String(i).padStart(4, '0')}`,
        `${i}`,
      ]),
    )
    const count = await engine.transact(async (txn) => {
      let n = 0
      let batches = 0
      for await (const batch of txn.entries({ gte: 'e/', lt: 'e0' })) {
        n += batch.length
        batches++
      }
      return { n, batches }
    })
    expect(count).toEqual({ n: 2500, batches: 3 })
  })

  it('loses no increment of 200 read-modify-write transactions, 16 at a time', async () => {
    await putAll(engine, [['counter', '0']])
    let next = 0
    let runs = 0
    const worker = async () => {
      while (next < 200) {
        next++
        await engine.transact(async (txn) => {
          runs++
          const value = Number(await txn.get('counter'))
          txn.put('counter', String(value + 1))
        })
      }
    }
    await Promise.all(Array.from({ length: 16 }, worker))
    expect(await engine.get('counter')).toBe('200')
    // Conflicts happened and were retried: more runs of work than transactions.
    expect(runs).toBeGreaterThan(200)
  })

  it('queues transactions for the table by default: 200 increments, 16 at a time, none retried', async () => {
    const queued = await pool.open(uniqueTable('queued'))
    await putAll(queued, [['counter', '0']])
    let next = 0
    let runs = 0
    const worker = async () => {
      while (next < 200) {
        next++
        await queued.transact(async (txn) => {
          runs++
          const value = Number(await txn.get('counter'))
          txn.put('counter', String(value + 1))
        })
      }
    }
    await Promise.all(Array.from({ length: 16 }, worker))
    expect(await queued.get('counter')).toBe('200')
    expect(runs).toBe(200)
  })

  it('rejects with KV_CONFLICT once retries run out (maxRetries: 0)', async () => {
    const strict = await pool.open(engine.table, { maxRetries: 0, queueTransactions: false })
    await putAll(strict, [['x', '0']])
    // Both read x before either writes it: under SERIALIZABLE one of the two must fail.
    let arrived = 0
    let release!: () => void
    const bothRead = new Promise<void>((resolve) => {
      release = resolve
    })
    const increment = () =>
      strict.transact(async (txn) => {
        const value = Number(await txn.get('x'))
        if (++arrived === 2) release()
        await bothRead
        txn.put('x', String(value + 1))
      })
    const results = await Promise.allSettled([increment(), increment()])
    const rejected = results.filter((r) => r.status === 'rejected')
    expect(rejected).toHaveLength(1)
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'KV_CONFLICT' })
    expect(await strict.get('x')).toBe('1')
  })

  it('a second engine on the same table sees the first one’s writes', async () => {
    const other = await pool.open(engine.table)
    await putAll(engine, [['shared', 'from the first']])
    expect(await other.get('shared')).toBe('from the first')
    await other.transact((txn) => txn.put('shared', 'from the second'))
    expect(await engine.get('shared')).toBe('from the second')
  })

  it('rejects calls after close with KV_CLOSED', async () => {
    const closing = await pool.open(engine.table)
    await closing.close()
    await expect(closing.get('a/2')).rejects.toMatchObject({ code: 'KV_CLOSED' })
    await expect(closing.transact(() => {})).rejects.toMatchObject({ code: 'KV_CLOSED' })
    await expect(closing.close()).resolves.toBeUndefined()
  })
})

describe('a starved pool', () => {
  const pool = engines()
  afterAll(() => pool.cleanup())

  it('rejects with KV_UNAVAILABLE, not a hang, when work calls the engine with every connection in a transaction', async () => {
    const engine = await pool.open(uniqueTable('starved'), { poolSize: 1, queueTimeoutMs: 300 })
    // The only connection is the transaction's: engine.get must wait for another one.
    await expect(engine.transact(() => engine.get('k'))).rejects.toMatchObject({
      code: 'KV_UNAVAILABLE',
      message: expect.stringContaining('QUEUE_TIMEOUT'),
    })
    // The pool recovers: the transaction rolled back and freed its connection.
    await engine.transact((txn) => txn.put('k', 'v'))
    expect(await engine.get('k')).toBe('v')
  })
})
