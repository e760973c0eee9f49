import { CodedError, describeValue as describe } from '@kvgraph/core'
/** Stable error codes of @kvgraph/graph: they never change between versions; messages may. */
export type GraphErrorCode =
  /** A node reference, its type or its id is not valid (empty, not a string, lone surrogate, too long). */
  | 'GRAPH_INVALID_NODE'
  /** Any other argument or option is not valid. */
  | 'GRAPH_INVALID_ARGUMENT'
  /** An edge's keys would exceed the store's key limit (the sum of both endpoints and the type). */
  | 'GRAPH_KEY_TOO_LONG'
  /** A shortest-path weight is negative, not finite or not a number. */
  | 'GRAPH_INVALID_WEIGHT'
  /** A bound (`maxNodes`, `maxDepth`, `maxEdges`) stopped an operation before it could answer. */
  | 'GRAPH_LIMIT_EXCEEDED'
  /** The operation's AbortSignal fired; `cause` is the signal's reason. */
  | 'GRAPH_ABORTED'

/** Which bound stopped a traversal. */
export type StopReason = 'maxNodes' | 'maxDepth' | 'maxEdges' | 'aborted'

export interface GraphErrorOptions {
  cause?: unknown
  /** For GRAPH_LIMIT_EXCEEDED: the bound that was hit. */
  limit?: Exclude<StopReason, 'aborted'>
}

/** The one error class of @kvgraph/graph; branch on `code`, not on the message. */
export class GraphError extends CodedError<GraphErrorCode> {
  override readonly name = 'GraphError'
  readonly limit?: Exclude<StopReason, 'aborted'>

  constructor(code: GraphErrorCode, message: string, options: GraphErrorOptions = {}) {
    super(code, message, options)
    if (options.limit !== undefined) this.limit = options.limit
  }
}

/** Renders a received value for an error message (shared with @kvgraph/core). */
export { describeValue as describe } from '@kvgraph/core'

export function invalidArgument(name: string, expected: string, received: unknown): GraphError {
  return new GraphError(
    'GRAPH_INVALID_ARGUMENT',
    `${name} must be ${expected}: received ${describe(received)}`,
  )
}

/** `method` is the Graph method that stopped ('shortestPath'). */
export function limitExceeded(
  limit: Exclude<StopReason, 'aborted'>,
  value: number,
  method: string,
): GraphError {
  return new GraphError(
    'GRAPH_LIMIT_EXCEEDED',
    `graph.${method}: stopped at ${limit} (${value}) before it could answer; raise options.${limit}`,
    { limit },
  )
}

export function aborted(method: string, signal: AbortSignal): GraphError {
  return new GraphError('GRAPH_ABORTED', `graph.${method}: aborted`, { cause: signal.reason })
}

export function throwIfAborted(signal: AbortSignal | undefined, method: string): void {
  if (signal?.aborted) throw aborted(method, signal)
}

/**
 * Runs a method's argument checks: a GraphError they throw names the method
 * (`graph.addEdge: from.id must be ...`), whatever helper found the problem.
 */
export function checking<T>(method: string, checks: () => T): T {
  try {
    return checks()
  } catch (error) {
    throw inMethod(method, error)
  }
}

/** The error, its message prefixed with the method unless it names one already. */
export function inMethod(method: string, error: unknown): unknown {
  if (!(error instanceof GraphError) || NAMED.test(error.message)) return error
  const options: GraphErrorOptions = { cause: error.cause }
  if (error.limit !== undefined) options.limit = error.limit
  const where = method === 'constructor' ? 'new Graph' : `graph.${method}`
  return new GraphError(error.code, `${where}: ${error.message}`, options)
}

/** A message that names its method already. */
const NAMED = /^(graph\.\w+|new Graph): /
