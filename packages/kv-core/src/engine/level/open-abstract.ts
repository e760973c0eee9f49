import type { AnyLevel } from './any-level.js'
import { LevelEngine } from './level-engine.js'

/** An engine over a database the caller made (opened here if it is not yet). */
export async function openAbstractLevelWith(
  db: AnyLevel,
  sync: boolean,
  keyFilter: boolean,
): Promise<LevelEngine> {
  if (db.status === 'opening' || db.status === 'closed') await db.open()
  const name = db.constructor?.name ?? 'abstract-level'
  const engine = new LevelEngine(db, { name, sync, keyFilter })
  await engine.start()
  return engine
}

export function isAbstractLevel(value: unknown): value is AnyLevel {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AnyLevel).batch === 'function' &&
    typeof (value as AnyLevel).iterator === 'function' &&
    typeof (value as AnyLevel).supports === 'object'
  )
}
