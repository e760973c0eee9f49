import type { KvMutation, Store } from '@kvgraph/core'
import { isVersionConflict } from './errors.js'

interface PendingWrite {
  ops: KvMutation[]
  resolve: () => void
  reject: (error: unknown) => void
}

/**
 * Group commit for a runner's writes (outcomes, lease renewals, progress): the writes of many
 * executions that arrive while one batch is being committed go together in the next `mutate`,
 * one transaction instead of one each. Each write is conditional on its own task's version; if
 * any check fails the whole mutate fails, and then each write is tried on its own so only the
 * one that lost sees the conflict.
 */
export class WriteBatcher {
  readonly #store: Store
  #pending: PendingWrite[] = []
  #flushing = false

  constructor(store: Store) {
    this.#store = store
  }

  commit(ops: KvMutation[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ ops, resolve, reject })
      if (!this.#flushing) {
        this.#flushing = true
        setImmediate(() => void this.#flush())
      }
    })
  }

  async #flush(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending
      this.#pending = []
      await this.#commitBatch(batch)
    }
    this.#flushing = false
  }

  async #commitBatch(batch: PendingWrite[]): Promise<void> {
    if (batch.length > 1) {
      try {
        await this.#store.mutate(batch.flatMap((w) => w.ops))
        for (const w of batch) w.resolve()
        return
      } catch (error) {
        if (!isVersionConflict(error)) {
          for (const w of batch) w.reject(error)
          return
        }
      }
    }
    await Promise.all(batch.map((w) => this.#store.mutate(w.ops).then(() => w.resolve(), w.reject)))
  }
}
