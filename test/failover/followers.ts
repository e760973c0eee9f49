import type { Store } from '@kvgraph/core'
import { onCommit } from '@kvgraph/core/internal'
import { type CallOutcome, settle, sleep } from './bounded.js'

/**
 * The readers of a failover cycle, each resuming by itself: a consumer that reads and commits
 * (at-least-once, so it may see an entry twice), a watcher (exactly once: any seq twice is a
 * fault), and an onCommit listener, typically on a second store (another process's view).
 */
export class FailoverFollowers {
  /** Keys the consumer read, and the outcomes of its failed calls. */
  readonly consumed = new Set<string>()
  readonly consumerFailures: CallOutcome[] = []
  /** Seqs and keys the watcher was given, in order. */
  readonly watchedSeqs: number[] = []
  readonly watchedKeys = new Set<string>()
  /** A watch() that ended by throwing (it should never). */
  watchError: unknown
  /** Keys the onCommit listener heard. */
  readonly heard = new Set<string>()
  readonly consumerOwner: string
  readonly #abort = new AbortController()
  readonly #running: Promise<void>[]
  readonly #unlisten: () => void
  #stopped = false

  constructor(
    store: Store,
    listenerStore: Store,
    readonly prefix: string,
    hungMs = 45_000,
  ) {
    const consumer = store.consumer(`${prefix}-consumer`, { prefix: `${prefix}/p/` })
    this.consumerOwner = consumer.owner
    this.#unlisten = onCommit(listenerStore, (changes) => {
      for (const change of changes)
        if (change.key.startsWith(`${prefix}/`)) this.heard.add(change.key)
    })
    const consume = async () => {
      while (!this.#stopped) {
        const read = await settle(async () => {
          const entries = await consumer.next(100)
          for (const entry of entries) this.consumed.add(entry.key)
          if (entries.length > 0) await consumer.commit(entries.at(-1)!.seq)
          return entries.length
        }, hungMs)
        if (read.outcome !== 'acked') this.consumerFailures.push(read.outcome)
        if (read.value === 0 || read.outcome !== 'acked') await sleep(20)
      }
    }
    const watch = async () => {
      try {
        const options = { signal: this.#abort.signal }
        for await (const events of store.watch(`${prefix}/`, options)) {
          for (const event of events) {
            this.watchedSeqs.push(event.seq)
            this.watchedKeys.add(event.key)
          }
        }
      } catch (error) {
        this.watchError = error
      }
    }
    this.#running = [consume(), watch()]
  }

  /** Waits (up to `limitMs`) until `done()` holds; false if it never did. */
  async until(done: () => boolean, limitMs: number): Promise<boolean> {
    const until = Date.now() + limitMs
    while (!done()) {
      if (Date.now() > until) return false
      await sleep(20)
    }
    return true
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#abort.abort()
    this.#unlisten()
    await Promise.all(this.#running)
  }
}
