import { throwIfAborted } from '../errors.js'
import type { SearchSpace } from '../reading/adjacency.js'

/**
 * Counts `units` of work (see Pacer). When a pause is due: a promise that settles after it with
 * whether the signal fired meanwhile, for a search that then stops with `stopped: 'aborted'`.
 * Undefined otherwise, so the hot path awaits nothing.
 */
export function pauseStopping(space: SearchSpace, units: number): Promise<boolean> | undefined {
  return space.pace?.(units)?.then(() => space.signal?.aborted === true)
}

/** The same for a search that rejects with GRAPH_ABORTED instead (shortestPath). */
export function pauseThrowing(
  space: SearchSpace,
  units: number,
  method: string,
): Promise<void> | undefined {
  return space.pace?.(units)?.then(() => throwIfAborted(space.signal, method))
}
