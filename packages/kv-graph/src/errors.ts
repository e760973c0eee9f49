import { describeValue as describe } from '@kvgraph/core'
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
export class GraphError extends Error {
  override readonly name = 'GraphError'
  readonly code: GraphErrorCode
  readonly limit?: Exclude<StopReason, 'aborted'>

  constructor(code: GraphErrorCode, message: string, options: GraphErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
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

export function limitExceeded(
  limit: Exclude<StopReason, 'aborted'>,
  value: number,
  what: string,
): GraphError {
  return new GraphError(
    'GRAPH_LIMIT_EXCEEDED',
    `${what} stopped at ${limit} (${value}) before it could answer; raise options.${limit}`,
    { limit },
  )
}

export function aborted(what: string, signal: AbortSignal): GraphError {
  return new GraphError('GRAPH_ABORTED', `${what} was aborted`, { cause: signal.reason })
}
