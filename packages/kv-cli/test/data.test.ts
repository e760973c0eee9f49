import { existsSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, jsonLines, kv, seed, sh, tempDb } from './helpers/cli.js'

beforeAll(ensureBuilt)

interface Rec {
  key: string
  version: number
  type: string
  value: unknown
  expires?: string
}

describe('data commands', () => {
  it('init creates the database directory and reports its path', async () => {
    const db = await tempDb()
    const first = await kv(['init', '--db', db])
    expect(first).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(first.stdout)).toEqual({ path: db, engine: 'classic-level', created: true })
    expect(existsSync(db)).toBe(true)
    const again = await kv(['init', '--db', db])
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false })
  })

  it('put reads JSON from stdin or --value, get key prints the record', async () => {
    const db = await tempDb()
    const put = await kv(['put', 'user/alice', '--db', db], { input: '{"name":"Alice","age":30}' })
    expect(put.code).toBe(0)
    const meta = JSON.parse(put.stdout) as Rec
    expect(meta).toMatchObject({ key: 'user/alice', version: 1, type: 'user' })
    expect(meta).not.toHaveProperty('value')

    const put2 = await kv(['put', 'user/bob', '--db', db, '--value', '[1,2]', '--type', 'person'])
    expect(JSON.parse(put2.stdout)).toMatchObject({ key: 'user/bob', type: 'person', version: 1 })

    const get = await kv(['get', 'key', 'user/alice', '--db', db])
    expect(get).toMatchObject({ code: 0, stderr: '' })
    expect(get.stdout.trim().split('\n')).toHaveLength(1)
    expect(JSON.parse(get.stdout)).toMatchObject({
      key: 'user/alice',
      value: { name: 'Alice', age: 30 },
    })
  })

  it('global options work before the command, after it, and from $KV_DB', async () => {
    const db = await tempDb()
    await kv(['--db', db, 'put', 'k', '--value', '1'])
    const after = await kv(['get', 'key', 'k', '--db', db])
    const env = await kv(['get', 'key', 'k'], { env: { KV_DB: db } })
    expect(JSON.parse(after.stdout)).toMatchObject({ value: 1 })
    expect(JSON.parse(env.stdout)).toMatchObject({ value: 1 })
  })

  it('--pretty indents the output', async () => {
    const db = await tempDb()
    await seed(db, { k: { a: { b: 1 } } })
    const pretty = await kv(['get', 'key', 'k', '--db', db, '--pretty'])
    expect(pretty.stdout).toContain('\n  "value": {\n    "a": {\n      "b": 1\n')
    expect(JSON.parse(pretty.stdout)).toMatchObject({ value: { a: { b: 1 } } })
  })

  it('a missing key prints nothing on stdout and exits 1 with a clear message', async () => {
    const db = await tempDb()
    await kv(['init', '--db', db])
    const missing = await kv(['get', 'key', 'nope', '--db', db])
    expect(missing.code).toBe(1)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toBe('kv: key "nope" not found (CLI_NOT_FOUND)\n')
  })

  it('get many prints the records found, and exits 1 naming the missing keys', async () => {
    const db = await tempDb()
    await seed(db, { a: 1, b: 2 })
    const all = await kv(['get', 'many', 'b', 'a', '--db', db])
    expect(all.code).toBe(0)
    expect(jsonLines(all.stdout).map((r) => (r as Rec).key)).toEqual(['b', 'a'])
    const some = await kv(['get', 'many', 'a', 'zz', '--db', db])
    expect(some.code).toBe(1)
    expect(jsonLines(some.stdout).map((r) => (r as Rec).key)).toEqual(['a'])
    expect(some.stderr).toBe('kv: 1 of 2 keys not found: "zz" (CLI_NOT_FOUND)\n')
  })

  it('get prefix, get range and list page with --limit, --cursor (on stderr), --reverse, --offset', async () => {
    const db = await tempDb()
    await seed(db, { 'a/1': 1, 'a/2': 2, 'a/3': 3, 'b/1': 4, 'c/1': 5 })
    const keys = (out: string) => jsonLines(out).map((r) => (r as Rec).key)

    const page1 = await kv(['get', 'prefix', 'a/', '--limit', '2', '--db', db])
    expect(keys(page1.stdout)).toEqual(['a/1', 'a/2'])
    const cursor = /^cursor: (\S+)\n$/.exec(page1.stderr)?.[1]
    expect(cursor).toBeDefined()
    const page2 = await kv(['get', 'prefix', 'a/', '--limit', '2', '--cursor', cursor!, '--db', db])
    expect(keys(page2.stdout)).toEqual(['a/3'])
    expect(page2.stderr).toBe('')

    const range = await kv(['get', 'range', 'a/2', 'c/1', '--reverse', '--db', db])
    expect(keys(range.stdout)).toEqual(['b/1', 'a/3', 'a/2'])
    const list = await kv(['list', '--offset', '1', '--limit', '3', '--db', db])
    expect(keys(list.stdout)).toEqual(['a/2', 'a/3', 'b/1'])
    expect(list.stderr).toMatch(/^cursor: \S+\n$/)
    const typed = await kv(['list', '--type', 'b', '--db', db])
    expect(keys(typed.stdout)).toEqual(['b/1'])
  })

  it('count all, prefix and range', async () => {
    const db = await tempDb()
    await seed(db, { 'a/1': 0, 'a/2': 0, 'b/1': 0 })
    expect((await kv(['count', 'all', '--db', db])).stdout).toBe('3\n')
    expect((await kv(['count', 'prefix', 'a/', '--db', db])).stdout).toBe('2\n')
    expect((await kv(['count', 'range', 'a/2', 'z', '--db', db])).stdout).toBe('2\n')
  })

  it('put --version checks versions: a conflict is a one-line KV_VERSION_CONFLICT, exit 1', async () => {
    const db = await tempDb()
    const create = await kv(['put', 'k', '--db', db, '--value', '1', '--version', '0'])
    expect(create.code).toBe(0)
    const conflict = await kv(['put', 'k', '--db', db, '--value', '2', '--version', '0'])
    expect(conflict.code).toBe(1)
    expect(conflict.stdout).toBe('')
    expect(conflict.stderr).toMatch(
      /^kv: .*expected the key to be absent, but found version 1 \(KV_VERSION_CONFLICT\)\n$/,
    )
    const update = await kv(['put', 'k', '--db', db, '--value', '2', '--version', '1'])
    expect(JSON.parse(update.stdout)).toMatchObject({ version: 2 })
  })

  it('put --ttl sets an expiry', async () => {
    const db = await tempDb()
    const put = await kv(['put', 'session', '--db', db, '--value', '"s"', '--ttl', '1h'])
    const expires = Date.parse((JSON.parse(put.stdout) as Rec).expires!)
    expect(expires - Date.now()).toBeGreaterThan(3_500_000)
    expect(expires - Date.now()).toBeLessThanOrEqual(3_600_000)
    await kv(['put', 'short', '--db', db, '--value', '1', '--ttl', '1ms'])
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect((await kv(['get', 'key', 'short', '--db', db])).code).toBe(1)
  })

  it('patch merges (RFC 7396) and checks --version', async () => {
    const db = await tempDb()
    await seed(db, { u: { a: 1, b: { c: 2, d: 3 } } })
    const patch = await kv(['patch', 'u', '--db', db], { input: '{"b":{"c":null},"e":4}' })
    expect(JSON.parse(patch.stdout)).toMatchObject({ key: 'u', version: 2 })
    const get = await kv(['get', 'key', 'u', '--db', db])
    expect((JSON.parse(get.stdout) as Rec).value).toEqual({ a: 1, b: { d: 3 }, e: 4 })
    const conflict = await kv(['patch', 'u', '--db', db, '--value', '{}', '--version', '1'])
    expect(conflict.code).toBe(1)
    expect(conflict.stderr).toContain('(KV_VERSION_CONFLICT)')
  })

  it('delete, delete-prefix and delete-range print how many records went', async () => {
    const db = await tempDb()
    await seed(db, { 'a/1': 0, 'a/2': 0, 'b/1': 0, 'b/2': 0, 'c/1': 0, 'd/1': 0 })
    const del = await kv(['delete', 'a/1', 'zz', 'd/1', '--db', db])
    expect(JSON.parse(del.stdout)).toEqual({ deleted: 2 })
    const prefix = await kv(['delete-prefix', 'b/', '--db', db])
    expect(JSON.parse(prefix.stdout)).toEqual({ deleted: 2 })
    const range = await kv(['delete-range', 'a', 'c/2', '--db', db])
    expect(JSON.parse(range.stdout)).toEqual({ deleted: 2 })
    expect((await kv(['count', 'all', '--db', db])).stdout).toBe('0\n')
  })

  it('delete --version guards a single key; delete-prefix refuses the empty prefix', async () => {
    const db = await tempDb()
    await seed(db, { k: 0 })
    const wrong = await kv(['delete', 'k', '--version', '7', '--db', db])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('(KV_VERSION_CONFLICT)')
    const two = await kv(['delete', 'k', 'j', '--version', '1', '--db', db])
    expect(two.code).toBe(2)
    expect(two.stderr).toBe('kv: --version needs exactly one key (CLI_USAGE)\n')
    const empty = await kv(['delete-prefix', '', '--db', db])
    expect(empty.code).toBe(2)
    const right = await kv(['delete', 'k', '--version', '1', '--db', db])
    expect(JSON.parse(right.stdout)).toEqual({ deleted: 1 })
  })

  it('a reader that closes the pipe early (kv list | head -1) ends kv quietly with status 0', async () => {
    const db = await tempDb()
    const values: Record<string, string> = {}
    for (let i = 0; i < 5000; i++) values[`k/${String(i).padStart(5, '0')}`] = 'x'.repeat(100)
    await seed(db, values)
    const result = await sh(`$KV list --db "${db}" | head -1`)
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toMatchObject({ key: 'k/00000' })
  })
})
