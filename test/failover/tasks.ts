import type { Store } from '@kvgraph/core'
import { Tasks } from '@kvgraph/tasks'
import { settle } from './bounded.js'

/**
 * A task runner that lives through the failover: tasks enqueued before the crash and after the
 * promotion must all run, without the runner being restarted.
 */
export class FailoverTasks {
  /** Ids of acknowledged enqueues, and of the tasks the handler ran. */
  readonly enqueued = new Set<string>()
  readonly ran = new Set<string>()
  readonly #tasks: Tasks
  readonly #runner: ReturnType<Tasks['run']>

  constructor(store: Store, prefix: string) {
    this.#tasks = new Tasks(store, { namespace: `${prefix}-tasks` })
    this.#runner = this.#tasks.run(
      {
        job: (payload) => {
          this.ran.add(String(payload))
        },
      },
      { concurrency: 2, pollMs: 200 },
    )
  }

  /** Enqueues `n` tasks; only acknowledged ones must run (an `unknown` one may or may not). */
  async enqueue(label: string, n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const id = `${label}-${i}`
      const done = await settle(() => this.#tasks.enqueue('job', id), 45_000)
      if (done.outcome === 'acked') this.enqueued.add(id)
    }
  }

  /** Acknowledged tasks that have not run. */
  missing(): string[] {
    return [...this.enqueued].filter((id) => !this.ran.has(id))
  }

  stop(): Promise<void> {
    return this.#runner.stop()
  }
}
