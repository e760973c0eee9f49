import { randomUUID } from 'node:crypto'
import { claimTasks, findDue } from './claim.js'
import type { QueueContext } from './context.js'
import { fireDueSchedules } from './cron.js'
import { Execution, type ExecutionHost } from './execution.js'
import { reclaimExpired } from './reclaim.js'
import { toPublic } from './stored.js'
import type { Handlers, RunnerEvent } from './types.js'
import { Wake } from './wake.js'
import { WriteBatcher } from './write-batcher.js'

export interface RunnerSettings {
  runnerId: string
  concurrency: number
  leaseMs: number
  pollMs: number
  signal?: AbortSignal
  onEvent?: (event: RunnerEvent) => void
}

export function defaultRunnerId(): string {
  return `runner-${process.pid}-${randomUUID().slice(0, 8)}`
}

/**
 * Claims due tasks and runs their handlers, up to `concurrency` at once. It sleeps until the
 * earliest of: an enqueue (heard through `watch`), a free slot, the next delayed task or cron
 * tick, or `pollMs`. Each look also reclaims expired leases and fires due schedules.
 */
export class Runner {
  readonly runnerId: string
  readonly #ctx: QueueContext
  readonly #handlers: Handlers
  readonly #settings: RunnerSettings
  readonly #running = new Map<string, Execution>()
  readonly #wake = new Wake()
  readonly #watchAbort = new AbortController()
  readonly #done: Promise<void>
  readonly #writes: WriteBatcher
  #stopping = false
  #cronChanged = true

  constructor(ctx: QueueContext, handlers: Handlers, settings: RunnerSettings) {
    this.#ctx = ctx
    this.#handlers = handlers
    this.#settings = settings
    this.runnerId = settings.runnerId
    this.#writes = new WriteBatcher(ctx.store)
    if (settings.signal?.aborted) this.#stopping = true
    else settings.signal?.addEventListener('abort', () => void this.stop(), { once: true })
    void this.#watch()
    this.#done = this.#main()
  }

  /** Handlers running now. */
  get active(): number {
    return this.#running.size
  }

  /** Graceful: claims nothing more, waits for running handlers and their outcomes. */
  async stop(): Promise<void> {
    this.#stopping = true
    this.#wake.notify()
    await this.#done
  }

  #emit = (event: RunnerEvent): void => {
    try {
      this.#settings.onEvent?.(event)
    } catch {
      // A listener's bug must not stop the runner.
    }
  }

  async #main(): Promise<void> {
    const ctx = this.#ctx
    const { concurrency, pollMs } = this.#settings
    let nextMaintenance = 0
    let nextCron = 0
    while (!this.#stopping && !ctx.store.closed) {
      let sleep = pollMs
      try {
        const now = ctx.now()
        if (now >= nextMaintenance) {
          await reclaimExpired(ctx)
          nextMaintenance = now + pollMs
        }
        if (now >= nextCron || this.#cronChanged) {
          this.#cronChanged = false
          nextCron = await fireDueSchedules(ctx)
        }
        const free = concurrency - this.#running.size
        if (free > 0) {
          const due = await findDue(ctx, free, (name) => Object.hasOwn(this.#handlers, name))
          const won = await claimTasks(ctx, due.ids, this.#settings)
          for (const claimed of won)
            this.#start(new Execution(this.#host, claimed.task, claimed.version))
          // A look that won tasks may have left more due ones: look again at once. Races lost to
          // other runners leave nothing to wake this one, so look again soon.
          if (won.length > 0) continue
          if (due.ids.length > 0) sleep = Math.min(sleep, 10)
          sleep = Math.min(sleep, due.nextAt - ctx.now())
        }
        sleep = Math.min(sleep, nextCron - ctx.now(), nextMaintenance - ctx.now())
      } catch (error) {
        if (ctx.store.closed) break
        this.#emit({ type: 'error', error })
      }
      await this.#wake.wait(sleep)
    }
    await Promise.all([...this.#running.values()].map((e) => this.#finished.get(e)))
    this.#watchAbort.abort()
  }

  readonly #finished = new Map<Execution, Promise<void>>()

  get #host(): ExecutionHost {
    return {
      ctx: this.#ctx,
      commit: (ops) => this.#writes.commit(ops),
      runnerId: this.runnerId,
      leaseMs: this.#settings.leaseMs,
      emit: this.#emit,
      reporting: this.#settings.onEvent !== undefined,
    }
  }

  #start(execution: Execution): void {
    const handler = this.#handlers[execution.task.name]!
    this.#running.set(execution.id, execution)
    if (this.#settings.onEvent) this.#emit({ type: 'start', task: toPublic(execution.task) })
    const done = execution
      .run(handler)
      .catch((error) => this.#emit({ type: 'error', error }))
      .finally(() => {
        this.#running.delete(execution.id)
        this.#finished.delete(execution)
        this.#wake.notify()
      })
    this.#finished.set(execution, done)
  }

  /** Wakes the loop on new due work and schedule changes; aborts handlers of tasks taken away. */
  async #watch(): Promise<void> {
    const { store, keys } = this.#ctx
    try {
      for await (const events of store.watch(keys.prefix, { signal: this.#watchAbort.signal })) {
        let wake = false
        for (const event of events) {
          if (event.key.startsWith(keys.due)) wake ||= event.type === 'put'
          else if (event.key.startsWith(keys.cron)) {
            this.#cronChanged = true
            wake = true
          } else if (event.key.startsWith(keys.task) && this.#running.size > 0) {
            const execution = this.#running.get(keys.idOf(event.key))
            if (event.type === 'put') execution?.observe(event.value, event.version)
          }
        }
        if (wake) this.#wake.notify()
      }
    } catch (error) {
      // Without the change stream (stream: false) the runner still works, by polling.
      if (!store.closed && !this.#watchAbort.signal.aborted) this.#emit({ type: 'error', error })
    }
  }
}
