import type { JsonValue, KvMutation } from '@kvgraph/core'
import type { TaskKeys } from './keys.js'
import type { Task, TaskFields, TaskStatus } from './types.js'

/** A task as stored: times are epoch ms; the lease token never leaves the package. */
export interface StoredTask extends TaskFields<number> {
  leaseToken?: string
}

/** A stored task read with the record version its conditional write must name. */
export interface Versioned {
  task: StoredTask
  version: number
}

const iso = (ms: number) => new Date(ms).toISOString()

export function toPublic(stored: StoredTask): Task {
  const {
    leaseToken: _token,
    lastError,
    createdAt,
    startedAt,
    finishedAt,
    leaseExpiresAt,
    ...rest
  } = stored
  const task: Task = { ...rest, runAt: iso(stored.runAt), createdAt: iso(createdAt) }
  if (lastError) task.lastError = { message: lastError.message, at: iso(lastError.at) }
  if (startedAt !== undefined) task.startedAt = iso(startedAt)
  if (finishedAt !== undefined) task.finishedAt = iso(finishedAt)
  if (leaseExpiresAt !== undefined) task.leaseExpiresAt = iso(leaseExpiresAt)
  return task
}

export function isLive(status: TaskStatus): boolean {
  return status === 'pending' || status === 'running'
}

/** The index keys a task in this state has, each with its value. */
function indexEntries(keys: TaskKeys, task: StoredTask): Map<string, string> {
  const entries = new Map<string, string>()
  entries.set(keys.statusKey(task.status, task.id), task.name)
  if (task.status === 'pending')
    entries.set(keys.dueKey(task.priority, task.runAt, task.id), task.name)
  if (task.status === 'running' && task.leaseExpiresAt !== undefined)
    entries.set(keys.leaseKey(task.leaseExpiresAt, task.id), task.name)
  if (task.key !== undefined && isLive(task.status)) entries.set(keys.dedupeKey(task.key), task.id)
  return entries
}

/**
 * The mutations that move a task from `before` (read at `version`; undefined for a new task) to
 * `after`: a put of the record conditional on its version, plus the index keys that change. A
 * dedupe key is created with version 0, so two live tasks can never hold it.
 */
export function transition(
  keys: TaskKeys,
  before: Versioned | undefined,
  after: StoredTask,
): KvMutation[] {
  const ops: KvMutation[] = [
    {
      op: 'put',
      key: keys.taskKey(after.id),
      value: after as unknown as JsonValue,
      version: before?.version ?? 0,
    },
  ]
  const old = before ? indexEntries(keys, before.task) : new Map<string, string>()
  const next = indexEntries(keys, after)
  for (const key of old.keys()) if (!next.has(key)) ops.push({ op: 'delete', key })
  for (const [key, value] of next) {
    if (old.has(key)) continue
    ops.push(
      key.startsWith(keys.key) ? { op: 'put', key, value, version: 0 } : { op: 'put', key, value },
    )
  }
  return ops
}
