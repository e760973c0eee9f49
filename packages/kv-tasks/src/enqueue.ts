import type { JsonValue, KvMutation } from '@kvgraph/core'
import type { QueueContext } from './context.js'
import { readTask } from './context.js'
import { type StoredTask, transition } from './stored.js'
import type { EnqueueOptions } from './types.js'
import { assertPayload, assertTaskName, checkEnqueueOptions } from './validate.js'

export interface EnqueuePlan {
  /** The new task, or the live task already holding the dedupe key. */
  task: StoredTask
  /** What to write: empty when an existing task was found. */
  ops: KvMutation[]
  existing: boolean
}

/** The name of the store sequence that numbers the tasks of a queue. */
export function idSequence(ctx: QueueContext): string {
  return `${ctx.keys.prefix}id`
}

/**
 * Checks everything, then builds the writes of an enqueue. Only the id is taken before writing
 * (a sequence): a plan that is never written leaves a gap in the ids, nothing else.
 */
export async function planEnqueue(
  ctx: QueueContext,
  method: string,
  name: unknown,
  payload: unknown,
  options: EnqueueOptions = {},
  extra: Partial<StoredTask> = {},
): Promise<EnqueuePlan> {
  assertTaskName(method, name)
  const value = assertPayload(method, payload)
  const now = ctx.now()
  const checked = checkEnqueueOptions(method, options, now)
  if (checked.key !== undefined) {
    const holder = await ctx.store.get(ctx.keys.dedupeKey(checked.key))
    const live = holder && (await readTask(ctx, String(holder.value)))
    if (live) return { task: live.task, ops: [], existing: true }
  }
  const id = String(await ctx.store.seq(idSequence(ctx)))
  const task: StoredTask = {
    id,
    name: name as string,
    payload: value as JsonValue,
    status: 'pending',
    priority: checked.priority,
    runAt: checked.runAt,
    attempts: 0,
    maxAttempts: checked.maxAttempts,
    backoff: checked.backoff,
    createdAt: now,
    ...extra,
  }
  if (checked.timeoutMs !== undefined) task.timeoutMs = checked.timeoutMs
  if (checked.key !== undefined) task.key = checked.key
  return { task, ops: transition(ctx.keys, undefined, task), existing: false }
}
