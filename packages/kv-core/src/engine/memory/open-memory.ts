import { LevelEngine } from '../level/level-engine.js'

/**
 * An in-memory engine: memory-level behind the same LevelEngine as LevelDB on disk (serialized
 * transactions, staged writes), so ':memory:' behaves exactly like a database on disk.
 */
export async function openMemoryEngine(sync: boolean): Promise<LevelEngine> {
  const { MemoryLevel } = await import('memory-level') // loaded only when asked for
  const db = new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' })
  await db.open()
  return new LevelEngine(db, { name: 'memory-level', sync })
}
