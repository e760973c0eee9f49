/**
 * Process RSS sampled every 10 ms. Timers only fire when the event loop is free, so a long
 * synchronous call (graphology's algorithms) is sampled at its start and end only.
 */
export class RssSampler {
  #peak = 0
  #timer: NodeJS.Timeout | undefined

  start(): number {
    const now = process.memoryUsage.rss()
    this.#peak = now
    this.#timer = setInterval(() => this.sample(), 10)
    this.#timer.unref()
    return now
  }

  /** Also callable from hot loops that rarely yield. */
  sample(): void {
    const rss = process.memoryUsage.rss()
    if (rss > this.#peak) this.#peak = rss
  }

  /** Stops and returns the peak RSS in bytes. */
  stop(): number {
    clearInterval(this.#timer)
    this.sample()
    return this.#peak
  }

  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; peak: number }> {
    this.start()
    try {
      const result = await fn()
      return { result, peak: this.stop() }
    } finally {
      clearInterval(this.#timer)
    }
  }
}

/** Full garbage collection when node runs with --expose-gc; a no-op otherwise. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) {
    gc()
    gc()
  }
}

export const MB = 2 ** 20
