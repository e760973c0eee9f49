import { type AddressInfo, createServer } from 'node:net'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import {
  maskUrl,
  PostgresEngine,
  type PostgresEngineOptions,
  parseConfig,
  SCHEMA_VERSION,
} from '../src/index.js'
import { engines, postgresUrl, uniqueTable } from './helpers.js'

/** The test URL with one part replaced, e.g. the password or the database. */
function variant(change: (url: URL) => void): string {
  const url = new URL(postgresUrl())
  change(url)
  return url.toString()
}

/** Opens and expects a typed rejection, within a few seconds (no hang). */
async function openFails(
  url: string,
  code: string,
  options: PostgresEngineOptions = { connectTimeoutMs: 3000 },
) {
  const started = Date.now()
  const error = await PostgresEngine.open(url, options).then(
    (engine) => engine.close().then(() => expect.unreachable('open succeeded')),
    (error: unknown) => error as Error & { code: string },
  )
  expect(error).toMatchObject({ name: 'KvError', code })
  expect(Date.now() - started).toBeLessThan(8000)
  return error as Error
}

describe('open', () => {
  const pool = engines()
  afterAll(() => pool.cleanup())

  it('creates the table once when many engines open it at once, and records its version', async () => {
    const table = uniqueTable('schema')
    const opened = await Promise.all(Array.from({ length: 12 }, () => pool.open(table)))
    await opened[0]!.transact((txn) => txn.put('k', 'v'))
    expect(await opened[11]!.get('k')).toBe('v')
    const again = await pool.open(table) // an existing table: nothing changes
    expect(await again.get('k')).toBe('v')
    const sql = postgres(postgresUrl(), { max: 1, onnotice: () => {} })
    try {
      const rows = await sql`SELECT version FROM kvgraph_meta WHERE name = ${table}`
      expect(rows).toEqual([{ version: SCHEMA_VERSION }])
      const columns = await sql`SELECT column_name, data_type FROM information_schema.columns
        WHERE table_name = ${table} ORDER BY ordinal_position`
      expect(columns).toEqual([
        { column_name: 'k', data_type: 'bytea' },
        { column_name: 'v', data_type: 'bytea' },
      ])
    } finally {
      await sql.end()
    }
  })

  it('refuses a table whose schema version is newer than this package knows', async () => {
    const table = uniqueTable('newer')
    await pool.open(table)
    const sql = postgres(postgresUrl(), { max: 1, onnotice: () => {} })
    await sql`UPDATE kvgraph_meta SET version = ${SCHEMA_VERSION + 1} WHERE name = ${table}`
    await sql.end()
    await expect(PostgresEngine.open(postgresUrl(), { table })).rejects.toMatchObject({
      code: 'KV_INVALID_ARGUMENT',
      message: expect.stringContaining('newer'),
    })
  })

  it('rejects a malformed URL or option with KV_INVALID_ARGUMENT, password masked', async () => {
    const bad = ['mysql://u:secret@h/db', 'postgres://u:secret@h:99999/db', 'not a url', '']
    for (const url of bad) {
      const error = await openFails(url, 'KV_INVALID_ARGUMENT')
      expect(error.message).not.toContain('secret')
    }
    await expect(PostgresEngine.open(42 as unknown as string)).rejects.toMatchObject({
      code: 'KV_INVALID_ARGUMENT',
    })
    for (const table of ['Bad', 'a-b', 'kvgraph_meta', 'x'.repeat(64), '1abc', 'a"b']) {
      await expect(PostgresEngine.open(postgresUrl(), { table })).rejects.toMatchObject({
        code: 'KV_INVALID_ARGUMENT',
        message: expect.stringContaining('table'),
      })
    }
    await expect(PostgresEngine.open(postgresUrl(), { poolSize: 0 })).rejects.toMatchObject({
      code: 'KV_INVALID_ARGUMENT',
    })
  })

  it('a wrong password is KV_UNAVAILABLE, naming the URL with the password masked', async () => {
    const url = variant((u) => {
      u.password = 'wrong-secret'
    })
    const error = await openFails(url, 'KV_UNAVAILABLE')
    expect(error.message).toContain('postgres://postgres:***@127.0.0.1')
    expect(error.message).not.toContain('wrong-secret')
    expect(error.message).toContain('28P01')
  })

  it('a missing database is KV_UNAVAILABLE, naming it', async () => {
    const url = variant((u) => {
      u.pathname = '/no_such_db'
    })
    const error = await openFails(url, 'KV_UNAVAILABLE')
    expect(error.message).toContain('/no_such_db')
    expect(error.message).toContain('3D000')
    expect(error.message).not.toContain(new URL(postgresUrl()).password)
  })

  it('a server that is not there is KV_UNAVAILABLE at once', async () => {
    const url = variant((u) => {
      u.port = '1'
    })
    const error = await openFails(url, 'KV_UNAVAILABLE')
    expect(error.message).toContain('ECONNREFUSED')
  })

  it('a server that accepts but never answers is KV_UNAVAILABLE after the connect timeout', async () => {
    const silent = createServer(() => {}) // takes the connection, says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as AddressInfo
    try {
      const started = Date.now()
      const error = await openFails(
        `postgres://u:pw@127.0.0.1:${port}/db?connect_timeout=1`,
        'KV_UNAVAILABLE',
        {},
      )
      expect(error.message).toContain('CONNECT_TIMEOUT')
      expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    } finally {
      silent.close()
    }
  })

  it('parses URL parameters and passes the others to the driver', () => {
    const config = parseConfig(
      'postgres://u:pw@h1:5432,h2:5433/db?table=my_store&pool_size=4&statement_timeout=250&connect_timeout=2&target_session_attrs=read-write',
    )
    expect(config).toMatchObject({
      table: 'my_store',
      poolSize: 4,
      statementTimeoutMs: 250,
      connectTimeoutMs: 2000,
      primaryWaitMs: 30_000,
      // The store writes: the driver's `primary` is libpq's read-write (see config.ts).
      driverUrl: 'postgres://u:pw@h1:5432,h2:5433/db?target_session_attrs=primary',
      maskedUrl: expect.stringContaining('postgres://u:***@h1:5432,h2:5433/db?'),
    })
    // Several hosts and no choice: the primary, not whichever answers first; `any` too.
    expect(parseConfig('postgres://h1,h2/db').driverUrl).toBe(
      'postgres://h1,h2/db?target_session_attrs=primary',
    )
    expect(parseConfig('postgres://h1/db?target_session_attrs=any&primary_wait=5')).toMatchObject({
      driverUrl: 'postgres://h1/db?target_session_attrs=primary',
      primaryWaitMs: 5,
    })
    expect(parseConfig('postgres://h/db', { primaryWaitMs: 0 }).primaryWaitMs).toBe(0)
    expect(() => parseConfig('postgres://h/db', { primaryWaitMs: -1 })).toThrow(/primaryWaitMs/)
    expect(parseConfig('postgres://h/db', { table: 'other', poolSize: 2 })).toMatchObject({
      table: 'other',
      poolSize: 2,
      connectTimeoutMs: 10_000,
      maxRetries: 30,
    })
    expect(maskUrl('postgresql://user:p%40ss@host/db?password=x&a=1')).toBe(
      'postgresql://user:***@host/db?password=***&a=1',
    )
    expect(maskUrl('postgres://u:p@ss:w@h1,h2:5/db')).toBe('postgres://u:***@h1,h2:5/db')
    expect(maskUrl('postgres://u@h/db')).toBe('postgres://u@h/db')
    expect(maskUrl('postgres://h:5432/db')).toBe('postgres://h:5432/db')
  })

  it('applies statement_timeout from the URL: a statement stuck on a lock fails KV_UNAVAILABLE', async () => {
    const table = uniqueTable('timeout')
    await pool.open(table) // creates the table, and drops it after the file
    const engine = await PostgresEngine.open(`${postgresUrl()}?statement_timeout=100`, { table })
    const sql = postgres(postgresUrl(), { max: 1, onnotice: () => {} })
    let unlock!: () => void
    let locked!: () => void
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve
    })
    // Another session writes the row and holds its lock: the engine's upsert waits for it.
    const holder = sql.begin(async (tx) => {
      await tx.unsafe(`INSERT INTO "${table}" (k, v) VALUES ('\\x6b', '\\x76')`)
      locked()
      await new Promise<void>((resolve) => {
        unlock = resolve
      })
    })
    try {
      await isLocked
      const started = Date.now()
      await expect(engine.transact((txn) => txn.put('k', 'mine'))).rejects.toMatchObject({
        code: 'KV_UNAVAILABLE',
        message: expect.stringContaining('57014'),
      })
      expect(Date.now() - started).toBeLessThan(2000)
    } finally {
      unlock()
      await holder
      await sql.end()
      await engine.close()
    }
  })
})
