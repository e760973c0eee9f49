import { GraphError } from './errors.js'

/**
 * The store's KV_INVALID_VALUE for a value over its size limit (openStore's maxValueBytes) as a
 * GraphError naming the graph's argument (`props`, `edges[3].props`) instead of the store's
 * (`mutations[0].value`). Props are checked for JSON before they are written, so that is the only
 * KV_INVALID_VALUE a graph write can meet. Any other error is returned as it is.
 */
export function asPropsError(error: unknown, name: string): unknown {
  if (!isInvalidValue(error)) return error
  const reason = /must be .*$/.exec(error.message)?.[0] ?? 'must be storable'
  return new GraphError('GRAPH_INVALID_ARGUMENT', `${name} ${reason}`, { cause: error })
}

/** The index (in a store `mutate` batch) of the mutation whose value was refused, if any. */
export function refusedIndex(error: unknown): number | undefined {
  return isInvalidValue(error) ? (error as { index?: number }).index : undefined
}

function isInvalidValue(error: unknown): error is Error & { code: string } {
  return error instanceof Error && (error as { code?: unknown }).code === 'KV_INVALID_VALUE'
}
