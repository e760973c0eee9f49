import type { JsonValue, KvMutation } from '@kvgraph/core'
import { Cron } from 'croner'
import type { QueueContext } from './context.js'
import { planEnqueue } from './enqueue.js'
import { invalidArgument, isVersionConflict, TaskError } from './errors.js'
import type { Schedule, ScheduleOptions } from './types.js'
import {
  assertMaxAttempts,
  assertObject,
  assertPayload,
  assertPriority,
  assertTaskName,
  assertTimeout,
} from './validate.js'

/** A schedule as stored: times are epoch ms. */
export interface StoredSchedule extends Omit<Schedule, 'nextRunAt' | 'lastTickAt'> {
  nextRunAt: number
  lastTickAt?: number
}

/** Ticks enqueued per schedule per look when catching up; the rest follow on the next look. */
const CATCH_UP_BATCH = 1000

/** The schedule's cron (croner; 5 fields, or 6 with seconds first), checked. */
export function parseCron(method: string, expression: unknown, timezone?: string): Cron {
  if (typeof expression !== 'string')
    throw invalidArgument(method, 'cron', 'a cron expression string', expression)
  let cron: Cron
  try {
    cron = new Cron(expression, {
      paused: true,
      mode: '5-or-6-parts',
      ...(timezone ? { timezone } : {}),
    })
    if (cron.nextRun(new Date()) === null) throw new Error('it never fires')
  } catch (error) {
    throw new TaskError(
      'TASK_INVALID_CRON',
      `${method}: bad cron expression ${JSON.stringify(expression)}${timezone ? ` in ${timezone}` : ''}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  return cron
}

/** The first tick strictly after `ms` (Infinity when there is none). */
function after(cron: Cron, ms: number): number {
  return cron.nextRun(new Date(ms))?.getTime() ?? Number.POSITIVE_INFINITY
}

export function checkSchedule(
  name: unknown,
  expression: unknown,
  payload: unknown,
  options: ScheduleOptions,
  now: number,
): StoredSchedule {
  const method = 'tasks.schedule'
  assertTaskName(method, name)
  const value = assertPayload(method, payload)
  assertObject(method, 'options', options)
  const { timezone, catchUp = false, graceMs = 60_000, priority, maxAttempts, timeoutMs } = options
  if (timezone !== undefined && (typeof timezone !== 'string' || timezone === ''))
    throw invalidArgument(method, 'options.timezone', 'an IANA time zone name', timezone)
  if (typeof catchUp !== 'boolean')
    throw invalidArgument(method, 'options.catchUp', 'a boolean', catchUp)
  if (typeof graceMs !== 'number' || !Number.isFinite(graceMs) || graceMs < 0)
    throw invalidArgument(
      method,
      'options.graceMs',
      'a non-negative number of milliseconds',
      graceMs,
    )
  const cron = parseCron(method, expression, timezone)
  const schedule: StoredSchedule = {
    name: name as string,
    cron: expression as string,
    payload: value,
    catchUp,
    graceMs,
    nextRunAt: after(cron, now),
  }
  if (timezone !== undefined) schedule.timezone = timezone
  if (priority !== undefined)
    schedule.priority = assertPriority(method, 'options.priority', priority)
  if (maxAttempts !== undefined)
    schedule.maxAttempts = assertMaxAttempts(method, 'options.maxAttempts', maxAttempts)
  if (timeoutMs !== undefined)
    schedule.timeoutMs = assertTimeout(method, 'options.timeoutMs', timeoutMs)
  return schedule
}

export function toPublicSchedule(stored: StoredSchedule): Schedule {
  const { nextRunAt, lastTickAt, ...rest } = stored
  const schedule: Schedule = { ...rest, nextRunAt: new Date(nextRunAt).toISOString() }
  if (lastTickAt !== undefined) schedule.lastTickAt = new Date(lastTickAt).toISOString()
  return schedule
}

/** The ticks of a due schedule to enqueue now, and the schedule's next tick after them. */
function dueTicks(schedule: StoredSchedule, cron: Cron, now: number) {
  const ticks: number[] = []
  if (schedule.catchUp) {
    let t = schedule.nextRunAt
    while (t <= now && ticks.length < CATCH_UP_BATCH) {
      ticks.push(t)
      t = after(cron, t)
    }
    return { ticks, nextRunAt: t }
  }
  // Only the latest tick, and only if it is at most graceMs late: missed ticks are not replayed.
  const oldest = now - schedule.graceMs
  let t = schedule.nextRunAt >= oldest ? schedule.nextRunAt : after(cron, oldest - 1)
  let latest: number | undefined
  for (let i = 0; t <= now && i < 100_000; i++) {
    latest = t
    t = after(cron, t)
  }
  if (latest !== undefined) ticks.push(latest)
  return { ticks, nextRunAt: after(cron, now) }
}

/**
 * Fires every schedule whose tick has come: enqueues its task(s) in the same write that moves
 * the schedule to its next tick, conditional on the schedule's version, so of many runners in
 * many processes exactly one fires each tick. Resolves to the earliest next tick.
 */
export async function fireDueSchedules(ctx: QueueContext): Promise<number> {
  let earliest = Number.POSITIVE_INFINITY
  for await (const record of ctx.store.entries({ prefix: ctx.keys.cron })) {
    const schedule = record.value as unknown as StoredSchedule
    const now = ctx.now()
    if (schedule.nextRunAt > now) {
      earliest = Math.min(earliest, schedule.nextRunAt)
      continue
    }
    const cron = parseCron('schedule', schedule.cron, schedule.timezone)
    const { ticks, nextRunAt } = dueTicks(schedule, cron, now)
    const ops: KvMutation[] = []
    const next: StoredSchedule = { ...schedule, nextRunAt }
    for (const tick of ticks) {
      const options = { runAt: tick, priority: schedule.priority ?? 0 } as const
      const plan = await planEnqueue(
        ctx,
        'schedule',
        schedule.name,
        schedule.payload,
        {
          ...options,
          ...(schedule.maxAttempts === undefined ? {} : { maxAttempts: schedule.maxAttempts }),
          ...(schedule.timeoutMs === undefined ? {} : { timeoutMs: schedule.timeoutMs }),
        },
        { schedule: schedule.name },
      )
      ops.push(...plan.ops)
      next.lastTickAt = tick
    }
    const put: KvMutation = {
      op: 'put',
      key: record.key,
      value: next as unknown as JsonValue,
      version: record.version,
    }
    try {
      await ctx.store.mutate([put, ...ops])
    } catch (error) {
      if (!isVersionConflict(error)) throw error // another runner fired this tick
    }
    earliest = Math.min(earliest, nextRunAt)
  }
  return earliest
}
