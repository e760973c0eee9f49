import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, builtCore, ensureBuilt, jsonLines, kv, ROOT, tempDb } from './helpers/cli.js'

beforeAll(ensureBuilt)

interface Entry {
  seq: number
  action: string
  key: string
  value: unknown
}

/** A database with four changes: create a, create b, update a, delete b. */
async function changedDb(): Promise<string> {
  const db = await tempDb()
  const { openStore } = await builtCore()
  const store = await openStore(db)
  try {
    await store.put('user/a', 1)
    await store.put('user/b', 2)
    await store.put('user/a', { x: 1 })
    await store.delete('user/b')
  } finally {
    await store.close()
  }
  return db
}

describe('stream', () => {
  it('stream get (with --from, --type, --prefix, --limit and the next --from on stderr), seq, trim', async () => {
    const db = await changedDb()
    const all = await kv(['stream', 'get', '--db', db])
    const entries = jsonLines(all.stdout) as Entry[]
    expect(entries.map((e) => [e.seq, e.action, e.key])).toEqual([
      [1, 'create', 'user/a'],
      [2, 'create', 'user/b'],
      [3, 'update', 'user/a'],
      [4, 'delete', 'user/b'],
    ])
    expect(all.stderr).toBe('')
    const page = await kv(['stream', 'get', '--from', '2', '--limit', '2', '--db', db])
    expect((jsonLines(page.stdout) as Entry[]).map((e) => e.seq)).toEqual([2, 3])
    expect(page.stderr).toBe('cursor: 4\n')
    const filtered = await kv(['stream', 'get', '--prefix', 'user/b', '--type', 'user', '--db', db])
    expect((jsonLines(filtered.stdout) as Entry[]).map((e) => e.seq)).toEqual([2, 4])
    expect((await kv(['stream', 'seq', '--db', db])).stdout).toBe('4\n')
    expect(JSON.parse((await kv(['stream', 'trim', '2', '--db', db])).stdout)).toEqual({
      trimmed: 2,
    })
    const rest = await kv(['stream', 'get', '--db', db])
    expect((jsonLines(rest.stdout) as Entry[]).map((e) => e.seq)).toEqual([3, 4])
  })

  it('seq increments a named counter atomically', async () => {
    const db = await tempDb()
    expect((await kv(['seq', 'orders', '--db', db])).stdout).toBe('1\n')
    expect((await kv(['seq', 'orders', '--increment', '10', '--db', db])).stdout).toBe('11\n')
    expect((await kv(['seq', 'orders', '--increment', '-1', '--db', db])).stdout).toBe('10\n')
  })
})

describe('consumer', () => {
  it('get, commit, status and delete across separate kv runs', async () => {
    const db = await changedDb()
    const first = await kv(['consumer', 'get', 'mailer', '--limit', '2', '--db', db])
    expect((jsonLines(first.stdout) as Entry[]).map((e) => e.seq)).toEqual([1, 2])
    // Not committed yet: delivered again (at-least-once).
    const again = await kv(['consumer', 'get', 'mailer', '--limit', '2', '--db', db])
    expect(again.stdout).toBe(first.stdout)
    const commit = await kv(['consumer', 'commit', 'mailer', '2', '--db', db])
    expect(JSON.parse(commit.stdout)).toEqual({ name: 'mailer', position: 2 })
    const next = await kv(['consumer', 'get', 'mailer', '--db', db])
    expect((jsonLines(next.stdout) as Entry[]).map((e) => e.seq)).toEqual([3, 4])
    const status = await kv(['consumer', 'status', 'mailer', '--db', db])
    expect(JSON.parse(status.stdout)).toEqual({ name: 'mailer', position: 2 })
    expect(JSON.parse((await kv(['consumer', 'delete', 'mailer', '--db', db])).stdout)).toEqual({
      deleted: true,
    })
    expect(JSON.parse((await kv(['consumer', 'delete', 'mailer', '--db', db])).stdout)).toEqual({
      deleted: false,
    })
  })

  it('remembers the filter it was created with', async () => {
    const db = await changedDb()
    const created = await kv(['consumer', 'get', 'b-only', '--prefix', 'user/b', '--db', db])
    expect((jsonLines(created.stdout) as Entry[]).map((e) => e.seq)).toEqual([2, 4])
    const later = await kv(['consumer', 'get', 'b-only', '--db', db])
    expect(later.stdout).toBe(created.stdout)
    const status = await kv(['consumer', 'status', 'b-only', '--db', db])
    expect(JSON.parse(status.stdout)).toEqual({ name: 'b-only', position: 0, prefix: 'user/b' })
  })
})

describe('lock', () => {
  it('acquire, held by another (exit 1), status, release by the owner only', async () => {
    const db = await tempDb()
    const acquire = await kv(['lock', 'acquire', 'deploy', 'ann', '--duration', '1m', '--db', db])
    expect(JSON.parse(acquire.stdout)).toEqual({
      name: 'deploy',
      owner: 'ann',
      acquired: true,
      durationMs: 60_000,
    })
    const other = await kv(['lock', 'acquire', 'deploy', 'bob', '--db', db])
    expect(other).toMatchObject({ code: 1, stdout: '' })
    expect(other.stderr).toBe('kv: lock "deploy" is held by "ann" (CLI_LOCK_HELD)\n')
    const status = JSON.parse((await kv(['lock', 'status', 'deploy', '--db', db])).stdout)
    expect(status).toMatchObject({ name: 'deploy', owner: 'ann', held: true })
    expect(Date.parse(status.expiresAt) - Date.parse(status.acquiredAt)).toBe(60_000)
    const wrong = await kv(['lock', 'release', 'deploy', 'bob', '--db', db])
    expect(JSON.parse(wrong.stdout)).toEqual({ name: 'deploy', released: false })
    const right = await kv(['lock', 'release', 'deploy', 'ann', '--db', db])
    expect(JSON.parse(right.stdout)).toEqual({ name: 'deploy', released: true })
    const free = await kv(['lock', 'status', 'deploy', '--db', db])
    expect(JSON.parse(free.stdout)).toEqual({ name: 'deploy', held: false })
    const bad = await kv(['lock', 'acquire', 'deploy', 'ann', '--duration', 'soon', '--db', db])
    expect(bad.code).toBe(2)
  })
})

describe('watch', () => {
  it('--from replays the stream (filtered by target) and --limit stops it', async () => {
    const db = await changedDb()
    const result = await kv(['watch', 'user/a', '--from', '1', '--limit', '2', '--db', db])
    expect(result.code).toBe(0)
    expect(jsonLines(result.stdout)).toEqual([
      { type: 'put', key: 'user/a', value: 1, version: 1, seq: 1 },
      { type: 'put', key: 'user/a', value: { x: 1 }, version: 2, seq: 3 },
    ])
  })

  it('follows live changes (a TTL expiry) until Ctrl-C, then exits 0', async () => {
    const db = await tempDb()
    const { openStore } = await builtCore()
    const store = await openStore(db)
    await store.put('session/s1', 'token', { ttl: 1200 })
    await store.close()
    // --from 2 (the seq the expiry gets) so the event is seen even if the sweep runs first.
    const child = spawn(process.execPath, [BIN, 'watch', 'session/', '--from', '2', '--db', db], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const exited = once(child, 'exit') as Promise<[number | null]>
    const event = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        if (stdout.includes('\n')) resolve()
      })
    })
    try {
      const first = await Promise.race([event.then(() => 'event'), exited.then(() => 'exit')])
      expect({ first, stderr }).toEqual({ first: 'event', stderr: '' })
      child.kill('SIGINT')
      const [code] = await exited
      expect(code).toBe(0)
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
    expect(stderr).toBe('')
    expect(jsonLines(stdout)).toEqual([
      { type: 'expire', key: 'session/s1', value: 'token', version: 1, seq: 2 },
    ])
  })
})
