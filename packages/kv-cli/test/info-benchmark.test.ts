import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, kv, seed, tempDb } from './helpers/cli.js'

beforeAll(ensureBuilt)

describe('info', () => {
  it('prints engine, version, path, size on disk and counts per type', async () => {
    const db = await tempDb()
    await seed(db, { 'user/a': 1, 'user/b': 2, 'post/1': 'x' })
    await kv(['graph', 'add-edge', 'User', 'a', 'wrote', 'Post', '1', '--db', db])
    const info = JSON.parse((await kv(['info', '--db', db])).stdout)
    expect(info).toMatchObject({
      engine: 'classic-level',
      version: '0.1.0',
      path: db,
      records: 5,
      types: { g: 2, post: 1, user: 2 },
      graph: { nodeRecords: 0, edges: 1 },
    })
    expect(info.sizeBytes).toBeGreaterThan(0)
    const pretty = await kv(['info', '--pretty', '--db', db])
    expect(pretty.stdout).toMatch(/^engine {3}classic-level\n/)
    expect(pretty.stdout).toContain('\ntypes:\n  g     2\n  post  1\n  user  2\n')
  })
})

describe('benchmark', () => {
  interface Summary {
    benchmark: string
    ops: number
    concurrency: number
    seconds: number
    opsPerSec: number
    p50Ms: number
    p99Ms: number
    [key: string]: unknown
  }

  it('runs every workload in a temporary database and summarizes honestly', async () => {
    const before = (await readdir(tmpdir())).filter((name) => name.startsWith('kv-benchmark-'))
    const results = await Promise.all(
      ['put', 'get', 'patch', 'mixed', 'edges', 'path'].map((name) =>
        kv(['benchmark', name, '-n', '200', '-w', '4', '--records', '50']),
      ),
    )
    for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' })
    const summaries = results.map((result) => JSON.parse(result.stdout) as Summary)
    for (const s of summaries) {
      expect(s).toMatchObject({ ops: 200, concurrency: 4, target: 'a temporary database' })
      expect(s.p50Ms).toBeLessThanOrEqual(s.p99Ms)
      // Every timed operation is counted: ops/s times the wall time gives the ops back.
      expect(s.opsPerSec * s.seconds).toBeCloseTo(200, 0)
    }
    const [, get, , mixed, , path] = summaries
    expect(get).toMatchObject({ missing: 0, setup: { writes: 50 } })
    expect((mixed!.gets as number) + (mixed!.puts as number) + (mixed!.patches as number)).toBe(200)
    expect(path).toMatchObject({ setup: { writes: 250 } })
    expect(path!.pathsFound).toBeGreaterThan(0)
    const after = (await readdir(tmpdir())).filter((name) => name.startsWith('kv-benchmark-'))
    expect(after.filter((name) => !before.includes(name))).toEqual([])
  })

  it('with --db, runs in a temporary namespace and leaves no records; --pretty prints a table', async () => {
    const db = await tempDb()
    await seed(db, { keep: true })
    const result = await kv(['benchmark', 'put', '-n', '100', '--db', db, '--pretty'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^benchmark {4}put\nops {10}100\n/)
    expect(result.stdout).toMatch(/\ntarget {7}namespace kv-benchmark-\d+-\d+ of /)
    expect((await kv(['count', 'all', '--db', db])).stdout).toBe('1\n')
    const info = JSON.parse((await kv(['info', '--db', db])).stdout)
    expect(info.records).toBe(1)
  })
})
