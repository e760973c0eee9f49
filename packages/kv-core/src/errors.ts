/** Stable error codes: they never change between versions; messages may. */
export type KvErrorCode =
  | 'KV_INVALID_KEY'
  | 'KV_INVALID_VALUE'
  | 'KV_INVALID_ARGUMENT'
  | 'KV_INVALID_CURSOR'
  | 'KV_VERSION_CONFLICT'
  | 'KV_CLOSED'
  | 'KV_LOCKED'
  | 'KV_IO_ERROR'
  | 'KV_QUOTA'
  | 'KV_CONFLICT'
  | 'KV_UNAVAILABLE'
  | 'KV_NOT_EMPTY'
  | 'KV_BACKUP_CORRUPT'
  | 'KV_RESTORE_INCOMPLETE'
  | 'KV_UNSUPPORTED'

export interface KvErrorOptions {
  cause?: unknown
  /**
   * From `mutate`: the index of the mutation whose check failed (KV_VERSION_CONFLICT) or whose
   * value is not storable (KV_INVALID_VALUE).
   */
  index?: number
  /** The key the error is about, when there is one. */
  key?: string
  /** For KV_UNAVAILABLE from a server engine: whether the call's writes may have been applied. */
  outcome?: KvOutcome
}

/**
 * The base of every kvgraph error class (KvError, GraphError, TaskError, ...): a stable `code`
 * to branch on, and the `cause` when there is one. Messages may change between versions.
 */
export class CodedError<Code extends string = string> extends Error {
  readonly code: Code

  constructor(code: Code, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
  }
}

/**
 * What a KV_UNAVAILABLE call did. `not-applied`: it never reached COMMIT, nothing of it is stored.
 * `unknown`: COMMIT was sent and no answer came; it may be stored in full, or not at all (never
 * in part). The store never retries an `unknown` write by itself: a retry could apply twice a
 * write that is not idempotent.
 */
export type KvOutcome = 'not-applied' | 'unknown'

/** The one error class of @kvgraph/core; branch on `code`, not on the message. */
export class KvError extends CodedError<KvErrorCode> {
  override readonly name = 'KvError'
  readonly index?: number
  readonly key?: string
  readonly outcome?: KvOutcome

  constructor(code: KvErrorCode, message: string, options: KvErrorOptions = {}) {
    super(code, message, options)
    if (options.index !== undefined) this.index = options.index
    if (options.key !== undefined) this.key = options.key
    if (options.outcome !== undefined) this.outcome = options.outcome
  }
}

/** Renders a received value for an error message: short, and safe for any input. */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value
    return `${JSON.stringify(shown)} (string of length ${value.length})`
  }
  if (typeof value === 'bigint') return `${value}n (bigint)`
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value)
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'symbol') return String(value)
  if (Array.isArray(value)) return `an array of length ${value.length}`
  const name = Object.getPrototypeOf(value)?.constructor?.name
  return name && name !== 'Object' ? `an instance of ${name}` : 'an object'
}

export function invalidArgument(name: string, expected: string, received: unknown): KvError {
  return new KvError(
    'KV_INVALID_ARGUMENT',
    `${name} must be ${expected}: received ${describe(received)}`,
  )
}
