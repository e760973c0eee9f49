import { KvError, type KvOutcome } from '@kvgraph/core'

/** SQLSTATEs after which the whole transaction is run again. */
const RETRYABLE = new Set(['40001', '40P01'])

/**
 * The server is gone, going, or refuses us: admin/crash shutdown, cannot connect now, too many
 * connections, bad credentials, no such database, a read-only standby (after a failover, until
 * the URL's next host is tried), a statement timeout.
 */
const UNAVAILABLE_STATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '28000',
  '28P01',
  '3D000',
  '25006',
  '57014',
])

/**
 * Socket errors (Node) and connection states (postgres.js) that mean the server is unreachable
 * (QUEUE_TIMEOUT: no pool connection came free in time).
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'QUEUE_TIMEOUT',
])

/**
 * Failures after which another try may find a primary: the server went away or is going (a crash,
 * a shutdown, a host that refuses or times out), is starting up, or is a standby (25006: a write
 * reached a read-only host). Bad credentials, a missing database or a statement timeout are not:
 * waiting would not change them.
 */
const PRIMARY_LOST_STATES = new Set(['57P01', '57P02', '57P03', '25006'])
const PRIMARY_LOST_CODES = new Set([
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

/** The driver's error code: a SQLSTATE for server errors, an errno name or driver state otherwise. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

export function isRetryable(error: unknown): boolean {
  return RETRYABLE.has(errorCode(error) ?? '')
}

export function isUnavailable(error: unknown): boolean {
  const code = errorCode(error) ?? ''
  return (
    UNAVAILABLE_STATES.has(code) ||
    UNAVAILABLE_CODES.has(code) ||
    code.startsWith('08') ||
    isReadOnly(error)
  )
}

/** True when the call failed for want of a reachable, writable primary (see PRIMARY_LOST_STATES). */
export function isPrimaryLost(error: unknown): boolean {
  const code = errorCode(error) ?? ''
  return (
    PRIMARY_LOST_STATES.has(code) ||
    PRIMARY_LOST_CODES.has(code) ||
    code.startsWith('08') ||
    isReadOnly(error)
  )
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
