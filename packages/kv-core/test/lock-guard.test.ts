// Regression (issue 24, defect 1): a second open of a LevelDB directory through an
// abstract-level database made LevelDB drop its file lock, so another process could write.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { openStore } from '@kvgraph/core'
import { ClassicLevel } from 'classic-level'
import { MemoryLevel } from 'memory-level'
import { describe, expect, it } from 'vitest'
import { useStores } from './helpers/stores.js'

const { openAt, path } = useStores()
const run = promisify(execFile)
// classic-level resolves from this package.
const here = new URL('.', import.meta.url).pathname

/** Tries to open `dir` from another process: resolves to the error code it saw, or 'opened'. */
async function openElsewhere(dir: string): Promise<string> {
  const script = `
    const { ClassicLevel } = require('classic-level')
    const db = new ClassicLevel(process.argv[1])
    db.open().then(() => db.close().then(() => console.log('opened')),
      (error) => console.log(error.cause?.code ?? error.code ?? 'error'))`
  const { stdout } = await run(process.execPath, ['-e', script, dir], { cwd: here })
  return stdout.trim()
}

describe('the in-process lock guard', () => {
  it('refuses an abstract-level database at a path this process has open, and keeps the lock', async () => {
    const dir = path()
    const store = await openAt(dir)
    await store.put('a', 1)
    const db = new ClassicLevel<string, string>(dir)
    await expect(openStore(db)).rejects.toMatchObject({
      code: 'KV_LOCKED',
      message: expect.stringContaining(dir),
    })
    expect(db.status).not.toBe('open')
    // The first store still holds LevelDB's file lock: another process cannot open the directory.
    expect(await openElsewhere(dir)).toBe('LEVEL_LOCKED')
    await store.put('b', 2)
    expect((await store.get('a'))?.value).toBe(1)
  })

  it('refuses a path while an abstract-level database of it is open in a store', async () => {
    const dir = path()
    const first = await openAt(new ClassicLevel<string, string>(dir) as never)
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'KV_LOCKED' })
    await expect(openStore(new ClassicLevel<string, string>(dir))).rejects.toMatchObject({
      code: 'KV_LOCKED',
    })
    expect(await openElsewhere(dir)).toBe('LEVEL_LOCKED')
    await first.put('x', 1)
    await first.close()
    // Closing releases the claim: the path opens again.
    const again = await openAt(dir)
    expect((await again.get('x'))?.value).toBe(1)
  })

  it('leaves databases without a location alone', async () => {
    const one = await openAt(new MemoryLevel<string, string>() as never)
    const two = await openAt(new MemoryLevel<string, string>() as never)
    await one.put('k', 1)
    expect(await two.get('k')).toBeUndefined()
  })
})
