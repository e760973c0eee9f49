import type { JsonValue, KvMutation, Store } from '@kvgraph/core'
import { type QueueContext, readTask, updateTask } from './context.js'
import { checkSchedule, type StoredSchedule, toPublicSchedule } from './cron.js'
import { type EnqueueItem, planEnqueue, planEnqueueMany } from './enqueue.js'
import { invalidArgument, isVersionConflict, TaskError } from './errors.js'
import { TaskKeys } from './keys.js'
import { listTasks } from './list.js'
import { withoutLease } from './outcome.js'
import { defaultRunnerId, Runner } from './runner.js'
import { isLive, toPublic } from './stored.js'
import type {
  EnqueueOptions,
  Handlers,
  ListOptions,
  RunOptions,
  Schedule,
  ScheduleOptions,
  Task,
  TaskPage,
} from './types.js'
import { assertObject, assertTaskName } from './validate.js'

/** Most handlers a runner runs at once. */
const MAX_CONCURRENCY = 10_000

export interface TasksOptions {
  /** The first segment of every key the queue writes (default 'tasks'). */
  namespace?: string
  /** Task names this queue accepts; enqueue, schedule and run reject others. Default: any. */
  names?: readonly string[]
  /** Epoch ms; inject the store's clock in tests. */
  clock?: () => number
  /** Uniform in [0, 1), for backoff jitter. */
  random?: () => number
}

/** How often an enqueue re-plans after losing a race for its dedupe key. */
const MAX_KEY_RACES = 20

/**
 * A task queue on a store: enqueue (also inside your own `mutate`), inspect, cancel, retry,
 * cron schedules, and runners that claim due tasks with a lease. See docs/tasks.md.
 */

export class Tasks {
  readonly #ctx: QueueContext
  readonly #names: ReadonlySet<string> | undefined

  constructor(store: Store, options: TasksOptions = {}) {
    assertObject('new Tasks', 'options', options)
    const { namespace = 'tasks', names, clock = Date.now, random = Math.random } = options
    if (typeof namespace !== 'string' || !/^[^/\0]+$/.test(namespace) || !namespace.isWellFormed())
      throw invalidArgument(
        'new Tasks',
        'options.namespace',
        "a non-empty string without '/'",
        namespace,
      )
    if (names !== undefined && !Array.isArray(names))
      throw invalidArgument('new Tasks', 'options.names', 'an array of task names', names)
    if (typeof clock !== 'function')
      throw invalidArgument('new Tasks', 'options.clock', 'a function', clock)
    this.#names =
      names && new Set(names.map((n, i) => assertTaskName('new Tasks', n, `options.names[${i}]`)))
    this.#ctx = { store, keys: new TaskKeys(namespace), now: clock, random }
  }

  /** Adds a task; with `key`, returns the live task already holding that key instead. */
  async enqueue(name: string, payload: JsonValue, options: EnqueueOptions = {}): Promise<Task> {
    this.#known('tasks.enqueue', name)
    for (let attempt = 1; ; attempt++) {
      const plan = await planEnqueue(this.#ctx, 'tasks.enqueue', name, payload, options)
      if (plan.existing) return toPublic(plan.task)
      try {
        await this.#ctx.store.mutate(plan.ops)
        return toPublic(plan.task)
      } catch (error) {
        // Another enqueue took the dedupe key between our read and our write: plan again, and
        // return its task. The winner's write may not be readable yet (a write is checked
        // against writes still on their way to disk; a read sees what is there), so the next
        // plan can miss it and conflict once more: a few tries, then the error.
        const raced = isVersionConflict(error) && options.key !== undefined
        if (!raced || attempt === MAX_KEY_RACES) throw error
      }
    }
  }

  /**
   * Adds many tasks in one atomic write (ids from one sequence step): all or none. Items with a
   * dedupe key held by a live task (or by an earlier item) resolve to that task.
   */
  async enqueueMany(items: readonly EnqueueItem[]): Promise<Task[]> {
    for (const item of Array.isArray(items) ? items : [])
      this.#known('tasks.enqueueMany', item?.name)
    const plans = await planEnqueueMany(this.#ctx, 'tasks.enqueueMany', items)
    const ops = plans.flatMap((p) => p.ops)
    if (ops.length > 0) await this.#ctx.store.mutate(ops)
    return plans.map((p) => toPublic(p.task))
  }

  /**
   * The mutations that enqueue a task, to put in your own `store.mutate` so the task exists if
   * and only if your change commits. Empty when a live task already holds `key`; if another
   * enqueue takes the key before your mutate, the mutate fails with KV_VERSION_CONFLICT.
   */
  async enqueueOps(
    name: string,
    payload: JsonValue,
    options: EnqueueOptions = {},
  ): Promise<KvMutation[]> {
    this.#known('tasks.enqueueOps', name)
    return (await planEnqueue(this.#ctx, 'tasks.enqueueOps', name, payload, options)).ops
  }

  async get(id: string): Promise<Task | undefined> {
    const found = await readTask(this.#ctx, this.#id('tasks.get', id))
    return found && toPublic(found.task)
  }

  /** A page of tasks, oldest first, by the status index when `status` is given. */
  list(options: ListOptions = {}): Promise<TaskPage> {
    return listTasks(this.#ctx, options)
  }

  /**
   * Cancels a pending or running task: it never starts, or its handler's signal aborts and its
   * late result is dropped. True if it was pending or running.
   */
  async cancel(id: string): Promise<boolean> {
    const now = this.#ctx.now
    const done = await updateTask(this.#ctx, this.#id('tasks.cancel', id), ({ task }) =>
      isLive(task.status)
        ? { ...withoutLease(task), status: 'cancelled', finishedAt: now() }
        : undefined,
    )
    return done !== undefined
  }

  /** Runs a failed or cancelled task again, due now, with a fresh count of attempts. */
  async retry(id: string): Promise<boolean> {
    const now = this.#ctx.now
    const done = await updateTask(this.#ctx, this.#id('tasks.retry', id), ({ task }) => {
      if (task.status !== 'failed' && task.status !== 'cancelled') return undefined
      const { finishedAt: _f, result: _r, progress: _p, ...rest } = task
      return { ...rest, status: 'pending', runAt: now(), attempts: 0 }
    })
    return done !== undefined
  }

  /** Creates or replaces a cron schedule that enqueues `name` with `payload` on every tick. */
  async schedule(
    name: string,
    cron: string,
    payload: JsonValue = null,
    options: ScheduleOptions = {},
  ): Promise<Schedule> {
    this.#known('tasks.schedule', name)
    const schedule = checkSchedule(name, cron, payload, options, this.#ctx.now())
    await this.#ctx.store.put(this.#ctx.keys.cronKey(name), schedule as unknown as JsonValue)
    return toPublicSchedule(schedule)
  }

  /** Removes a schedule; true if it existed. Tasks it already enqueued stay. */
  async unschedule(name: string): Promise<boolean> {
    assertTaskName('tasks.unschedule', name)
    return (await this.#ctx.store.delete(this.#ctx.keys.cronKey(name))) > 0
  }

  async schedules(): Promise<Schedule[]> {
    const out: Schedule[] = []
    for await (const record of this.#ctx.store.entries({ prefix: this.#ctx.keys.cron }))
      out.push(toPublicSchedule(record.value as unknown as StoredSchedule))
    return out
  }

  /** Starts a runner for these handlers; `runner.stop()` ends it gracefully. */
  run(handlers: Handlers, options: RunOptions = {}): Runner {
    const method = 'tasks.run'
    assertObject(method, 'handlers', handlers)
    assertObject(method, 'options', options)
    const names = Object.keys(handlers)
    if (names.length === 0)
      throw invalidArgument(method, 'handlers', 'at least one handler', handlers)
    for (const name of names) {
      this.#known(method, name)
      if (typeof handlers[name] !== 'function')
        throw invalidArgument(
          method,
          `handlers[${JSON.stringify(name)}]`,
          'a function',
          handlers[name],
        )
    }
    const {
      runnerId = defaultRunnerId(),
      concurrency = 1,
      leaseMs = 30_000,
      pollMs = 1000,
    } = options
    assertTaskName(method, runnerId, 'options.runnerId')
    // Capped: each handler slot is a promise chain held for the runner's life.
    if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY)
      throw invalidArgument(
        method,
        'options.concurrency',
        `a positive integer of at most ${MAX_CONCURRENCY}`,
        concurrency,
      )
    for (const [field, value] of [
      ['leaseMs', leaseMs],
      ['pollMs', pollMs],
    ] as const) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
        throw invalidArgument(
          method,
          `options.${field}`,
          'a positive number of milliseconds',
          value,
        )
    }
    const settings = { runnerId, concurrency, leaseMs, pollMs, ...pick(options) }
    return new Runner(this.#ctx, { ...handlers }, settings)
  }

  #known(method: string, name: string): void {
    if (this.#names && typeof name === 'string' && !this.#names.has(name)) {
      throw new TaskError(
        'TASK_UNKNOWN_NAME',
        `${method}: ${JSON.stringify(name)} is not a registered task name (known: ${[...this.#names].join(', ')})`,
      )
    }
  }

  #id(method: string, id: unknown): string {
    if (typeof id !== 'string' || !/^[1-9]\d{0,15}$/.test(id))
      throw invalidArgument(method, 'id', 'a task id (a positive integer as a string)', id)
    return id
  }
}

function pick(options: RunOptions): Pick<RunOptions, 'signal' | 'onEvent'> {
  const out: Pick<RunOptions, 'signal' | 'onEvent'> = {}
  if (options.signal) out.signal = options.signal
  if (options.onEvent) out.onEvent = options.onEvent
  return out
}
