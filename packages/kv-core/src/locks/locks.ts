import { checkDuration } from '../arguments.js'
import type { EngineTxn } from '../engine/engine.js'
import { invalidArgument } from '../errors.js'
import { metaKey } from '../records/keyspace.js'

export interface LockStatus {
  name: string
  owner: string
  /** ISO-8601 UTC. */
  acquiredAt: string
  expiresAt: string
}

interface StoredLock {
  owner: string
  acquiredAt: number
  expiresAt: number
}

export function lockKey(space: string, name: string): string {
  return metaKey(space, `lock/${name}`)
}

export function assertName(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || value === '' || !value.isWellFormed() || value.length > 512) {
    throw invalidArgument(name, 'a non-empty well-formed string of at most 512 characters', value)
  }
}

/** A lock or lease duration in whole ms, inside the Date range: see checkDuration. */
export function assertDuration(value: unknown, name: string): number {
  return checkDuration(value, name)
}

async function readLock(txn: EngineTxn, key: string): Promise<StoredLock | undefined> {
  const raw = await txn.get(key)
  return raw === undefined ? undefined : (JSON.parse(raw) as StoredLock)
}

/** Takes the lock if it is free, expired, or already held by `owner` (which refreshes it). */
export async function acquireLock(
  txn: EngineTxn,
  key: string,
  owner: string,
  durationMs: number,
  now: number,
) {
  const current = await readLock(txn, key)
  if (current && current.owner !== owner && current.expiresAt > now) return false
  const acquiredAt =
    current && current.owner === owner && current.expiresAt > now ? current.acquiredAt : now
  txn.put(
    key,
    JSON.stringify({ owner, acquiredAt, expiresAt: now + durationMs } satisfies StoredLock),
  )
  return true
}

/** Releases the lock only for its owner; anyone else gets false and changes nothing. */
export async function releaseLock(txn: EngineTxn, key: string, owner: string, now: number) {
  const current = await readLock(txn, key)
  if (!current || current.owner !== owner || current.expiresAt <= now) return false
  txn.del(key)
  return true
}

export async function lockStatus(
  txn: EngineTxn,
  key: string,
  name: string,
  now: number,
): Promise<LockStatus | undefined> {
  const current = await readLock(txn, key)
  if (!current || current.expiresAt <= now) return undefined
  return {
    name,
    owner: current.owner,
    acquiredAt: new Date(current.acquiredAt).toISOString(),
    expiresAt: new Date(current.expiresAt).toISOString(),
  }
}
