import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type EngineInfo,
  type EngineIterator,
  type EngineKeyIterator,
  type KvEngine,
  openStore,
} from '@kvgraph/core'
import { afterAll, describe, expect, it } from 'vitest'

// store.engineInfo(): the engine's own info() when it has one, else its name and location.

const dir = mkdtempSync(join(tmpdir(), 'kv-engine-info-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A do-nothing engine that reports `info`, to see the store hand it through unchanged. */
function engineWith(info: () => Promise<EngineInfo>): KvEngine {
  const empty = { nextv: async () => [], seek: () => {}, close: async () => {} }
  return {
    name: 'fake',
    get: async () => undefined,
    getMany: async (keys) => keys.map(() => undefined),
    iterator: () => empty as EngineIterator,
    keys: () => empty as EngineKeyIterator,
    transact: async (work) =>
      work({ get: () => undefined, entries: async function* () {}, put() {}, del() {} }),
    info,
    close: async () => {},
  }
}

describe('store.engineInfo()', () => {
  it('on LevelDB and in memory: the engine name, and the directory where there is one', async () => {
    const path = join(dir, 'db')
    const level = await openStore(path)
    expect(await level.engineInfo()).toEqual({ engine: 'classic-level', location: path })
    expect(await level.namespace('n').engineInfo()).toEqual({
      engine: 'classic-level',
      location: path,
    })
    await level.close()
    const memory = await openStore(':memory:')
    expect(await memory.engineInfo()).toEqual({ engine: 'memory-level' })
    await memory.close()
  })

  it("hands through an engine's info(), and its rejection", async () => {
    const info = { engine: 'fake', location: 'x://h', table: 't', serverVersion: '1', bytes: 9 }
    const store = await openStore(engineWith(async () => info))
    expect(await store.engineInfo()).toEqual(info)
    await store.close()
    const failing = await openStore(
      engineWith(() =>
        Promise.reject(Object.assign(new Error('down'), { code: 'KV_UNAVAILABLE' })),
      ),
    )
    await expect(failing.engineInfo()).rejects.toMatchObject({ code: 'KV_UNAVAILABLE' })
    await failing.close()
  })

  it('rejects with KV_CLOSED after close()', async () => {
    const store = await openStore(':memory:')
    await store.close()
    await expect(store.engineInfo()).rejects.toMatchObject({
      code: 'KV_CLOSED',
      message: 'engineInfo: the store is closed',
    })
  })
})
