import { randomUUID } from 'node:crypto'
import { prefixUpperBound } from '@kvgraph/core'
import type { QueueContext } from './context.js'
import { isVersionConflict } from './errors.js'
import { type StoredTask, transition, type Versioned } from './stored.js'

export interface DueScan {
  /** Due tasks this runner can run, best first. */
  ids: string[]
  /** The earliest runAt among the pending tasks seen that are not due yet (Infinity: none). */
  nextAt: number
}

/** Pages read per look at the queue; tasks past them wait for the next look. */
const MAX_PAGES = 8

/**
 * Finds up to `want` due tasks by range scans of the due index, in (priority, runAt, id) order:
 * the first key of a priority that is not due yet ends that priority (later keys run later), so
 * the scan jumps to the next priority. One scan when every pending task of the top priorities is
 * due; one more per priority that holds tasks delayed into the future.
 */
export async function findDue(
  ctx: QueueContext,
  want: number,
  canRun: (name: string) => boolean,
): Promise<DueScan> {
  const { keys, store } = ctx
  const now = ctx.now()
  const end = prefixUpperBound(keys.due) as string
  const ids: string[] = []
  let nextAt = Number.POSITIVE_INFINITY
  let start = keys.due
  let cursor: string | undefined
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const limit = want + 16
    const page = await store.scan(
      { start, end },
      cursor === undefined ? { limit } : { limit, cursor },
    )
    let jumped = false
    for (const record of page.records) {
      const due = keys.parseDue(record.key)
      if (due.runAt > now) {
        nextAt = Math.min(nextAt, due.runAt)
        // Skip the rest of this priority: its keys are ordered by runAt.
        start = prefixUpperBound(keys.duePriority(due.priority)) as string
        jumped = true
        break
      }
      if (canRun(String(record.value))) ids.push(due.id)
      if (ids.length >= want) break
    }
    if (ids.length >= want) break
    if (jumped) cursor = undefined
    else if (page.cursor === undefined) break
    else cursor = page.cursor
  }
  return { ids, nextAt }
}

export interface Claim {
  runnerId: string
  leaseMs: number
}

/**
 * Claims tasks: each is a write conditional on the version read, so of several runners that
 * race for a task exactly one wins; the others skip it. All claims go in one `mutate` (one
 * transaction instead of one per task); if any of them lost a race, that mutate fails whole and
 * each claim is tried on its own. Resolves to the tasks won.
 */
export async function claimTasks(
  ctx: QueueContext,
  ids: string[],
  claim: Claim,
): Promise<Versioned[]> {
  if (ids.length === 0) return []
  const { keys, store } = ctx
  const records = await store.getMany(ids.map((id) => keys.taskKey(id)))
  const now = ctx.now()
  const planned: { before: Versioned; next: StoredTask }[] = []
  for (const record of records) {
    if (!record) continue
    const task = record.value as unknown as StoredTask
    if (task.status !== 'pending' || task.runAt > now) continue
    const { progress: _progress, ...rest } = task
    const next: StoredTask = {
      ...rest,
      status: 'running',
      attempts: task.attempts + 1,
      startedAt: now,
      runnerId: claim.runnerId,
      leaseToken: randomUUID(),
      leaseExpiresAt: now + claim.leaseMs,
    }
    planned.push({ before: { task, version: record.version }, next })
  }
  const won = (p: (typeof planned)[number]) => ({ task: p.next, version: p.before.version + 1 })
  try {
    await store.mutate(planned.flatMap((p) => transition(keys, p.before, p.next)))
    return planned.map(won)
  } catch (error) {
    if (!isVersionConflict(error) || planned.length === 1) {
      if (isVersionConflict(error)) return []
      throw error
    }
  }
  const each = await Promise.all(
    planned.map(async (p) => {
      try {
        await store.mutate(transition(keys, p.before, p.next))
        return won(p)
      } catch (error) {
        if (isVersionConflict(error)) return undefined // another runner won it
        throw error
      }
    }),
  )
  return each.filter((v): v is Versioned => v !== undefined)
}
