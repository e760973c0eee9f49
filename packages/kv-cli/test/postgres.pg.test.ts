import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { maskUrl } from '@kvgraph/postgres'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, ensureBuilt, jsonLines, kv, ROOT, sh, tempDb } from './helpers/cli.js'
import { pgDb, postgresUrl, withSql } from './helpers/postgres.js'

// The `kv` binary with --db postgres://... (or KV_DB): every command group once, on the test
// server, one table per test. The URL's password must never reach stdout or stderr.

beforeAll(ensureBuilt)

const masked = (url: string) => maskUrl(url)
const password = () => new URL(postgresUrl()).password

/** Every output of a run, checked to hold no password (when the test URL has one). */
async function run(args: string[], options: Parameters<typeof kv>[1] = {}) {
  const result = await kv(args, options)
  if (password()) expect(result.stdout + result.stderr).not.toContain(password())
  return result
}

const EDGES = [
  {
    from: { type: 'User', id: 'alice' },
    type: 'follows',
    to: { type: 'User', id: 'bob' },
    props: { w: 5 },
  },
  {
    from: { type: 'User', id: 'alice' },
    type: 'follows',
    to: { type: 'User', id: 'carol' },
    props: { w: 1 },
  },
  {
    from: { type: 'User', id: 'carol' },
    type: 'follows',
    to: { type: 'User', id: 'bob' },
    props: { w: 1 },
  },
  {
    from: { type: 'User', id: 'bob' },
    type: 'follows',
    to: { type: 'User', id: 'dave' },
    props: { w: 1 },
  },
  { from: { type: 'User', id: 'alice' }, type: 'likes', to: { type: 'Post', id: 'p1' }, props: {} },
]

describe('kv --db postgres://...', () => {
  it('init opens (creates) the table and prints the URL masked, the table and the engine; no folder is made', async () => {
    const { url, table } = pgDb('init')
    const init = await run(['init', '--db', url])
    expect(init).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(init.stdout)).toEqual({ url: masked(url), table, engine: 'postgres' })
    const again = await run(['init'], { env: { KV_DB: url } })
    expect(JSON.parse(again.stdout)).toEqual({ url: masked(url), table, engine: 'postgres' })
    const rows = await withSql((sql) => sql`SELECT version FROM kvgraph_meta WHERE name = ${table}`)
    expect(rows).toHaveLength(1)
    // The old bug: a URL taken for a path became a LevelDB folder named after it.
    expect(existsSync(join(ROOT, 'postgres:'))).toBe(false)
    expect(existsSync(join(ROOT, 'postgresql:'))).toBe(false)
  })

  it('put, get, patch, list, count, delete: records, versions and conflicts', async () => {
    const { url } = pgDb('data')
    const put = await run(['put', 'user/alice', '--db', url], {
      input: '{"name":"Alice","age":30}',
    })
    expect(put).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(put.stdout)).toMatchObject({ key: 'user/alice', version: 1, type: 'user' })
    await run(['put', 'user/bob', '--value', '[1,2]', '--type', 'person', '--db', url])
    await run(['put', 'post/1', '--value', '"hello"'], { env: { KV_DB: url } })

    const get = await run(['get', 'key', 'user/alice', '--db', url])
    expect(JSON.parse(get.stdout)).toMatchObject({
      key: 'user/alice',
      version: 1,
      type: 'user',
      value: { name: 'Alice', age: 30 },
    })
    const missing = await run(['get', 'key', 'nope', '--db', url])
    expect(missing).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'kv: key "nope" not found (CLI_NOT_FOUND)\n',
    })
    const many = await run(['get', 'many', 'user/bob', 'post/1', '--db', url])
    expect(jsonLines(many.stdout).map((r) => (r as { value: unknown }).value)).toEqual([
      [1, 2],
      'hello',
    ])

    const conflict = await run(['put', 'user/alice', '--value', '1', '--version', '0', '--db', url])
    expect(conflict.code).toBe(1)
    expect(conflict.stderr).toMatch(
      /^kv: .*expected the key to be absent, but found version 1 \(KV_VERSION_CONFLICT\)\n$/,
    )
    const patch = await run(['patch', 'user/alice', '--version', '1', '--db', url], {
      input: '{"age":null,"city":"Oslo"}',
    })
    expect(JSON.parse(patch.stdout)).toMatchObject({ key: 'user/alice', version: 2 })
    const patched = await run(['get', 'key', 'user/alice', '--db', url])
    expect(JSON.parse(patched.stdout).value).toEqual({ name: 'Alice', city: 'Oslo' })

    const keys = (out: string) => jsonLines(out).map((r) => (r as { key: string }).key)
    const page = await run(['get', 'prefix', 'user/', '--limit', '1', '--db', url])
    expect(keys(page.stdout)).toEqual(['user/alice'])
    const cursor = /^cursor: (\S+)\n$/.exec(page.stderr)?.[1]
    expect(cursor).toBeDefined()
    const next = await run(['get', 'prefix', 'user/', '--cursor', cursor!, '--db', url])
    expect(keys(next.stdout)).toEqual(['user/bob'])
    expect(keys((await run(['list', '--reverse', '--db', url])).stdout)).toEqual([
      'user/bob',
      'user/alice',
      'post/1',
    ])
    expect(keys((await run(['get', 'range', 'post/', 'user/b', '--db', url])).stdout)).toEqual([
      'post/1',
      'user/alice',
    ])
    expect((await run(['count', 'all', '--db', url])).stdout).toBe('3\n')
    expect((await run(['count', 'prefix', 'user/', '--db', url])).stdout).toBe('2\n')
    expect((await run(['count', 'range', 'a', 'user/b', '--db', url])).stdout).toBe('2\n')

    expect(JSON.parse((await run(['delete', 'post/1', 'zz', '--db', url])).stdout)).toEqual({
      deleted: 1,
    })
    expect(
      JSON.parse((await run(['delete-range', 'user/a', 'user/b', '--db', url])).stdout),
    ).toEqual({ deleted: 1 })
    expect(JSON.parse((await run(['delete-prefix', 'user/', '--db', url])).stdout)).toEqual({
      deleted: 1,
    })
    expect((await run(['count', 'all', '--db', url])).stdout).toBe('0\n')
  })

  it('stream get/seq/trim, consumers, sequences and locks across kv runs', async () => {
    const { url } = pgDb('stream')
    await run(['put', 'user/a', '--value', '1', '--db', url])
    await run(['put', 'user/b', '--value', '2', '--db', url])
    await run(['put', 'user/a', '--value', '{"x":1}', '--db', url])
    await run(['delete', 'user/b', '--db', url])
    const all = await run(['stream', 'get', '--db', url])
    expect(
      (jsonLines(all.stdout) as { seq: number; action: string; key: string }[]).map((e) => [
        e.seq,
        e.action,
        e.key,
      ]),
    ).toEqual([
      [1, 'create', 'user/a'],
      [2, 'create', 'user/b'],
      [3, 'update', 'user/a'],
      [4, 'delete', 'user/b'],
    ])
    const pageOf = await run(['stream', 'get', '--from', '2', '--limit', '2', '--db', url])
    expect((jsonLines(pageOf.stdout) as { seq: number }[]).map((e) => e.seq)).toEqual([2, 3])
    expect(pageOf.stderr).toBe('cursor: 4\n')
    expect((await run(['stream', 'seq', '--db', url])).stdout).toBe('4\n')

    const first = await run(['consumer', 'get', 'mailer', '--limit', '2', '--db', url])
    expect((jsonLines(first.stdout) as { seq: number }[]).map((e) => e.seq)).toEqual([1, 2])
    expect((await run(['consumer', 'get', 'mailer', '--limit', '2', '--db', url])).stdout).toBe(
      first.stdout,
    )
    const commit = await run(['consumer', 'commit', 'mailer', '2', '--db', url])
    expect(JSON.parse(commit.stdout)).toEqual({ name: 'mailer', position: 2 })
    const rest = await run(['consumer', 'get', 'mailer', '--db', url])
    expect((jsonLines(rest.stdout) as { seq: number }[]).map((e) => e.seq)).toEqual([3, 4])
    expect(JSON.parse((await run(['consumer', 'status', 'mailer', '--db', url])).stdout)).toEqual({
      name: 'mailer',
      position: 2,
    })
    expect(JSON.parse((await run(['consumer', 'delete', 'mailer', '--db', url])).stdout)).toEqual({
      deleted: true,
    })
    expect(JSON.parse((await run(['stream', 'trim', '2', '--db', url])).stdout)).toEqual({
      trimmed: 2,
    })
    const trimmed = await run(['stream', 'get', '--db', url])
    expect((jsonLines(trimmed.stdout) as { seq: number }[]).map((e) => e.seq)).toEqual([3, 4])

    expect((await run(['seq', 'orders', '--db', url])).stdout).toBe('1\n')
    expect((await run(['seq', 'orders', '--increment', '10', '--db', url])).stdout).toBe('11\n')

    const acquire = await run(['lock', 'acquire', 'deploy', 'ann', '--duration', '1m', '--db', url])
    expect(JSON.parse(acquire.stdout)).toEqual({
      name: 'deploy',
      owner: 'ann',
      acquired: true,
      durationMs: 60_000,
    })
    const held = await run(['lock', 'acquire', 'deploy', 'bob', '--db', url])
    expect(held).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'kv: lock "deploy" is held by "ann" (CLI_LOCK_HELD)\n',
    })
    const status = JSON.parse((await run(['lock', 'status', 'deploy', '--db', url])).stdout)
    expect(status).toMatchObject({ name: 'deploy', owner: 'ann', held: true })
    expect(
      JSON.parse((await run(['lock', 'release', 'deploy', 'ann', '--db', url])).stdout),
    ).toEqual({ name: 'deploy', released: true })
    expect(JSON.parse((await run(['lock', 'status', 'deploy', '--db', url])).stdout)).toEqual({
      name: 'deploy',
      held: false,
    })
  })

  it('watch replays with --from and hears a write another kv process commits meanwhile', async () => {
    const { url } = pgDb('watch')
    await run(['put', 'user/a', '--value', '1', '--db', url])
    const child = spawn(
      process.execPath,
      [BIN, 'watch', 'user/', '--from', '1', '--limit', '2', '--db', url],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const exited = once(child, 'exit') as Promise<[number | null]>
    const replayed = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        if (stdout.includes('\n')) resolve()
      })
    })
    try {
      const first = await Promise.race([replayed.then(() => 'event'), exited.then(() => 'exit')])
      expect({ first, stderr }).toEqual({ first: 'event', stderr: '' })
      // The watcher is running (it printed the replay): this write comes from another process.
      const written = Date.now()
      await run(['put', 'user/b', '--value', '2', '--db', url])
      const [code] = await exited
      expect(code).toBe(0)
      expect(Date.now() - written).toBeLessThan(5000)
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
    expect(stderr).toBe('')
    expect(jsonLines(stdout)).toEqual([
      { type: 'put', key: 'user/a', value: 1, version: 1, seq: 1 },
      { type: 'put', key: 'user/b', value: 2, version: 1, seq: 2 },
    ])
  })

  it('graph import, add/get edges and nodes, outgoing, bfs, find-path, export, view', async () => {
    const { url } = pgDb('graph')
    const load = await run(['graph', 'import', '-', '--db', url], {
      input: EDGES.map((edge) => JSON.stringify(edge)).join('\n'),
    })
    expect(load.code).toBe(0)
    expect(JSON.parse(load.stdout)).toMatchObject({ edges: 5, nodes: 0 })
    const node = await run(['graph', 'put-node', 'User', 'alice', '--db', url], {
      input: '{"name":"Alice"}',
    })
    expect(JSON.parse(node.stdout)).toEqual({ type: 'User', id: 'alice', props: { name: 'Alice' } })
    expect(
      JSON.parse((await run(['graph', 'get-node', 'User', 'alice', '--db', url])).stdout),
    ).toEqual({ type: 'User', id: 'alice', props: { name: 'Alice' } })
    const add = await run([
      'graph',
      'add-edge',
      'User',
      'dave',
      'follows',
      'User',
      'erin',
      '--props',
      '{"w":2}',
      '--db',
      url,
    ])
    const daveErin = {
      from: { type: 'User', id: 'dave' },
      type: 'follows',
      to: { type: 'User', id: 'erin' },
      props: { w: 2 },
    }
    expect(JSON.parse(add.stdout)).toEqual(daveErin)
    const get = await run([
      'graph',
      'get-edge',
      'User',
      'dave',
      'follows',
      'User',
      'erin',
      '--db',
      url,
    ])
    expect(JSON.parse(get.stdout)).toEqual(daveErin)
    const out = await run(['graph', 'outgoing', 'User', 'alice', '--db', url])
    expect(jsonLines(out.stdout)).toEqual([EDGES[0], EDGES[1], EDGES[4]])
    expect((await run(['graph', 'degree', 'User', 'bob', '--db', url])).stdout).toBe('3\n')

    const bfs = await run(['graph', 'bfs', 'User', 'alice', '--db', url])
    expect(
      (jsonLines(bfs.stdout) as { node: { id: string }; depth: number }[]).map((s) => [
        s.node.id,
        s.depth,
      ]),
    ).toEqual([
      ['alice', 0],
      ['bob', 1],
      ['carol', 1],
      ['p1', 1],
      ['dave', 2],
      ['erin', 3],
    ])
    const hops = JSON.parse(
      (await run(['graph', 'find-path', 'User', 'alice', 'User', 'erin', '--db', url])).stdout,
    )
    expect(hops.cost).toBe(3)
    expect(hops.nodes.map((n: { id: string }) => n.id)).toEqual(['alice', 'bob', 'dave', 'erin'])
    const weighted = JSON.parse(
      (
        await run([
          'graph',
          'find-path',
          'User',
          'alice',
          'User',
          'erin',
          '--weight',
          'w',
          '--edge-types',
          'follows',
          '--db',
          url,
        ])
      ).stdout,
    )
    expect(weighted.cost).toBe(5)
    expect(weighted.nodes.map((n: { id: string }) => n.id)).toEqual([
      'alice',
      'carol',
      'bob',
      'dave',
      'erin',
    ])
    const none = await run(['graph', 'find-path', 'User', 'erin', 'User', 'alice', '--db', url])
    expect(none).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'kv: no path from User:erin to User:alice (CLI_NOT_FOUND)\n',
    })
    const removed = await run([
      'graph',
      'remove-edge',
      'User',
      'dave',
      'follows',
      'User',
      'erin',
      '--db',
      url,
    ])
    expect(JSON.parse(removed.stdout)).toEqual({ removed: true })

    const exported = await run(['graph', 'export', '--db', url])
    expect(jsonLines(exported.stdout)).toEqual([
      { node: { type: 'User', id: 'alice' }, props: { name: 'Alice' } },
      ...EDGES.slice(0, 2),
      EDGES[4],
      EDGES[3],
      EDGES[2],
    ])
    // export | import from PostgreSQL into a LevelDB folder and from there into another table.
    const folder = await tempDb()
    const copy = pgDb('copy')
    const piped = await sh(
      `$KV graph export --db "${url}" | $KV graph import - --db "${folder}" && ` +
        `$KV graph export --db "${folder}" | $KV graph import - --db "${copy.url}"`,
    )
    expect(piped.code).toBe(0)
    expect(jsonLines(piped.stdout)).toMatchObject([
      { edges: 5, nodes: 1 },
      { edges: 5, nodes: 1 },
    ])
    expect((await run(['graph', 'export', '--db', folder])).stdout).toBe(exported.stdout)
    expect((await run(['graph', 'export', '--db', copy.url])).stdout).toBe(exported.stdout)

    const json = JSON.parse(
      (await run(['graph', 'view', '--format', 'json', '--edge-type', 'likes', '--db', url]))
        .stdout,
    )
    expect(json.edges).toEqual([EDGES[4]])
    const dot = await sh(`$KV graph view --format dot --db "${url}" | dot -Tsvg`)
    expect(dot).toMatchObject({ code: 0, stderr: '' })
    expect(dot.stdout.match(/class="edge"/g)).toHaveLength(5)
  })

  it('info shows the engine, the URL masked, the table, the server version and the table size', async () => {
    const { url, table } = pgDb('info')
    await run(['put', 'user/a', '--value', '1', '--db', url])
    await run(['put', 'user/b', '--value', '2', '--db', url])
    await run(['put', 'post/1', '--value', '"x"', '--db', url])
    await run(['graph', 'add-edge', 'User', 'a', 'wrote', 'Post', '1', '--db', url])
    const size = () =>
      withSql(async (sql) => {
        const [row] = await sql.unsafe('SELECT pg_total_relation_size($1::regclass)::bigint AS n', [
          `"${table}"`,
        ])
        return Number(row!.n)
      })
    const [version] = await withSql((sql) => sql.unsafe('SHOW server_version'))
    const before = await size()
    const info = await run(['info'], { env: { KV_DB: url } })
    const after = await size()
    expect(info).toMatchObject({ code: 0, stderr: '' })
    const shown = JSON.parse(info.stdout)
    expect(shown).toEqual({
      engine: 'postgres',
      version: '0.1.0',
      url: masked(url),
      table,
      serverVersion: version!.server_version,
      host: `127.0.0.1:${new URL(url).port}`,
      role: 'primary',
      replication: [],
      sizeBytes: shown.sizeBytes,
      records: 5,
      types: { g: 2, post: 1, user: 2 },
      graph: { nodeRecords: 0, edges: 1 },
    })
    expect(shown.sizeBytes).toBeGreaterThan(0)
    expect(shown.sizeBytes).toBeGreaterThanOrEqual(before)
    expect(shown.sizeBytes).toBeLessThanOrEqual(after)
    const pretty = await run(['info', '--pretty', '--db', url])
    expect(pretty.stdout).toMatch(
      new RegExp(
        `^engine {3}postgres\nversion {2}0\\.1\\.0\nurl {6}${literal(masked(url))}\ntable {4}${table}\nserver {3}${literal(version!.server_version)}\nhost {5}127\\.0\\.0\\.1:${new URL(url).port} \\(primary\\)\nstandby {2}none\nsize {5}.* \\(\\d+ bytes\\)\nrecords {2}5\ngraph {4}0 node records, 1 edges\ntypes:\n  g     2\n  post  1\n  user  2\n$`,
      ),
    )
  })

  it('benchmark --db runs in a temporary namespace of the table and leaves no records', async () => {
    const { url } = pgDb('bench')
    await run(['put', 'keep', '--value', 'true', '--db', url])
    const result = await run(['benchmark', 'put', '-n', '40', '-w', '2', '--db', url])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const summary = JSON.parse(result.stdout)
    expect(summary).toMatchObject({ benchmark: 'put', ops: 40, concurrency: 2 })
    expect(summary.target).toMatch(/^namespace kv-benchmark-\d+-\d+ of /)
    expect(summary.target.endsWith(` of ${masked(url)}`)).toBe(true)
    expect((await run(['count', 'all', '--db', url])).stdout).toBe('1\n')
    expect(JSON.parse((await run(['info', '--db', url])).stdout).records).toBe(1)
  })

  it('an unreachable server is one line, KV_UNAVAILABLE, exit 1, the password masked', async () => {
    const url = 'postgres://kv:s3cret-pw@127.0.0.1:1/nothing?connect_timeout=3'
    const result = await run(['get', 'key', 'k', '--db', url])
    expect(result).toMatchObject({ code: 1, stdout: '' })
    expect(result.stderr).toBe(
      'kv: PostgresEngine.open: PostgreSQL at postgres://kv:***@127.0.0.1:1/nothing?connect_timeout=3 is unavailable: connect ECONNREFUSED 127.0.0.1:1 (ECONNREFUSED) (KV_UNAVAILABLE)\n',
    )
    const other = await run(['count', 'all', '--db', 'mysql://kv:s3cret-pw@host/db'])
    expect(other.code).toBe(1)
    expect(other.stderr).not.toContain('s3cret-pw')
    expect(other.stderr).toMatch(/^kv: openStore: location must be .*\(KV_INVALID_ARGUMENT\)\n$/)
    expect(existsSync(join(ROOT, 'mysql:'))).toBe(false)
  })
})

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
