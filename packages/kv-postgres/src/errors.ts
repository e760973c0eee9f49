import { KvError, type KvOutcome } from '@kvgraph/core'

/** SQLSTATEs after which the whole transaction is run again. */
const RETRYABLE = new Set(['40001', '40P01'])

/**
 * Failures after which another try may find a primary: the server went away or is going (a crash,
 * a shutdown, a host that refuses or times out), is starting up, or is a standby (25006: a write
 * reached a read-only host). Socket errors (Node) and connection states (postgres.js) included.
 */
const PRIMARY_LOST = new Set([
  '57P01',
  '57P02',
  '57P03',
  '25006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
])

/**
 * Also unavailable, but waiting would not change them: too many connections, bad credentials, no
 * such database, a statement timeout, a host name that does not resolve, no pool connection free
 * in time (QUEUE_TIMEOUT).
 */
const UNAVAILABLE_FOR_GOOD = new Set([
  '53300',
  '28000',
  '28P01',
  '3D000',
  '57014',
  'ENOTFOUND',
  'EAI_AGAIN',
  'QUEUE_TIMEOUT',
])

/** The driver's error code: a SQLSTATE for server errors, an errno name or driver state otherwise. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

export function isRetryable(error: unknown): boolean {
  return RETRYABLE.has(errorCode(error) ?? '')
}

export function isUnavailable(error: unknown): boolean {
  return isPrimaryLost(error) || UNAVAILABLE_FOR_GOOD.has(errorCode(error) ?? '')
}

/** True when the call failed for want of a reachable, writable primary (see PRIMARY_LOST). */
export function isPrimaryLost(error: unknown): boolean {
  const code = errorCode(error) ?? ''
  return PRIMARY_LOST.has(code) || code.startsWith('08') || isReadOnly(error)
}

/**
 * A write reached a read-only host: 25006, or, as a hot standby refuses a SERIALIZABLE
 * transaction before any write, 0A000 "cannot use serializable mode in a hot standby".
 */
export function isReadOnly(error: unknown): boolean {
  const code = errorCode(error)
  return (
    code === '25006' || (code === '0A000' && /hot standby/i.test((error as Error)?.message ?? ''))
  )
}

/**
 * A driver error as a KvError with a stable code; KvErrors pass through. `method` names the
 * engine call, `url` is masked; `outcome` is what a KV_UNAVAILABLE call did (see KvOutcome).
 */
export function toKvError(
  error: unknown,
  method: string,
  url: string,
  outcome: KvOutcome = 'not-applied',
): KvError {
  if (error instanceof KvError) return error
  const code = errorCode(error)
  const detail = `${(error as Error)?.message ?? String(error)}${code ? ` (${code})` : ''}`
  if (code === 'CONNECTION_ENDED') {
    return new KvError('KV_CLOSED', `PostgresEngine.${method}: the engine is closed`, {
      cause: error,
    })
  }
  if (isRetryable(error)) {
    return new KvError('KV_CONFLICT', `PostgresEngine.${method}: ${detail}`, { cause: error })
  }
  if (isUnavailable(error)) {
    return new KvError(
      'KV_UNAVAILABLE',
      `PostgresEngine.${method}: PostgreSQL at ${url} is unavailable${outcome === 'unknown' ? ' after COMMIT was sent (outcome unknown: the transaction may or may not have committed)' : ''}: ${detail}`,
      { cause: error, outcome },
    )
  }
  return new KvError('KV_IO_ERROR', `PostgresEngine.${method}: ${detail}`, { cause: error })
}

export function closedError(method: string): KvError {
  return new KvError('KV_CLOSED', `PostgresEngine.${method}: the engine is closed`)
}
