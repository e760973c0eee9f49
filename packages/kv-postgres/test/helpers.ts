import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { inject } from 'vitest'
import { PostgresEngine, type PostgresEngineOptions } from '../src/index.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

/** The test server's URL (test/setup/postgres.ts). */
export const postgresUrl = (): string => inject('postgresUrl')

/** A table name no other test file uses, so files run in parallel. */
export const uniqueTable = (label: string): string => `t_${label}_${randomBytes(4).toString('hex')}`

/** Opens an engine on its own table; `cleanup` closes every engine it opened and drops the tables. */
export function engines(url = postgresUrl()) {
  const opened: PostgresEngine[] = []
  const tables = new Set<string>()
  return {
    async open(table: string, options: PostgresEngineOptions = {}): Promise<PostgresEngine> {
      const engine = await PostgresEngine.open(url, { ...options, table })
      opened.push(engine)
      tables.add(table)
      return engine
    },
    async cleanup(): Promise<void> {
      await Promise.all(opened.map((engine) => engine.close()))
      const sql = postgres(url, { max: 1, onnotice: () => {} })
      try {
        for (const table of tables) {
          await sql.unsafe(`DROP TABLE IF EXISTS "${table}"`)
          await sql.unsafe('DELETE FROM kvgraph_meta WHERE name = $1', [table])
        }
      } finally {
        await sql.end()
      }
    },
  }
}

/** Writes entries in one transaction. */
export function putAll(engine: PostgresEngine, entries: Iterable<[string, string]>): Promise<void> {
  return engine.transact((txn) => {
    for (const [key, value] of entries) txn.put(key, value)
  })
}

/** Every entry of an iterator, read `size` at a time. */
export async function drain<T>(
  iterator: { nextv(size: number): Promise<T[]>; close(): Promise<void> },
  size: number,
): Promise<T[]> {
  const all: T[] = []
  for (let batch = await iterator.nextv(size); batch.length > 0; batch = await iterator.nextv(size))
    all.push(...batch)
  await iterator.close()
  return all
}

/** Sorts strings by their UTF-8 bytes, as LevelDB does. */
export const byBytes = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
