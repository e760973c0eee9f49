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
  /**
   * The seq a space was first followed from, per space: the seqs at or below it were never
   * delivered (see the rewind in #catchUp); lowered as local commits below it are delivered.
   */
  readonly #unheard = new Map<string, number>()
  /** The catch-up in progress (or last run), per space: the next one starts after it. */
  readonly #chains = new Map<string, Promise<void>>()
  /** The first seq of the earliest local commit whose delivery failed, per space. */
  readonly #missed = new Map<string, number>()
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
    this.#timer.unref?.() // Node only: a browser timer is a number
  }

  /**
   * Delivers what the space's stream holds beyond the last seq delivered. `from`, the first seq
   * of a local commit, makes sure that commit is delivered even when the space was not followed
   * yet; a space followed for the first time otherwise starts at its current end.
   */
  sync(space: string, from?: number): Promise<void> {
    const step = this.#chain(space, () => this.#catchUp(space, from ?? this.#missed.get(space)))
    if (from !== undefined) {
      // Failed (the server went away after the commit): the next catch-up must still start at
      // or before this commit, even if the space's start was never read.
      step.catch(() => {
        const missed = this.#missed.get(space)
        if (missed === undefined || from < missed) this.#missed.set(space, from)
      })
    }
    return step
  }

  /**
   * A space got its first listener: it is followed from the stream's end now. Left to the next
   * poll (or `sync`), its start would be the end at that later time, and the commits of other
   * processes in between would never be heard.
   */
  follow(space: string): void {
    this.#chain(space, () => {
      this.#delivered.delete(space)
      return this.#catchUp(space, undefined)
    }).catch(() => {}) // unread: the next poll starts it
  }

  /** Runs `step` after the space's previous catch-up: one at a time per space. */
  #chain(space: string, step: () => Promise<void>): Promise<void> {
    const previous = this.#chains.get(space) ?? Promise.resolve()
    const next = previous.catch(() => {}).then(step)
    this.#chains.set(space, next)
    return next
  }

  async #catchUp(space: string, from: number | undefined): Promise<void> {
    if (!this.#listeners.has(space)) {
      this.#delivered.delete(space) // followed again from its end once someone listens
      this.#unheard.delete(space)
      return
    }
    let delivered = this.#delivered.get(space)
    if (delivered === undefined) {
      delivered = await this.#lastSeq(space)
      if (from !== undefined) delivered = Math.min(delivered, from - 1)
      this.#unheard.set(space, delivered)
    } else if (from !== undefined && from <= (this.#unheard.get(space) ?? 0)) {
      // A local commit that landed before the start was read, though it was made after the
      // first listener was added: deliver it (and what lies between it and the start) now.
      await this.#deliver(space, from - 1, this.#unheard.get(space)!)
      this.#unheard.set(space, from - 1)
    }
    this.#delivered.set(space, await this.#deliver(space, delivered))
    if (from !== undefined && from === this.#missed.get(space)) this.#missed.delete(space)
  }

  /**
   * Emits the changes with seqs after `after` (through `through`, else to the end), one call per
   * stored chunk (a transaction's changes, see stream-chunk.ts); resolves to the last seq.
   */
  async #deliver(space: string, after: number, through = Number.POSITIVE_INFINITY) {
    const chunks: CommittedChange[][] = []
    let last = after
    // The filter sees each entry before its value is parsed and keeps none: no value is decoded.
    await readStream(
      this.#engine,
      space,
      { from: after + 1, limit: 1 },
      ({ seq, action, key, version, type }) => {
        if (seq > through) return false
        chunks.at(-1)!.push({ action, key, version, type })
        last = seq
        return false
      },
      () => chunks.push([]),
    )
    for (const changes of chunks) this.#listeners.emit(space, changes)
    return last
  }

  stop(): void {
    clearInterval(this.#timer)
  }
}
