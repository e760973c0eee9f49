import type { EngineSnapshot } from '@kvgraph/core'
import type { Sql } from 'postgres'
import { entryOf, keyOf, type Query, RangeIterator } from './range-iterator.js'

/**
 * A read view of one instant: a REPEATABLE READ READ ONLY transaction on a reserved connection
 * (the snapshot is taken at its first statement). It takes no table lock, not even the one the
 * store's write transactions queue for (SHARE ROW EXCLUSIVE): writers go on while it reads, and
 * a read-only transaction can never make a serializable writer fail. The range iterators page
 * by key as the engine's own do, each page one statement of this transaction.
 */
export async function openSnapshot(
  sql: Sql,
  table: string,
  mapError: (error: unknown) => unknown,
): Promise<EngineSnapshot> {
  const connection = await sql.reserve()
  let open = true
  try {
    await connection.unsafe('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  } catch (error) {
    connection.release()
    throw mapError(error)
  }
  const query: Query = async (text, params) => {
    try {
      return (await connection
        .unsafe(text, params as never[], { prepare: true })
        .values()) as Buffer[][]
    } catch (error) {
      throw mapError(error)
    }
  }
  return {
    iterator: (range) => new RangeIterator(query, table, range, true, entryOf),
    keys: (range) => new RangeIterator(query, table, range, false, keyOf),
    async close() {
      if (!open) return
      open = false
      try {
        await connection.unsafe('COMMIT')
      } catch {
        // Nothing was written: a failed COMMIT of a read-only transaction loses nothing.
      } finally {
        connection.release()
      }
    },
  }
}
