/**
 * A one-slot wake-up: `notify` before `wait` is remembered, so a wake that arrives while the
 * runner is busy is never lost; several notifies collapse into one.
 */
export class Wake {
  #pending = false
  #resolve: (() => void) | undefined

  notify(): void {
    if (this.#resolve) this.#resolve()
    else this.#pending = true
  }

  /** Resolves on the next notify, or after `ms`. */
  wait(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#resolve = undefined
        resolve()
      }
      const timer = setTimeout(done, Math.max(0, Math.min(ms, 2 ** 31 - 1)))
      this.#resolve = done
    })
  }
}
