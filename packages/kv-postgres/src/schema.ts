import { KvError } from '@kvgraph/core'
import type { Sql } from 'postgres'
import { META_TABLE } from './config.js'
import { errorCode, isRetryable } from './errors.js'
import { backoff } from './retry.js'

/** The schema version this package writes; each entry of MIGRATIONS moves one version up. */
export const SCHEMA_VERSION = 1

/** Statements that bring a table from version i to i + 1 (idempotent: IF NOT EXISTS). */
const MIGRATIONS: ReadonlyArray<(table: string) => string[]> = [
  (t) => [`CREATE TABLE IF NOT EXISTS ${t} (k BYTEA PRIMARY KEY, v BYTEA NOT NULL)`],
]

export const SCHEMA_STATEMENTS = {
  version: `SELECT version FROM ${META_TABLE} WHERE name = $1`,
  createMeta: `CREATE TABLE IF NOT EXISTS ${META_TABLE} (name TEXT PRIMARY KEY, version INT NOT NULL)`,
  setVersion: `INSERT INTO ${META_TABLE} (name, version) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET version = excluded.version`,
}

/**
 * Two sessions running CREATE TABLE IF NOT EXISTS at once can both pass the check; the later one
 * then fails on the catalog's unique index (23505), as a duplicate table (42P07) or as a duplicate
 * of the table's row type (42710). Run again: it then sees the table.
 */
const RACE = new Set(['23505', '42P07', '42710'])
const ATTEMPTS = 20

/**
 * Creates or migrates the store table on open. The usual open is one SELECT (the version row is
 * there); otherwise one SERIALIZABLE transaction creates what is missing and records the version.
 * Many processes may open at once: a conflict or a catalog race is retried.
 */
export async function ensureSchema(sql: Sql, table: string): Promise<void> {
  const quoted = `"${table}"`
  for (let attempt = 1; ; attempt++) {
    try {
      const found = await readVersion(sql, table)
      if (found === SCHEMA_VERSION) return
      if (found !== undefined && found > SCHEMA_VERSION) {
        throw new KvError(
          'KV_INVALID_ARGUMENT',
          `PostgresEngine.open: table ${table} has schema version ${found}, newer than this @kvgraph/postgres (${SCHEMA_VERSION}): upgrade the package`,
        )
      }
      await sql.begin('isolation level serializable', async (tx) => {
        await tx.unsafe(SCHEMA_STATEMENTS.createMeta)
        const rows = await tx.unsafe(SCHEMA_STATEMENTS.version, [table])
        const current = versionOf(rows) ?? 0
        for (let v = current; v < SCHEMA_VERSION; v++) {
          for (const statement of MIGRATIONS[v]!(quoted)) await tx.unsafe(statement)
        }
        await tx.unsafe(SCHEMA_STATEMENTS.setVersion, [table, SCHEMA_VERSION])
      })
      return
    } catch (error) {
      const retry = isRetryable(error) || RACE.has(errorCode(error) ?? '')
      if (!retry || attempt === ATTEMPTS) throw error
      await backoff(attempt)
    }
  }
}

/** The table's recorded version; undefined when the meta table or its row is missing. */
async function readVersion(sql: Sql, table: string): Promise<number | undefined> {
  try {
    return versionOf(await sql.unsafe(SCHEMA_STATEMENTS.version, [table], { prepare: true }))
  } catch (error) {
    if (errorCode(error) === '42P01') return undefined // no meta table yet
    throw error
  }
}

/** The version column as a number: CockroachDB's INT is INT8, which the driver gives as a string. */
function versionOf(rows: ArrayLike<Record<string, unknown>>): number | undefined {
  const version = rows[0]?.version
  return version === undefined || version === null ? undefined : Number(version)
}
