import type { JsonValue } from '@kvgraph/core'
import { backoffDelay } from './backoff.js'
import type { QueueContext } from './context.js'
import type { StoredTask } from './stored.js'

/** The task without its lease: what every state but `running` keeps. */
export function withoutLease(task: StoredTask): StoredTask {
  const { leaseToken: _token, leaseExpiresAt: _expires, ...rest } = task
  return rest
}

export function completed(
  task: StoredTask,
  result: JsonValue | undefined,
  now: number,
): StoredTask {
  const next: StoredTask = { ...withoutLease(task), status: 'completed', finishedAt: now }
  if (result !== undefined) next.result = result
  return next
}

/**
 * A failed attempt: back to `pending` after the backoff delay while attempts remain, else
 * `failed` (the dead-letter state), keeping the error either way.
 */
export function failedAttempt(
  ctx: QueueContext,
  task: StoredTask,
  message: string,
  now: number,
): StoredTask {
  const lastError = { message, at: now }
  if (task.attempts < task.maxAttempts) {
    const runAt = now + backoffDelay(task.backoff, task.attempts, ctx.random)
    return { ...withoutLease(task), status: 'pending', runAt, lastError }
  }
  return { ...withoutLease(task), status: 'failed', finishedAt: now, lastError }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return typeof error === 'string' ? error : `non-error thrown: ${String(error)}`
}
