import type { CommittedChange } from '../records/changes.js'

/** Hears the changes of one committed transaction, in order. */
export type CommitListener = (changes: readonly CommittedChange[]) => void

/**
 * In-process listeners by store space. They run synchronously once a transaction's writes are
 * durable, so a cache that drops the keys it hears of never keeps a value older than the
 * database's. On an engine this process owns, every write goes through it; on a shared engine
 * the CommitFeed (commit-feed.ts) delivers every process's commits from the change stream.
 */
export class CommitListeners {
  readonly #bySpace = new Map<string, Set<CommitListener>>()

  has(space: string): boolean {
    return this.#bySpace.has(space)
  }

  /** The spaces that have listeners. */
  spaces(): IterableIterator<string> {
    return this.#bySpace.keys()
  }

  add(space: string, listener: CommitListener): () => void {
    let set = this.#bySpace.get(space)
    if (!set) {
      set = new Set()
      this.#bySpace.set(space, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.#bySpace.get(space) === set) this.#bySpace.delete(space)
    }
  }

  emit(space: string, changes: readonly CommittedChange[]): void {
    const set = this.#bySpace.get(space)
    if (!set || changes.length === 0) return
    for (const listener of [...set]) {
      try {
        listener(changes)
      } catch (error) {
        // A listener's bug must not turn a committed write into a rejected one.
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }
}
