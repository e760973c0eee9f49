import type { EngineInfo, ReplicationPeer } from '@kvgraph/core'
import type { Sql } from 'postgres'
import { isUnavailable } from './errors.js'

/** The server's version: PostgreSQL and CockroachDB both answer it. */
export const VERSION_QUERY = 'SHOW server_version'
/**
 * The table's bytes on disk with its indexes and TOAST, from the server's own accounting. A
 * display figure, never relied on: CockroachDB has no such function, and then there is no size.
 */
export const SIZE_QUERY = 'SELECT pg_total_relation_size(to_regclass($1))::bigint AS bytes'

/** The server this connection reached, and whether it is a standby (replaying, read-only). */
export const ROLE_QUERY =
  'SELECT host(inet_server_addr()) AS addr, inet_server_port() AS port, pg_is_in_recovery() AS standby'
/** A primary's standbys; a standby's own view is empty. */
export const REPLICATION_QUERY =
  'SELECT application_name, client_addr::text AS address, state, sync_state FROM pg_stat_replication ORDER BY application_name'

/**
 * What `PostgresEngine.info()` reports. The version, the size and the role are read separately,
 * each left out when the server refuses it, so a server without the size function still shows its
 * version; an unreachable server rejects (the caller maps the error).
 */
export async function readEngineInfo(sql: Sql, table: string, url: string): Promise<EngineInfo> {
  const info: EngineInfo = { engine: 'postgres', location: url, table }
  const [version] = await sql.unsafe(VERSION_QUERY)
  const serverVersion = version?.server_version
  if (typeof serverVersion === 'string') info.serverVersion = serverVersion
  const bytes = await sizeOf(sql, table)
  if (bytes !== undefined) info.bytes = bytes
  await addRole(sql, info)
  return info
}

/**
 * The host, role and standbys, on one reserved connection so all three describe one server
 * (the pool may hold connections to more than one host while a failover settles).
 */
async function addRole(sql: Sql, info: EngineInfo): Promise<void> {
  const connection = await sql.reserve()
  try {
    const [where] = await refusable(() => connection.unsafe(ROLE_QUERY))
    if (where === undefined) return
    if (where.addr !== null) info.host = `${where.addr}:${where.port}`
    info.role = where.standby ? 'standby' : 'primary'
    if (info.role === 'standby') return
    const peers = await refusable(() => connection.unsafe(REPLICATION_QUERY))
    info.replication = peers.map((row): ReplicationPeer => {
      const peer: ReplicationPeer = {
        name: String(row.application_name),
        state: String(row.state),
        syncState: String(row.sync_state),
      }
      if (row.address !== null) peer.address = String(row.address)
      return peer
    })
  } finally {
    connection.release()
  }
}

/** The rows, or none when the server refuses the query (CockroachDB lacks these functions). */
async function refusable(
  run: () => Promise<ReadonlyArray<Record<string, unknown>>>,
): Promise<ReadonlyArray<Record<string, unknown>>> {
  try {
    return await run()
  } catch (error) {
    if ((error as Error).name === 'PostgresError' && !isUnavailable(error)) return []
    throw error
  }
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
