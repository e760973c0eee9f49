import type { JsonValue, KvMutation } from '@kvgraph/core'
import type { QueueContext } from './context.js'
import { readTask } from './context.js'
import { invalidArgument } from './errors.js'
import { type StoredTask, transition } from './stored.js'
import type { EnqueueOptions } from './types.js'
import { assertObject, assertPayload, assertTaskName, checkEnqueueOptions } from './validate.js'

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

/** Checks one enqueue's arguments (throws a TaskError); nothing is read or written. */
export function checkEnqueue(
  ctx: QueueContext,
  method: string,
  name: unknown,
  payload: unknown,
  options: EnqueueOptions = {},
) {
  assertTaskName(method, name)
  const value = assertPayload(method, payload)
  const now = ctx.now()
  return { value, checked: checkEnqueueOptions(method, options, now), now }
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
  nextId: () => Promise<string> = async () => String(await ctx.store.seq(idSequence(ctx))),
): Promise<EnqueuePlan> {
  const { value, checked, now } = checkEnqueue(ctx, method, name, payload, options)
  if (checked.key !== undefined) {
    const holder = await ctx.store.get(ctx.keys.dedupeKey(checked.key))
    const live = holder && (await readTask(ctx, String(holder.value)))
    if (live) return { task: live.task, ops: [], existing: true }
  }
  const id = await nextId()
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

export interface EnqueueItem {
  name: string
  payload: JsonValue
  options?: EnqueueOptions
}

/**
 * Plans many enqueues: every item is checked before anything is read or written, ids come from
 * one sequence step, and two items with the same dedupe key yield one task.
 */
export async function planEnqueueMany(
  ctx: QueueContext,
  method: string,
  items: readonly EnqueueItem[],
): Promise<EnqueuePlan[]> {
  if (!Array.isArray(items))
    throw invalidArgument(method, 'items', 'an array of { name, payload, options? }', items)
  items.forEach((item, i) => {
    assertObject(method, `items[${i}]`, item)
    checkEnqueue(ctx, `${method}: items[${i}]`, item?.name, item?.payload, item?.options)
  })
  if (items.length === 0) return []
  const last = await ctx.store.seq(idSequence(ctx), items.length)
  const plans: EnqueuePlan[] = []
  const byKey = new Map<string, EnqueuePlan>()
  for (let i = 0; i < items.length; i++) {
    const { name, payload, options = {} } = items[i]!
    const earlier = options.key === undefined ? undefined : byKey.get(options.key)
    if (earlier) {
      plans.push({ task: earlier.task, ops: [], existing: true })
      continue
    }
    const id = String(last - items.length + 1 + i)
    const plan = await planEnqueue(ctx, method, name, payload, options, {}, async () => id)
    if (options.key !== undefined) byKey.set(options.key, plan)
    plans.push(plan)
  }
  return plans
}
