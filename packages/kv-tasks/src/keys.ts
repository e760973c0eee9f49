import type { TaskStatus } from './types.js'

/**
 * The key layout under the queue's prefix `P` (`<namespace>/`), all in the user's store space so
 * an enqueue can join any `mutate`:
 *
 * - `P task/<id16>`: the task record
 * - `P due/<rank10>/<runAt15>/<id16>`: pending tasks, by priority (rank = MAX - priority), then
 *   runAt, then id (FIFO); the value is the task name, so a runner skips names it cannot run
 *   without reading the task
 * - `P lease/<expires15>/<id16>`: running tasks by lease expiry, for crash reclaim
 * - `P status/<status>/<id16>`: every task by status, for `list`; the value is the task name
 * - `P key/<dedupe key>`: the live (pending or running) task holding a dedupe key
 * - `P cron/<name>`: a cron schedule
 *
 * Fixed-width decimals make byte order numeric order.
 */
export const MAX_PRIORITY = 1_000_000_000
const ID_WIDTH = 16
const TIME_WIDTH = 15
const RANK_WIDTH = 10

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

export class TaskKeys {
  readonly prefix: string
  readonly task: string
  readonly due: string
  readonly lease: string
  readonly status: string
  readonly key: string
  readonly cron: string

  constructor(namespace: string) {
    this.prefix = `${namespace}/`
    this.task = `${this.prefix}task/`
    this.due = `${this.prefix}due/`
    this.lease = `${this.prefix}lease/`
    this.status = `${this.prefix}status/`
    this.key = `${this.prefix}key/`
    this.cron = `${this.prefix}cron/`
  }

  taskKey(id: string): string {
    return this.task + pad(Number(id), ID_WIDTH)
  }

  dueKey(priority: number, runAt: number, id: string): string {
    return `${this.duePriority(priority)}${pad(runAt, TIME_WIDTH)}/${pad(Number(id), ID_WIDTH)}`
  }

  /** Every due key of one priority starts with this. */
  duePriority(priority: number): string {
    return `${this.due}${pad(MAX_PRIORITY - priority, RANK_WIDTH)}/`
  }

  leaseKey(expiresAt: number, id: string): string {
    return `${this.lease}${pad(expiresAt, TIME_WIDTH)}/${pad(Number(id), ID_WIDTH)}`
  }

  /** The first lease key that expires after `now`: every key below it has run out. */
  leaseBound(now: number): string {
    return `${this.lease}${pad(now + 1, TIME_WIDTH)}/`
  }

  statusKey(status: TaskStatus, id: string): string {
    return `${this.status}${status}/${pad(Number(id), ID_WIDTH)}`
  }

  dedupeKey(key: string): string {
    return this.key + key
  }

  cronKey(name: string): string {
    return this.cron + name
  }

  /** Parses a due key: its priority, runAt and task id. */
  parseDue(key: string): { priority: number; runAt: number; id: string } {
    const [rank, runAt, id] = key.slice(this.due.length).split('/')
    return { priority: MAX_PRIORITY - Number(rank), runAt: Number(runAt), id: String(Number(id)) }
  }

  /** The task id at the end of a due, lease, status or task key. */
  idOf(key: string): string {
    return String(Number(key.slice(key.lastIndexOf('/') + 1)))
  }
}
