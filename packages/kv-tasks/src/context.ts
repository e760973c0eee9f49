import type { KvMutation, Store } from '@kvgraph/core'
import { isVersionConflict, TaskError } from './errors.js'
import type { TaskKeys } from './keys.js'
import { type StoredTask, transition, type Versioned } from './stored.js'

/** What every part of a queue shares: the store, the key layout and the clock. */
export interface QueueContext {
  store: Store
  keys: TaskKeys
  now: () => number
  /** Uniform in [0, 1): backoff jitter. */
  random: () => number
}

export async function readTask(ctx: QueueContext, id: string): Promise<Versioned | undefined> {
  const record = await ctx.store.get(ctx.keys.taskKey(id))
  return record && { task: record.value as unknown as StoredTask, version: record.version }
}

/** Retries after this many conflicts would mean a livelock, not contention. */
const MAX_CONFLICTS = 100

/**
 * Reads a task, asks `change` for its next state (undefined: leave it), and writes it
 * conditionally on the version read; on a conflict it reads again and asks again. Resolves to
 * the state written, or undefined when `change` declined (or the task does not exist).
 */
export async function updateTask(
  ctx: QueueContext,
  id: string,
  change: (current: Versioned) => StoredTask | undefined,
  extraOps: (next: StoredTask) => KvMutation[] = () => [],
): Promise<StoredTask | undefined> {
  for (let i = 0; ; i++) {
    const current = await readTask(ctx, id)
    if (!current) return undefined
    const next = change(current)
    if (!next) return undefined
    try {
      await ctx.store.mutate([...transition(ctx.keys, current, next), ...extraOps(next)])
      return next
    } catch (error) {
      if (!isVersionConflict(error)) throw error
      // Past the record's own put, only a dedupe key can conflict: a live task holds it.
      if ((error as { index?: number }).index !== 0) {
        throw new TaskError(
          'TASK_KEY_TAKEN',
          `task ${id}: another live task holds its dedupe key ${JSON.stringify(next.key)}`,
        )
      }
      if (i >= MAX_CONFLICTS) throw error
    }
  }
}
