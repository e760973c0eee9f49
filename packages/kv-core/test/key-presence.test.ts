import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type OpenStoreOptions, openStore, type Store } from '@kvgraph/core'
import { storeConformance } from '@kvgraph/core/testing'
import { ClassicLevel } from 'classic-level'
import fc from 'fast-check'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BloomFilter, GrowingBloomFilter } from '../src/engine/level/bloom-filter.js'
import { KEY_PRESENCE_TUNING } from '../src/engine/level/key-presence.js'
import { LevelEngine } from '../src/engine/level/level-engine.js'

// The filter is built after the first absent read, starts tiny and grows, so every path (scan,
// growth while in use, scan outgrown mid-way) runs on small databases. This file has its own
// module instance, so the tuning stays here.
Object.assign(KEY_PRESENCE_TUNING, {
  buildAfterMisses: 1,
  firstCapacity: 16,
  estimatedCapacityMax: 16,
  scanBatch: 7,
})

const roots: string[] = []
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true })
})
function freshDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'kv-presence-'))
  roots.push(root)
  return join(root, 'db')
}

/** Lets the filter's background scan run (batches of 7 keys: many round trips). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30))

describe('BloomFilter', () => {
  it('never forgets a key it was given, and rejects most others', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 300 }), (keys) => {
        const filter = new BloomFilter(Math.max(1, keys.length))
        for (const key of keys) filter.add(key)
        for (const key of keys) expect(filter.mayContain(key)).toBe(true)
      }),
      { numRuns: 200 },
    )
    const filter = new BloomFilter(10_000)
    for (let i = 0; i < 10_000; i++) filter.add(`user/${i}`)
    let positives = 0
    for (let i = 0; i < 10_000; i++) if (filter.mayContain(`other/${i}`)) positives++
    expect(positives).toBeLessThan(500) // about 1% at capacity; 5% would mean a broken hash
  })

  it('grows in stages and still never forgets', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 500 }), (keys) => {
        const filter = new GrowingBloomFilter(4)
        for (const key of keys) filter.add(key)
        for (const key of keys) expect(filter.mayContain(key)).toBe(true)
        expect(filter.capacity).toBeGreaterThanOrEqual(keys.length)
      }),
      { numRuns: 200 },
    )
    const filter = new GrowingBloomFilter(1000)
    for (let i = 0; i < 21_000; i++) filter.add(`user/${i}`) // stages of 1k, 4k, 16k
    expect(filter.stages).toBe(3)
    let positives = 0
    for (let i = 0; i < 10_000; i++) if (filter.mayContain(`other/${i}`)) positives++
    expect(positives).toBeLessThan(600) // about 1% per full stage
  })
})

describe('LevelEngine key filter', () => {
  let db: ClassicLevel<string, string>
  let engine: LevelEngine
  beforeEach(async () => {
    db = new ClassicLevel<string, string>(freshDir(), {
      keyEncoding: 'utf8',
      valueEncoding: 'utf8',
    })
    await db.open()
  })
  afterEach(() => engine.close())

  const read = (key: string) => engine.transact((txn) => txn.get(key))
  const write = (entries: Array<[string, string]>) =>
    engine.transact((txn) => {
      for (const [key, value] of entries) txn.put(key, value)
    })
  /** Writes `prefix/i` keys, one transaction each, until the filter is in use (a scan starts only between transactions). */
  const writeUntilActive = async (prefix: string) => {
    for (let i = 0; i < 100 && !engine.presence!.active; i++) {
      await write([[`${prefix}/${i}`, 'x']])
      await settle()
    }
    expect(engine.presence!.active).toBe(true)
  }

  it('starts in use on a new, empty database, so even the first writes skip their reads', async () => {
    engine = new LevelEngine(db, { name: 'test', keyFilter: true })
    await engine.start()
    expect(engine.presence!.active).toBe(true)
    expect(engine.presence!.stats).toMatchObject({ scans: 0, builds: 1 })
    const getSync = vi.spyOn(db, 'getSync')
    const keys = Array.from({ length: 100 }, (_, i): [string, string] => [`new/${i}`, `v${i}`])
    await engine.transact(async (txn) => {
      for (const [key, value] of keys) {
        expect(await txn.get(key)).toBeUndefined()
        txn.put(key, value)
      }
    })
    // About 1% of absent keys may pass the filter (16 keys of capacity, grown in stages).
    expect(getSync.mock.calls.length).toBeLessThan(10)
    for (const [key, value] of keys) expect(await read(key)).toBe(value)
  })

  it('does not start empty on a database that holds keys, or once a write came first', async () => {
    await db.put('old', 'v')
    engine = new LevelEngine(db, { name: 'test', keyFilter: true })
    await engine.start()
    expect(engine.presence!.active).toBe(false)
    await engine.close()

    const other = new ClassicLevel<string, string>(freshDir())
    await other.open()
    engine = new LevelEngine(other, { name: 'test', keyFilter: true })
    const starting = engine.start()
    await write([['first', 'v']]) // before the start's check has read the database
    await starting
    expect(engine.presence!.active).toBe(false)
    expect(await read('first')).toBe('v')
  })

  it('finds every key the database held before, and skips reads of new keys', async () => {
    const before = Array.from({ length: 500 }, (_, i): [string, string] => [`old/${i}`, `v${i}`])
    await db.batch(before.map(([key, value]) => ({ type: 'put' as const, key, value })))
    engine = new LevelEngine(db, { name: 'test', keyFilter: true })
    expect(await read('absent/0')).toBeUndefined() // the first miss asks for a filter
    // The scan starts at a transaction boundary; its filter grows in stages as it meets keys.
    const presence = engine.presence!
    await writeUntilActive('new')
    for (const [key, value] of before) expect(await read(key)).toBe(value)
    for (let i = 0; i < 200; i++) expect(await read(`absent/${i + 1}`)).toBeUndefined()
    expect(presence.stats.skippedReads).toBeGreaterThan(150)
  })

  it('knows keys written while its scan runs and while it grows', async () => {
    await db.batch(
      Array.from({ length: 300 }, (_, i) => ({ type: 'put' as const, key: `a/${i}`, value: 'a' })),
    )
    engine = new LevelEngine(db, { name: 'test', keyFilter: true })
    expect(await read('absent')).toBeUndefined()
    // Each write is a transaction boundary while the scan (of 7 keys a batch) is in flight; the
    // writes outgrow the filter again and again (16 keys, then stages 4x larger each time).
    const written: string[] = []
    for (let i = 0; i < 1500; i++) {
      // Two keys a transaction: a scan started between its two writes would miss the first.
      written.push(`b/${i}`, `c/${i}`)
      const writing = write([
        [`b/${i}`, 'b'],
        [`c/${i}`, 'b'],
      ])
      if (i % 3 === 0) await new Promise((resolve) => setImmediate(resolve))
      if (i % 2 === 0) await writing
      // Reads meanwhile go through whichever filter is in use at that moment.
      if (i % 25 === 0) expect(await read(written[(i * 7919) % written.length]!)).toBe('b')
    }
    await settle()
    expect(engine.presence!.stats).toMatchObject({ scans: 1, builds: 1 })
    expect(engine.presence!.stages).toBeGreaterThan(3)
    for (const key of written) expect(await read(key)).toBe('b')
    for (let i = 0; i < 300; i++) expect(await read(`a/${i}`)).toBe('a')
  })

  it('sizes its first filter from the database size on disk', async () => {
    const value = 'v'.repeat(100)
    const keys = Array.from({ length: 20_000 }, (_, i) => `k/${String(i).padStart(6, '0')}`)
    await db.batch(keys.map((key) => ({ type: 'put' as const, key, value })))
    await db.compactRange('k/', 'k0') // into tables, where the size estimate looks
    const bytes = await db.approximateSize('', '\u{10ffff}')
    expect(bytes).toBeGreaterThan(16 * 16)
    const saved = { ...KEY_PRESENCE_TUNING }
    Object.assign(KEY_PRESENCE_TUNING, { estimatedCapacityMax: 1 << 20, scanBatch: 16_384 })
    try {
      engine = new LevelEngine(db, { name: 'test', keyFilter: true })
      expect(await read('absent')).toBeUndefined()
      await writeUntilActive('new')
      // One scan, no restart: the first filter was large enough for every key.
      expect(engine.presence!.stats).toMatchObject({ scans: 1, builds: 1 })
      expect(engine.presence!.capacity).toBeGreaterThanOrEqual(bytes / 16)
      expect(engine.presence!.capacity).toBeGreaterThanOrEqual(keys.length)
    } finally {
      Object.assign(KEY_PRESENCE_TUNING, saved)
    }
  })

  it('a transaction that meets the first absent key after writing keeps its writes known', async () => {
    engine = new LevelEngine(db, { name: 'test', keyFilter: true })
    await engine.transact(async (txn) => {
      txn.put('p/1', 'one')
      expect(await txn.get('absent')).toBeUndefined() // the miss that asks for a filter
      txn.put('p/2', 'two')
    })
    await writeUntilActive('q')
    expect(await read('p/1')).toBe('one')
    expect(await read('p/2')).toBe('two')
  })

  it('goes without a filter once it would outgrow its bound, and reads stay right', async () => {
    const saved = { ...KEY_PRESENCE_TUNING }
    Object.assign(KEY_PRESENCE_TUNING, { maxCapacity: 200 })
    try {
      engine = new LevelEngine(db, { name: 'test', keyFilter: true })
      expect(await read('absent')).toBeUndefined()
      await writeUntilActive('first')
      // 16, 64, 256 keys: the third stage passes the bound.
      for (let i = 0; i < 100; i++) await write([[`k/${i}`, `v${i}`]])
      expect(engine.presence!.active).toBe(false)
      for (let i = 0; i < 100; i++) expect(await read(`k/${i}`)).toBe(`v${i}`)
      expect(await read('k/absent')).toBeUndefined()
    } finally {
      Object.assign(KEY_PRESENCE_TUNING, saved)
    }
  })

  it('is asked before the transaction and the staged writes, and knows every key in them', async () => {
    engine = new LevelEngine(db, { name: 'test', keyFilter: true })
    expect(await read('absent')).toBeUndefined()
    await writeUntilActive('warm')
    const { stats } = engine.presence!
    const skipped = stats.skippedReads
    // Written in this transaction, then read: the filter must not answer "absent".
    await engine.transact(async (txn) => {
      expect(await txn.get('fresh/1')).toBeUndefined()
      txn.put('fresh/1', 'one')
      expect(await txn.get('fresh/1')).toBe('one')
      txn.del('fresh/2') // never written: reads as absent either way
      expect(await txn.get('fresh/2')).toBeUndefined()
    })
    expect(stats.skippedReads).toBeGreaterThan(skipped)
    // Staged but not yet in the database (the write is still in flight): found.
    const writing = write([['fresh/3', 'three']])
    expect(await read('fresh/3')).toBe('three')
    await writing
    expect(await read('fresh/1')).toBe('one')
  })
})

describe('store with the key filter in use', () => {
  it('keeps versions and created times of records written before it was opened', async () => {
    const path = freshDir()
    const first = await openStore(path)
    for (let i = 0; i < 100; i++) await first.put(`user/${i}`, i)
    const created = (await first.get('user/7'))!.created
    await first.close()
    const store = await openStore(path)
    await store.put('user/new', 0) // a miss: the filter is built from here on
    await settle()
    const rows = await store.mutate(
      Array.from({ length: 100 }, (_, i) => ({ op: 'put' as const, key: `user/${i}`, value: -i })),
    )
    expect(rows.every((n) => n === 1)).toBe(true)
    for (let i = 0; i < 100; i++) expect((await store.get(`user/${i}`))?.version).toBe(2)
    expect((await store.get('user/7'))?.created).toBe(created)
    await expect(store.put('user/new', 1, { version: 0 })).rejects.toMatchObject({
      code: 'KV_VERSION_CONFLICT',
    })
    await store.close()
  })
})

// The whole conformance suite (with its model-based test) with the filter built on first miss.
const open = new Map<Store, string>()
storeConformance({
  name: 'classic-level with the key filter',
  open: async (options?: OpenStoreOptions) => {
    const path = freshDir()
    const store = await openStore(path, options)
    open.set(store, path)
    return store
  },
  dispose: async (store) => {
    await store.close()
    open.delete(store)
  },
})
