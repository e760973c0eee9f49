import { yieldToLoop } from '@kvgraph/core/internal'

/** How long a traversal works before it lets the event loop in, in ms. */
export const SLICE_MS = 5

/** Units of work (list entries) between looks at the clock: the hot path pays a counter only. */
const CHECK_EVERY = 4096

/**
 * Lets the event loop in every few ms of work. A graph holding its adjacency answers reads with
 * no I/O, so without this a traversal held the loop for its whole run: timers (an
 * AbortSignal.timeout among them) could not fire. Callers check their signal after a pause.
 */
export class Pacer {
  #work = 0
  #since = performance.now()

  /** Counts `units` of work; a promise when a pause is due (await it, then check the signal). */
  tick(units: number): Promise<void> | undefined {
    this.#work += units
    if (this.#work < CHECK_EVERY) return undefined
    this.#work = 0
    if (performance.now() - this.#since < SLICE_MS) return undefined
    return this.#pause()
  }

  async #pause(): Promise<void> {
    await yieldToLoop()
    this.#since = performance.now()
  }
}
