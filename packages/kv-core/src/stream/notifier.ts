/** Wakes in-process stream followers (watchers) when a transaction with changes commits. */
export class Notifier {
  #waiters: Array<() => void> = []

  /** Resolves on the next notify() (or wake-all on close). */
  next(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  notify(): void {
    if (this.#waiters.length === 0) return
    const waiters = this.#waiters
    this.#waiters = []
    for (const wake of waiters) wake()
  }
}
