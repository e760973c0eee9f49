import type { EngineInfo } from '@kvgraph/core'
import type { Sql } from 'postgres'
import { isUnavailable } from './errors.js'

/** The server's version: PostgreSQL and CockroachDB both answer it. */
export const VERSION_QUERY = 'SHOW server_version'
/**
 * The table's bytes on disk with its indexes and TOAST, from the server's own accounting. A
 * display figure, never relied on: CockroachDB has no such function, and then there is no size.
 */
export const SIZE_QUERY = 'SELECT pg_total_relation_size(to_regclass($1))::bigint AS bytes'

/**
 * What `PostgresEngine.info()` reports. The version and the size are read separately, each
 * left out when the server refuses it, so a server without the size function still shows its
 * version; an unreachable server rejects (the caller maps the error).
 */
export async function readEngineInfo(sql: Sql, table: string, url: string): Promise<EngineInfo> {
  const info: EngineInfo = { engine: 'postgres', location: url, table }
  const [version] = await sql.unsafe(VERSION_QUERY)
  const serverVersion = version?.server_version
  if (typeof serverVersion === 'string') info.serverVersion = serverVersion
  const bytes = await sizeOf(sql, table)
  if (bytes !== undefined) info.bytes = bytes
  return info
}

async function sizeOf(sql: Sql, table: string): Promise<number | undefined> {
  let rows: ReadonlyArray<Record<string, unknown>>
  try {
    rows = await sql.unsafe(SIZE_QUERY, [`"${table}"`])
  } catch (error) {
    // The server refusing the query (no such function, no permission) means no figure; a lost
    // server, or any other failure, is the caller's to hear.
    if ((error as Error).name === 'PostgresError' && !isUnavailable(error)) return undefined
    throw error
  }
  const bytes = rows[0]?.bytes
  if (bytes === null || bytes === undefined) return undefined
  const n = Number(bytes)
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined
}
