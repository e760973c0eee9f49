import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { MemoryLevel } from 'memory-level'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import type { AnyLevel } from '../src/engine/level/any-level.js'
import { LevelEngine } from '../src/engine/level/level-engine.js'
import { POINT_READ_TUNING } from '../src/engine/level/point-reads.js'

// This file has its own module instance of the engine, so the tuning stays here.
Object.assign(POINT_READ_TUNING, { maxKeys: 4, budget: 8 })

const roots: string[] = []
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true })
})

type Db = AnyLevel
const databases = {
  'LevelDB on disk': async (): Promise<Db> => {
    const root = mkdtempSync(join(tmpdir(), 'kv-point-reads-'))
    roots.push(root)
    const db = new ClassicLevel<string, string>(join(root, 'db'))
    await db.open()
    return db
  },
  'memory-level': async (): Promise<Db> => {
    const db = new MemoryLevel<string, string>()
    await db.open()
    return db
  },
}

/** The next macrotask: the event loop has had a turn once it resolves. */
const turn = () => new Promise((resolve) => setImmediate(resolve))

describe.each(Object.entries(databases))('point reads on %s', (_, openDb) => {
  let engine: LevelEngine
  afterEach(() => engine?.close())

  async function open(entries: Record<string, string>) {
    const db = await openDb()
    await db.batch(Object.entries(entries).map(([key, value]) => ({ type: 'put', key, value })))
    engine = new LevelEngine(db, { name: 'test' })
    return { db, getSync: vi.spyOn(db, 'getSync'), getMany: vi.spyOn(db, 'getMany') }
  }

  it('reads a few keys on the calling thread, and more keys through the threadpool', async () => {
    const values = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`k${i}`, `v${i}`]))
    const { getSync, getMany } = await open(values)
    expect(await engine.get('k1')).toBe('v1')
    expect(await engine.get('absent')).toBeUndefined()
    expect(await engine.getMany(['k0', 'absent', 'k5', 'k0'])).toEqual([
      'v0',
      undefined,
      'v5',
      'v0',
    ])
    expect(getSync).toHaveBeenCalledTimes(6)
    expect(getMany).not.toHaveBeenCalled()

    const five = ['k0', 'k1', 'k2', 'k3', 'k4'] // more than maxKeys
    expect(await engine.getMany(five)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4'])
    expect(getMany).toHaveBeenCalledTimes(1)
    expect(getSync).toHaveBeenCalledTimes(6)
  })

  it('reads several keys from one snapshot while a write lands', async () => {
    const { db, getSync } = await open({ a: 'old', b: 'old' })
    const original = Object.getPrototypeOf(db).getSync as (
      key: unknown,
      options: unknown,
    ) => unknown
    let landing: Promise<void> | undefined
    getSync.mockImplementationOnce(function (this: Db, key: unknown, options: unknown) {
      // A write of both keys starts between the pair's two reads: memory-level applies it at
      // once, LevelDB on another thread at any moment.
      landing = db.batch([
        { type: 'put', key: 'a', value: 'new' },
        { type: 'put', key: 'b', value: 'new' },
      ])
      return original.call(this, key, options)
    })
    const [a, b] = await engine.getMany(['a', 'b'])
    expect(landing).toBeDefined()
    expect(a).toBe(b)
    if (db instanceof MemoryLevel) expect(a).toBe('old') // the snapshot predates the write
    await landing
    expect(await engine.getMany(['a', 'b'])).toEqual(['new', 'new'])
  })

  it('lets the event loop have a turn at least every `budget` keys', async () => {
    const { getSync, getMany } = await open({ k: 'v' })
    await turn() // a fresh period: no keys held
    let turned = false
    setImmediate(() => {
      turned = true
    })
    let reads = 0
    while (!turned && reads < 100) {
      expect(await engine.get('k')).toBe('v')
      reads++
    }
    // Eight reads (the budget) without a turn; the ninth waited for one.
    expect(reads).toBe(9)
    expect(getSync).toHaveBeenCalledTimes(9)

    // A batch that would pass the budget waits whole for the next turn.
    await turn()
    let turnedAgain = false
    setImmediate(() => {
      turnedAgain = true
    })
    const four = ['k', 'k', 'k', 'k']
    expect(await engine.getMany(four)).toEqual(['v', 'v', 'v', 'v'])
    expect(await engine.getMany(four)).toEqual(['v', 'v', 'v', 'v'])
    expect(turnedAgain).toBe(false)
    expect(await engine.getMany(four)).toEqual(['v', 'v', 'v', 'v'])
    expect(turnedAgain).toBe(true)
    expect(getSync).toHaveBeenCalledTimes(21)
    expect(getMany).not.toHaveBeenCalled()
  })
})
