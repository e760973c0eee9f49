import { invalidArgument } from '../errors.js'
import {
  acquireLock,
  assertDuration,
  assertName,
  type LockStatus,
  lockKey,
  lockStatus as readLockStatus,
  releaseLock,
} from '../locks/locks.js'
import { addToSequence, sequenceKey } from '../locks/sequences.js'
import { assertOpen, run, type Scope } from './store-core.js'

// Locks and named counters, per Store method: each is one short transaction on a meta key.

export async function lockAcquire(
  scope: Scope,
  name: string,
  owner: string,
  durationMs: number,
): Promise<boolean> {
  const { core } = scope
  assertOpen(core, 'lockAcquire')
  assertName(name, 'lockAcquire: name')
  assertName(owner, 'lockAcquire: owner')
  const duration = assertDuration(durationMs, 'lockAcquire: durationMs')
  const key = lockKey(scope.space, name)
  return run(core, (txn) => acquireLock(txn, key, owner, duration, core.now()))
}

export async function lockRelease(scope: Scope, name: string, owner: string): Promise<boolean> {
  const { core } = scope
  assertOpen(core, 'lockRelease')
  assertName(name, 'lockRelease: name')
  assertName(owner, 'lockRelease: owner')
  return run(core, (txn) => releaseLock(txn, lockKey(scope.space, name), owner, core.now()))
}

export async function lockStatus(scope: Scope, name: string): Promise<LockStatus | undefined> {
  const { core } = scope
  assertOpen(core, 'lockStatus')
  assertName(name, 'lockStatus: name')
  return run(core, (txn) => readLockStatus(txn, lockKey(scope.space, name), name, core.now()))
}

export async function seq(scope: Scope, name: string, increment: number): Promise<number> {
  const { core } = scope
  assertOpen(core, 'seq')
  assertName(name, 'seq: name')
  if (!Number.isSafeInteger(increment))
    throw invalidArgument('seq: increment', 'a safe integer', increment)
  const key = sequenceKey(scope.space, name)
  return run(core, (txn) => addToSequence(txn, key, increment, 'seq: increment'))
}
