import type { AnyLevel } from './any-level.js'
import { LevelEngine, type LevelEngineOptions } from './level-engine.js'

/**
 * Runs `open` while this store holds a claim on its location (a path, a tab lock): the claim
 * is given back if opening fails, and travels with the engine otherwise (released at close).
 */
export async function openClaimed(
  release: () => void,
  open: () => Promise<LevelEngine>,
): Promise<{ engine: LevelEngine; release: () => void }> {
  try {
    return { engine: await open(), release }
  } catch (error) {
    release()
    throw error
  }
}

/** A LevelEngine over an open database, started (its counters and key filter loaded). */
export async function startEngine(db: AnyLevel, options: LevelEngineOptions): Promise<LevelEngine> {
  const engine = new LevelEngine(db, options)
  await engine.start()
  return engine
}

/** An engine over a database the caller made (opened here if it is not yet). */
export async function openAbstractLevelWith(
  db: AnyLevel,
  sync: boolean,
  keyFilter: boolean,
): Promise<LevelEngine> {
  if (db.status === 'opening' || db.status === 'closed') await db.open()
  return startEngine(db, { name: db.constructor?.name ?? 'abstract-level', sync, keyFilter })
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
