// Regression (issue 24, defect 9): openStore('/proc/nope/db') never returned (a recursive mkdir
// loops on procfs), and a path under a regular file gave a raw EEXIST or ENOTDIR.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '@kvgraph/core'
import { describe, expect, it } from 'vitest'
import { useStores } from './helpers/stores.js'

const { openAt, path } = useStores()

describe('unusable locations', () => {
  it('fail at once with a KvError naming the path', async () => {
    const file = path()
    writeFileSync(file, 'not a directory')
    const cases = [
      { location: '/proc/nope/db', code: 'KV_IO_ERROR' },
      { location: '/proc/nope', code: 'KV_IO_ERROR' },
      { location: join(file, 'db'), code: 'KV_INVALID_ARGUMENT' },
      { location: join(file, 'a', 'b'), code: 'KV_INVALID_ARGUMENT' },
      { location: file, code: 'KV_INVALID_ARGUMENT' },
    ]
    for (const { location, code } of cases) {
      const error = await openStore(location).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error, location).toMatchObject({ name: 'KvError', code })
      expect((error as Error).message, location).toContain(location)
    }
  })

  it('still creates missing parent directories', async () => {
    const location = join(path(), 'a', 'b', 'db')
    const store = await openAt(location)
    await store.put('k', 1)
    expect((await store.get('k'))?.value).toBe(1)
  })
})
