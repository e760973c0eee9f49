import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '@kvgraph/core'
import { rejectsWithCode } from '@kvgraph/core/testing'
import { ClassicLevel } from 'classic-level'
import { MemoryLevel } from 'memory-level'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kv-engine-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Tries to open the database from another process; prints the error code or 'opened'. */
function openFromOtherProcess(path: string): string {
  const script = `
    const { ClassicLevel } = require('classic-level')
    const db = new ClassicLevel(${JSON.stringify(path)})
    db.open().then(() => { console.log('opened'); return db.close() }, (e) => console.log(e.cause?.code ?? e.code))`
  const result = spawnSync(process.execPath, ['-e', script], {
    cwd: process.cwd(),
    encoding: 'utf8',
  })
  return result.stdout.trim()
}

describe('LevelDB on disk', () => {
  it('keeps data across close and reopen', async () => {
    const path = join(dir, 'db')
    const store = await openStore(path)
    await store.put('user/alice', { n: 1 })
    await store.namespace('ns').put('k', 2)
    await store.close()
    const again = await openStore(path)
    expect((await again.get('user/alice'))?.value).toEqual({ n: 1 })
    expect((await again.namespace('ns').get('k'))?.value).toBe(2)
    expect((await again.put('user/alice', { n: 2 })).version).toBe(2)
    await again.close()
  })

  it("a second open in this process fails with KV_LOCKED and keeps the first handle's lock", async () => {
    const path = join(dir, 'db')
    const store = await openStore(path)
    const twice = await rejectsWithCode(openStore(path), 'KV_LOCKED')
    // The method first, then the path as typed (no quotes, no length: it is not an odd string).
    expect(twice.message).toBe(`openStore: the database at ${path} is already open in this process`)
    await rejectsWithCode(openStore(join(dir, '.', 'db')), 'KV_LOCKED')
    // LevelDB would drop its file lock after a failed second open; another process must still be refused.
    expect(openFromOtherProcess(path)).toBe('LEVEL_LOCKED')
    await store.put('k', 1)
    await store.close()
    const reopened = await openStore(path)
    expect((await reopened.get('k'))?.value).toBe(1)
    await reopened.close()
  })

  it('an open in another process fails with KV_LOCKED', async () => {
    const path = join(dir, 'db')
    const script = `
      const { ClassicLevel } = require('classic-level')
      const db = new ClassicLevel(${JSON.stringify(path)})
      db.open().then(() => { console.log('ready'); setTimeout(() => db.close(), 3000) })`
    const { spawn } = await import('node:child_process')
    const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd() })
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    const error = await rejectsWithCode(openStore(path), 'KV_LOCKED')
    expect(error.message).toBe(`openStore: the database at ${path} is open in another process`)
    child.kill()
    await new Promise((resolve) => child.once('exit', resolve))
  })

  it('opens with sync writes', async () => {
    const store = await openStore(join(dir, 'db'), { sync: true })
    await store.put('k', 1)
    expect((await store.get('k'))?.value).toBe(1)
    expect(store.engine).toBe('classic-level')
    await store.close()
  })
})

describe('group commit', () => {
  it('commits concurrent writes to LevelDB in a few batches, not one each', async () => {
    const db = new ClassicLevel<string, string>(join(dir, 'db'), {
      keyEncoding: 'utf8',
      valueEncoding: 'utf8',
    })
    let batches = 0
    const batch = db.batch.bind(db)
    db.batch = ((...args: Parameters<typeof batch>) => {
      batches++
      return batch(...args)
    }) as typeof db.batch
    const store = await openStore(db)
    await Promise.all(Array.from({ length: 1000 }, (_, i) => store.put(`k/${i}`, i)))
    expect(await store.count()).toBe(1000)
    expect(batches).toBeLessThanOrEqual(5)
    await store.close()
  })

  it('a failed batch rejects its writers and loses nothing committed before', async () => {
    const db = new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' })
    const store = await openStore(db)
    await store.put('safe', 1)
    const batch = db.batch.bind(db)
    const fail = () => Promise.reject(new Error('disk full'))
    // Both batch forms fail: an array batch rejects, a chained batch's write rejects.
    db.batch = ((...args: Parameters<typeof batch>) => {
      if (args.length > 0) return fail()
      const chained = batch()
      chained.write = fail
      return chained
    }) as typeof db.batch
    await rejectsWithCode(store.put('doomed', 2), 'KV_IO_ERROR')
    db.batch = batch
    expect(await store.get('doomed')).toBeUndefined()
    expect((await store.put('safe', 3)).version).toBe(2)
    await store.close()
  })

  it('accepts an abstract-level database and rejects other targets', async () => {
    const store = await openStore(new MemoryLevel())
    await store.put('k', 'v')
    expect((await store.get('k'))?.value).toBe('v')
    await store.close()
    await rejectsWithCode(openStore(42 as never), 'KV_INVALID_ARGUMENT')
    await rejectsWithCode(openStore(':memory:', { maxValueBytes: 0 }), 'KV_INVALID_ARGUMENT')
  })
})
