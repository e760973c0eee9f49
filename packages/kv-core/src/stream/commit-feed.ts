import type { KvEngine } from '../engine/engine.js'
import type { CommittedChange } from '../records/changes.js'
import type { CommitListeners } from './commit-listeners.js'
import { readStream } from './stream.js'

/**
 * Commit listeners on a shared engine (PostgreSQL), where other processes commit too: every
 * space with listeners is followed through its change stream, from the last seq delivered, so
 * listeners hear this process's commits and everyone else's, in commit order, each once.
 *
 * A local write calls `sync(space, firstSeq)` after it commits and before it resolves, so its own
 * changes are still heard before the write returns; a timer catches up on other processes'
 * commits every `pollMs`, and a reader that must not act on stale state (the graph before a
 * traversal) calls `sync(space)` itself. Catch-ups of one space run one at a time.
 */
export class CommitFeed {
  readonly #engine: KvEngine
  readonly #listeners: CommitListeners
  readonly #lastSeq: (space: string) => Promise<number>
  /** The last seq delivered, per followed space. */
  readonly #delivered = new Map<string, number>()
  /** The catch-up in progress (or last run), per space: the next one starts after it. */
  readonly #chains = new Map<string, Promise<void>>()
  readonly #timer: NodeJS.Timeout

  constructor(
    engine: KvEngine,
    listeners: CommitListeners,
    lastSeq: (space: string) => Promise<number>,
    pollMs: number,
  ) {
    this.#engine = engine
    this.#listeners = listeners
    this.#lastSeq = lastSeq
    this.#timer = setInterval(() => {
      for (const space of listeners.spaces()) this.sync(space).catch(() => {}) // retried next tick
    }, pollMs)
    this.#timer.unref()
  }

  /**
   * Delivers what the space's stream holds beyond the last seq delivered. `from`, the first seq
   * of a local commit, makes sure that commit is delivered even when the space was not followed
   * yet; a space followed for the first time otherwise starts at its current end.
   */
  sync(space: string, from?: number): Promise<void> {
    const previous = this.#chains.get(space) ?? Promise.resolve()
    const next = previous.catch(() => {}).then(() => this.#catchUp(space, from))
    this.#chains.set(space, next)
    return next
  }

  async #catchUp(space: string, from: number | undefined): Promise<void> {
    if (!this.#listeners.has(space)) {
      this.#delivered.delete(space) // followed again from its end once someone listens
      return
    }
    let delivered = this.#delivered.get(space)
    if (delivered === undefined) {
      delivered = await this.#lastSeq(space)
      if (from !== undefined) delivered = Math.min(delivered, from - 1)
    }
    for (;;) {
      const changes: CommittedChange[] = []
      // The filter sees each entry before its value is parsed and keeps none: no value is decoded.
      const { scannedThrough } = await readStream(
        this.#engine,
        space,
        { from: delivered + 1, limit: 1 },
        ({ action, key, version, type }) => {
          changes.push({ action, key, version, type })
          return false
        },
      )
      if (scannedThrough <= delivered) break
      delivered = scannedThrough
      this.#delivered.set(space, delivered)
      this.#listeners.emit(space, changes)
    }
    this.#delivered.set(space, delivered)
  }

  stop(): void {
    clearInterval(this.#timer)
  }
}
