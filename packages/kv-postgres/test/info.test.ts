import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { maskUrl } from '../src/index.js'
import { engines, postgresUrl, putAll, uniqueTable } from './helpers.js'

// info(): the server's own answers, read here through a connection of the test's.

describe('info', () => {
  const pool = engines()
  afterAll(() => pool.cleanup())

  it('reports the engine, the URL masked, the table, the server version and the table size', async () => {
    const table = uniqueTable('info')
    const engine = await pool.open(table)
    const sql = postgres(postgresUrl(), { max: 1, onnotice: () => {} })
    try {
      const [version] = await sql.unsafe('SHOW server_version')
      const sizeOf = async () => {
        const [row] = await sql.unsafe('SELECT pg_total_relation_size($1::regclass)::bigint AS n', [
          `"${table}"`,
        ])
        return Number(row!.n)
      }
      const empty = await engine.info()
      expect(empty).toEqual({
        engine: 'postgres',
        location: maskUrl(postgresUrl()),
        table,
        serverVersion: version!.server_version,
        bytes: await sizeOf(),
        host: `127.0.0.1:${new URL(postgresUrl()).port}`,
        role: 'primary',
        replication: [],
      })
      await putAll(
        engine,
        Array.from({ length: 2000 }, (_, i): [string, string] => [`k${i}`, 'v'.repeat(200)]),
      )
      const full = await engine.info()
      expect(full.bytes).toBe(await sizeOf())
      expect(full.bytes!).toBeGreaterThan(empty.bytes! + 2000 * 200)
    } finally {
      await sql.end()
    }
  })

  it('rejects with KV_CLOSED after close()', async () => {
    const engine = await pool.open(uniqueTable('info_closed'))
    await engine.close()
    await expect(engine.info()).rejects.toMatchObject({ code: 'KV_CLOSED' })
  })
})
