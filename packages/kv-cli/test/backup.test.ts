import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, jsonLines, kv, seed, sh, tempDb, tempDir } from './helpers/cli.js'

beforeAll(ensureBuilt)

const records = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k/${i}`, { i }]))

describe('kv backup, restore, verify and copy', () => {
  it('backs up to a file, verifies it and restores it into an empty store', async () => {
    const dir = await tempDir()
    const db = join(dir, 'a')
    await seed(db, records)
    const file = join(dir, 'a.kvbackup')
    const backup = await kv(['backup', file, '--db', db])
    expect(backup.code, backup.stderr).toBe(0)
    expect(jsonLines(backup.stdout)).toEqual([
      expect.objectContaining({ file, records: 50, streamEntries: 50, seq: 50 }),
    ])
    const verify = await kv(['backup', 'verify', file])
    expect(jsonLines(verify.stdout)).toEqual([
      expect.objectContaining({ records: 50, seq: 50, engine: 'classic-level' }),
    ])
    const target = join(dir, 'b')
    const restore = await kv(['restore', file, '--db', target])
    expect(restore.code, restore.stderr).toBe(0)
    expect(jsonLines(restore.stdout)).toEqual([
      { file, records: 50, entries: 51, streamEntries: 50, seq: 50 },
    ])
    const got = await kv(['get', 'key', 'k/7', '--db', target])
    expect(JSON.parse(got.stdout)).toMatchObject({ key: 'k/7', value: { i: 7 }, version: 1 })

    const again = await kv(['restore', file, '--db', target])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/\(KV_NOT_EMPTY\)\n$/)
    const forced = await kv(['restore', file, '--db', target, '--force'])
    expect(forced.code, forced.stderr).toBe(0)
  })

  it('pipes a backup from stdout into a restore from stdin', async () => {
    const from = await tempDb()
    const to = await tempDb()
    await seed(from, records)
    const piped = await sh(`$KV backup - --db '${from}' | $KV restore - --db '${to}'`)
    expect(piped.code, piped.stderr).toBe(0)
    // backup's summary went to stderr, the restore's to stdout
    expect(jsonLines(piped.stderr)).toEqual([expect.objectContaining({ file: '-', records: 50 })])
    expect(jsonLines(piped.stdout)).toEqual([expect.objectContaining({ file: '-', records: 50 })])
    const count = await kv(['count', 'all', '--db', to])
    expect(count.stdout).toMatch(/50/)
  })

  it('copies a store with kv copy, optionally without the stream', async () => {
    const from = await tempDb()
    const to = await tempDb()
    await seed(from, records)
    const copy = await kv(['copy', to, '--db', from, '--no-stream'])
    expect(copy.code, copy.stderr).toBe(0)
    expect(jsonLines(copy.stdout)).toEqual([
      { from, to, records: 50, entries: 51, streamEntries: 0, seq: 50 },
    ])
    const stream = await kv(['stream', '--db', to])
    expect(stream.stdout.trim()).toBe('')
  })

  it('draws a progress bar with a rate and an ETA when asked', async () => {
    const dir = await tempDir()
    const db = join(dir, 'a')
    await seed(db, records)
    const run = await kv(['backup', join(dir, 'p.kvbackup'), '--db', db], {
      env: { KV_PROGRESS: '1' },
    })
    expect(run.stderr).toMatch(/backup \[#+\] 100% \d+\/\d+ entries [\d.]+s \d+ entries\/s ETA/)
  })

  it('verify says KV_BACKUP_CORRUPT for a file that is not a backup', async () => {
    const dir = await tempDir()
    const file = join(dir, 'bad')
    await sh(`echo 'not a backup' > '${file}'`)
    const run = await kv(['backup', 'verify', file])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/not a kvgraph backup .*\(KV_BACKUP_CORRUPT\)/)
  })
})
