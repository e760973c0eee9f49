import type { EngineTxn } from '../engine/engine.js'
import { metaKey } from '../records/keyspace.js'

/** The meta key of a named counter of one store space. */
export function sequenceKey(space: string, name: string): string {
  return metaKey(space, `seq/${name}`)
}

/** Adds `increment` to a counter inside a transaction (a missing counter is 0); gives the new value. */
export async function addToSequence(
  txn: EngineTxn,
  key: string,
  increment: number,
): Promise<number> {
  const current = await txn.get(key)
  const next = (current === undefined ? 0 : Number(current)) + increment
  txn.put(key, String(next))
  return next
}
