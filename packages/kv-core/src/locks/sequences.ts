import type { EngineTxn } from '../engine/engine.js'
import { KvError } from '../errors.js'
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
  name = 'increment',
): Promise<number> {
  const current = await txn.get(key)
  const value = current === undefined ? 0 : Number(current)
  const next = value + increment
  // Past 2^53 - 1 two counts can be the same number: refuse, and leave the counter as it is.
  if (!Number.isSafeInteger(next)) {
    throw new KvError(
      'KV_INVALID_ARGUMENT',
      `${name}: adding ${increment} to ${value} leaves the safe integer range (|n| <= 2^53 - 1)`,
    )
  }
  txn.put(key, String(next))
  return next
}
