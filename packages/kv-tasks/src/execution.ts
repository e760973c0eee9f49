import { type JsonValue, jsonProblem, type KvMutation } from '@kvgraph/core'
import { type QueueContext, readTask } from './context.js'
import { isVersionConflict, TaskError } from './errors.js'
import { completed, errorMessage, failedAttempt } from './outcome.js'
import { type StoredTask, toPublic, transition } from './stored.js'
import type { Handler, HandlerContext, RunnerEvent } from './types.js'

export interface ExecutionHost {
  ctx: QueueContext
  /** Commits one write's mutations (group-committed with other executions' writes). */
  commit(ops: KvMutation[]): Promise<void>
  runnerId: string
  leaseMs: number
  emit(event: RunnerEvent): void
  /** Whether anyone listens to events (building them costs a copy of the task each). */
  reporting: boolean
}

type Outcome =
  | { kind: 'ok'; result: unknown }
  | { kind: 'error'; error: unknown }
  | { kind: 'aborted'; reason: TaskError }

/**
 * One claimed task running in a runner. It holds the lease token: every write it makes (lease
 * renewals, progress, the outcome) is conditional on the record still being `running` under
 * that token, so once the task was cancelled or reclaimed nothing from here lands. Writes are
 * chained, so the execution never conflicts with itself.
 */
export class Execution {
  readonly id: string
  readonly #host: ExecutionHost
  readonly #controller = new AbortController()
  #task: StoredTask
  #version: number
  #leaseMs: number
  #chain: Promise<unknown> = Promise.resolve()
  #renewTimer: NodeJS.Timeout | undefined

  constructor(host: ExecutionHost, task: StoredTask, version: number) {
    this.#host = host
    this.#task = task
    this.#version = version
    this.#leaseMs = host.leaseMs
    this.id = task.id
  }

  get task(): StoredTask {
    return this.#task
  }

  /**
   * A change to the task seen on the watch: a cancel or a reclaim ends this execution. Events
   * arrive after the fact, so one at or below the version this execution holds (the enqueue
   * it claimed, or its own writes) says nothing new.
   */
  observe(value: JsonValue | undefined, version?: number): void {
    if (version !== undefined && version <= this.#version) return
    const seen = value as unknown as StoredTask | undefined
    if (seen?.status === 'running' && seen.leaseToken === this.#task.leaseToken) return
    this.#lose(seen?.status === 'cancelled' ? 'cancelled' : 'lease-lost')
  }

  async run(handler: Handler): Promise<void> {
    const { ctx } = this.#host
    const task = this.#task
    const signal = this.#controller.signal
    this.#renewEvery(this.#leaseMs)
    const timeout =
      task.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            const message = `attempt ${task.attempts} timed out after ${task.timeoutMs} ms`
            this.#controller.abort(new TaskError('TASK_TIMEOUT', message))
          }, task.timeoutMs)
    const aborted = new Promise<Outcome>((resolve) => {
      const done = () => resolve({ kind: 'aborted', reason: signal.reason as TaskError })
      if (signal.aborted) done()
      else signal.addEventListener('abort', done, { once: true })
    })
    const running = (async () => handler(task.payload, this.#context()))().then(
      (result): Outcome => ({ kind: 'ok', result }),
      (error): Outcome => ({ kind: 'error', error }),
    )
    const outcome = await Promise.race([running, aborted])
    clearTimeout(timeout)
    clearInterval(this.#renewTimer)
    if (outcome.kind === 'aborted') {
      // A timeout is this runner's own verdict, recorded as a failed attempt; a cancel or a lost
      // lease means the task is no longer ours to write.
      if (outcome.reason.code === 'TASK_TIMEOUT') await this.#finish(outcome.reason.message)
    } else if (outcome.kind === 'error') {
      await this.#finish(errorMessage(outcome.error))
    } else {
      const problem = jsonProblem(outcome.result, 'result')
      if (problem && outcome.result !== undefined)
        await this.#finish(
          `the handler's result is not JSON: ${problem.path} must be ${problem.expected}`,
        )
      else
        await this.#write((t) => completed(t, outcome.result as JsonValue | undefined, ctx.now()))
    }
    await this.#chain
  }

  #context(): HandlerContext {
    const task = this.#task
    return {
      id: task.id,
      name: task.name,
      attempt: task.attempts,
      runnerId: this.#host.runnerId,
      signal: this.#controller.signal,
      progress: async (value) => {
        const problem = jsonProblem(value, 'value')
        if (problem) {
          throw new TaskError(
            'TASK_INVALID_ARGUMENT',
            `ctx.progress: value is not JSON: ${problem.path} must be ${problem.expected}`,
          )
        }
        await this.#write((t) => ({ ...t, progress: value }))
      },
      extendLease: async (ms) => {
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
          throw new TaskError(
            'TASK_INVALID_ARGUMENT',
            `ctx.extendLease: ms must be a positive number of milliseconds: received ${String(ms)}`,
          )
        }
        this.#leaseMs = ms
        this.#renewEvery(ms)
        await this.#renew()
      },
    }
  }

  #renewEvery(ms: number): void {
    clearInterval(this.#renewTimer)
    this.#renewTimer = setInterval(() => {
      this.#renew().catch((error) => this.#host.emit({ type: 'error', error }))
    }, ms / 2)
  }

  #renew(): Promise<boolean> {
    return this.#write((t) => ({ ...t, leaseExpiresAt: this.#host.ctx.now() + this.#leaseMs }))
  }

  async #finish(message: string): Promise<void> {
    const { ctx } = this.#host
    await this.#write((t) => failedAttempt(ctx, t, message, ctx.now()))
  }

  #lose(reason: 'cancelled' | 'lease-lost'): void {
    if (this.#controller.signal.aborted) return
    const message =
      reason === 'cancelled' ? `task ${this.id} was cancelled` : `task ${this.id} lost its lease`
    const code = reason === 'cancelled' ? 'TASK_CANCELLED' : 'TASK_LEASE_LOST'
    this.#controller.abort(new TaskError(code, message))
    this.#host.emit({ type: 'abort', id: this.id, reason })
  }

  /**
   * Writes the next state conditionally on the version this execution last wrote or read. A
   * conflict means someone else wrote the task: if it is still ours (same token, running), retry
   * on the fresh version; otherwise the task was cancelled or reclaimed and nothing is written.
   */
  #write(change: (task: StoredTask) => StoredTask): Promise<boolean> {
    const step = this.#chain.then(async () => {
      const { ctx } = this.#host
      for (;;) {
        const next = change(this.#task)
        try {
          await this.#host.commit(
            transition(ctx.keys, { task: this.#task, version: this.#version }, next),
          )
        } catch (error) {
          if (!isVersionConflict(error)) throw error
          const fresh = await readTask(ctx, this.id)
          const ours =
            fresh?.task.status === 'running' && fresh.task.leaseToken === this.#task.leaseToken
          if (!ours) {
            this.observe(fresh?.task as unknown as JsonValue)
            return false
          }
          this.#task = fresh.task
          this.#version = fresh.version
          continue
        }
        this.#task = next
        this.#version++
        this.#report(next)
        return true
      }
    })
    this.#chain = step.catch(() => undefined)
    return step
  }

  #report(task: StoredTask): void {
    if (!this.#host.reporting) return
    if (task.status === 'completed') this.#host.emit({ type: 'complete', task: toPublic(task) })
    else if (task.status === 'failed')
      this.#host.emit({ type: 'fail', task: toPublic(task), error: task.lastError?.message ?? '' })
    else if (task.status === 'pending')
      this.#host.emit({ type: 'retry', task: toPublic(task), error: task.lastError?.message ?? '' })
  }
}
