import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PostgresEngine } from '../src/index.js'
import { SPECULATE_AFTER } from '../src/postgres-txn.js'
import { engines, putAll, uniqueTable } from './helpers.js'

// Past SPECULATE_AFTER reads, a transaction takes unseen keys to be missing and checks them all
// in one statement before it writes: whatever it guessed, what commits is what reads through the
// server one key at a time would have written.
describe('transact with many reads (speculative reads)', () => {
  const pool = engines()
  let engine: PostgresEngine

  beforeAll(async () => {
    engine = await pool.open(uniqueTable('spec'))
    // Every third key of n/000..n/299 exists, holding its number.
    await putAll(
      engine,
      Array.from({ length: 100 }, (_, i) => [`n/${String(3 * i).padStart(3, '0')}`, String(3 * i)]),
    )
  })
  afterAll(() => pool.cleanup())

  const key = (i: number) => `n/${String(i).padStart(3, '0')}`

  it('sees every existing key among many, runs work again when a guess was wrong, and commits what the truth gives', async () => {
    let passes = 0
    const seen = await engine.transact(async (txn) => {
      passes++
      const found: number[] = []
      for (let i = 0; i < 300; i++) {
        const value = await txn.get(key(i))
        if (value !== undefined) found.push(Number(value))
      }
      txn.put('sum', String(found.reduce((a, b) => a + b, 0)))
      return found
    })
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => 3 * i))
    expect(await engine.get('sum')).toBe(String(3 * ((99 * 100) / 2)))
    // The first pass guessed missing for keys that exist: it ran again on what the server holds.
    expect(passes).toBeGreaterThan(1)
  })

  it('needs no second pass when every guessed key is missing', async () => {
    let passes = 0
    await engine.transact(async (txn) => {
      passes++
      for (let i = 0; i < 50; i++) {
        expect(await txn.get(`fresh/${i}`)).toBeUndefined()
        txn.put(`fresh/${i}`, 'new')
      }
    })
    expect(passes).toBe(1)
    expect(await engine.getMany(['fresh/0', 'fresh/49'])).toEqual(['new', 'new'])
  })

  it('runs work again when it threw on a wrong guess, and rejects only when the truth throws too', async () => {
    const needAll = (count: number) =>
      engine.transact(async (txn) => {
        // Existing keys only (n/000, n/003, ...): past the first reads, each is guessed missing.
        for (let i = 0; i < count; i++) {
          if ((await txn.get(key(3 * i))) === undefined) throw new Error(`missing ${key(3 * i)}`)
        }
        txn.put('all-there', String(count))
      })
    await expect(needAll(SPECULATE_AFTER + 20)).resolves.toBeUndefined()
    expect(await engine.get('all-there')).toBe(String(SPECULATE_AFTER + 20))
    await engine.transact((txn) => txn.del(key(30)))
    await expect(needAll(SPECULATE_AFTER + 20)).rejects.toThrow('missing n/030')
    expect(await engine.get('all-there')).toBe(String(SPECULATE_AFTER + 20))
  })

  it('reads each key once per pass: a chain of reads where each key names the next ends right', async () => {
    await putAll(engine, [
      ['chain/a', 'chain/b'],
      ['chain/b', 'chain/c'],
      ['chain/c', 'chain/d'],
      ['chain/d', 'chain/e'],
      ['chain/e', 'chain/f'],
      ['chain/f', 'chain/g'],
      ['chain/g', 'end'],
    ])
    const path = await engine.transact(async (txn) => {
      const visited: string[] = []
      for (let at: string | undefined = 'chain/a'; at !== undefined && at !== 'end'; ) {
        visited.push(at)
        at = await txn.get(at)
      }
      return visited
    })
    expect(path).toEqual([
      'chain/a',
      'chain/b',
      'chain/c',
      'chain/d',
      'chain/e',
      'chain/f',
      'chain/g',
    ])
  })
})
