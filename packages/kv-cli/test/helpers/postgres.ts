import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

/** The test server's URL (test/setup/postgres.ts): a throwaway cluster or KV_TEST_POSTGRES_URL. */
export const postgresUrl = (): string => inject('postgresUrl')

const tables: string[] = []

/**
 * A `--db` URL of a table no other test uses (`?table=`, added to the server URL's own
 * parameters), dropped after the test file.
 */
export function pgDb(label: string): { url: string; table: string } {
  const table = `cli_${label}_${randomBytes(4).toString('hex')}`
  tables.push(table)
  const base = postgresUrl()
  return { url: `${base}${base.includes('?') ? '&' : '?'}table=${table}`, table }
}

/** Runs queries on the test server with a connection of its own. */
export async function withSql<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(postgresUrl(), { max: 1, onnotice: () => {} })
  try {
    return await work(sql)
  } finally {
    await sql.end()
  }
}

afterAll(async () => {
  if (tables.length === 0) return
  await withSql(async (sql) => {
    for (const table of tables) {
      await sql.unsafe(`DROP TABLE IF EXISTS "${table}"`)
      await sql.unsafe('DELETE FROM kvgraph_meta WHERE name = $1', [table])
    }
  })
})
