import type { JsonValue } from '@kvgraph/core'

export type TaskStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled'

export const STATUSES: readonly TaskStatus[] = [
  'pending',
  'running',
  'completed',
  'failed',
  'cancelled',
]

/** Delay before attempt n+1: `initialMs * factor^(n-1)`, capped at `maxMs`, with jitter. */
export interface Backoff {
  initialMs: number
  maxMs: number
  factor: number
  /** Draw the delay between half and all of the computed one (default true). */
  jitter: boolean
}

/** A task's fields; `Time` is how its instants are written (ISO strings shown, epoch ms stored). */
export interface TaskFields<Time> {
  id: string
  name: string
  payload: JsonValue
  status: TaskStatus
  priority: number
  runAt: Time
  attempts: number
  maxAttempts: number
  backoff: Backoff
  timeoutMs?: number
  key?: string
  /** The cron schedule that enqueued it. */
  schedule?: string
  lastError?: { message: string; at: Time }
  result?: JsonValue
  progress?: JsonValue
  createdAt: Time
  startedAt?: Time
  finishedAt?: Time
  runnerId?: string
  leaseExpiresAt?: Time
}

/** A task as `get` and `list` show it; times are ISO-8601 strings. */
export type Task = TaskFields<string>

export interface EnqueueOptions {
  /** Start no earlier than this many ms from now. */
  delayMs?: number
  /** Start no earlier than this instant (a Date, an ISO string or epoch ms). */
  runAt?: Date | string | number
  /** Higher runs first (default 0), then earlier runAt, then first enqueued. */
  priority?: number
  /** Dedupe: while a task with this key is pending or running, enqueue returns it instead. */
  key?: string
  /** Attempts before the task is `failed` (default 5). */
  maxAttempts?: number
  backoff?: Partial<Backoff>
  /** Per attempt; the handler's signal aborts when it runs out. */
  timeoutMs?: number
}

export interface ListOptions {
  status?: TaskStatus
  name?: string
  /** Default 100. */
  limit?: number
  cursor?: string
}

export interface TaskPage {
  tasks: Task[]
  cursor?: string
}

export interface ScheduleOptions {
  /** IANA time zone the cron expression is read in (default UTC). */
  timezone?: string
  /** Enqueue every tick missed while no runner was up (default false: only the latest, if recent). */
  catchUp?: boolean
  /** Without catchUp, a tick this late (ms) is still fired; older ones are skipped (default 60,000). */
  graceMs?: number
  /** Options for each task the schedule enqueues. */
  priority?: number
  maxAttempts?: number
  timeoutMs?: number
}

export interface Schedule {
  name: string
  cron: string
  payload: JsonValue
  timezone?: string
  catchUp: boolean
  graceMs: number
  priority?: number
  maxAttempts?: number
  timeoutMs?: number
  nextRunAt: string
  lastTickAt?: string
}

/** What a handler gets besides its payload. */
export interface HandlerContext {
  id: string
  name: string
  /** 1 on the first attempt. */
  attempt: number
  runnerId: string
  /** Aborts on cancel, on timeout, or when the lease is lost; `reason` says which. */
  signal: AbortSignal
  /** Stores a JSON progress value on the task (visible to `get`). */
  progress(value: JsonValue): Promise<void>
  /** Holds the lease for `ms` from now; renewals keep that length from then on. */
  extendLease(ms: number): Promise<void>
}

export type Handler = (payload: JsonValue, ctx: HandlerContext) => unknown

export type Handlers = Record<string, Handler>

/** What a runner reports as it works (for logs and progress displays). */
export type RunnerEvent =
  | { type: 'start'; task: Task }
  | { type: 'complete'; task: Task }
  | { type: 'retry'; task: Task; error: string }
  | { type: 'fail'; task: Task; error: string }
  | { type: 'abort'; id: string; reason: 'cancelled' | 'lease-lost' }
  | { type: 'error'; error: unknown }

export interface RunOptions {
  /** Default: a random id. */
  runnerId?: string
  /** Handlers running at once (default 1). */
  concurrency?: number
  /** A claim holds the task this long; renewed at half its length (default 30,000). */
  leaseMs?: number
  /** Longest sleep between looks at the queue when nothing wakes the runner (default 1,000). */
  pollMs?: number
  /** Aborting it stops the runner gracefully, like `stop()`. */
  signal?: AbortSignal
  onEvent?: (event: RunnerEvent) => void
}
