import type { QueueContext } from './context.js'
import { invalidArgument } from './errors.js'
import { pad } from './keys.js'
import { type StoredTask, toPublic } from './stored.js'
import { type ListOptions, STATUSES, type Task, type TaskPage } from './types.js'
import { assertObject } from './validate.js'

const METHOD = 'tasks.list'
const MAX_LIMIT = 10_000

function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ after: pad(Number(id), 16) })).toString('base64url')
}

function decodeCursor(cursor: unknown): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor as string, 'base64url').toString('utf8'))
    if (typeof parsed.after === 'string' && /^\d{16}$/.test(parsed.after)) return parsed.after
  } catch {
    // reported below
  }
  throw invalidArgument(METHOD, 'options.cursor', 'a cursor from an earlier list call', cursor)
}

/**
 * A page of tasks in id order (oldest first). With `status`, one range scan of the status index
 * (whose values are task names, so a `name` filter reads only the tasks it returns); without it,
 * a scan of the task records.
 */
export async function listTasks(ctx: QueueContext, options: ListOptions = {}): Promise<TaskPage> {
  assertObject(METHOD, 'options', options)
  const { status, name, limit = 100, cursor } = options
  if (status !== undefined && !STATUSES.includes(status))
    throw invalidArgument(METHOD, 'options.status', `one of ${STATUSES.join(', ')}`, status)
  if (name !== undefined && typeof name !== 'string')
    throw invalidArgument(METHOD, 'options.name', 'a string', name)
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw invalidArgument(METHOD, 'options.limit', `an integer from 1 to ${MAX_LIMIT}`, limit)
  const prefix = status === undefined ? ctx.keys.task : `${ctx.keys.status}${status}/`
  const after = cursor === undefined ? undefined : decodeCursor(cursor)
  const end = `${prefix.slice(0, -1)}0` // the byte after '/': the end of the prefix
  let start = after === undefined ? prefix : `${prefix}${after}\0`
  const tasks: Task[] = []
  let more = true
  while (tasks.length < limit && more) {
    const page = await ctx.store.scan({ start, end }, { limit: limit - tasks.length + 1 })
    const records = page.records.slice(0, limit - tasks.length)
    more = page.records.length > records.length || page.cursor !== undefined
    const last = records.at(-1)
    if (last) start = `${last.key}\0`
    if (status === undefined) {
      for (const r of records) {
        const task = r.value as unknown as StoredTask
        if (name === undefined || task.name === name) tasks.push(toPublic(task))
      }
    } else {
      const wanted = records.filter((r) => name === undefined || r.value === name)
      const found = await ctx.store.getMany(
        wanted.map((r) => ctx.keys.taskKey(ctx.keys.idOf(r.key))),
      )
      for (const r of found) if (r) tasks.push(toPublic(r.value as unknown as StoredTask))
    }
    if (records.length === 0) more = false
  }
  const last = tasks.at(-1)
  return more && last ? { tasks, cursor: encodeCursor(last.id) } : { tasks }
}
