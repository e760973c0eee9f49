import { KvError } from '@kvgraph/core'

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
  return UNAVAILABLE_STATES.has(code) || UNAVAILABLE_CODES.has(code) || code.startsWith('08')
}

/**
 * A driver error as a KvError with a stable code; KvErrors pass through. `method` names the
 * engine call, `url` is masked.
 */
export function toKvError(error: unknown, method: string, url: string): KvError {
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
      `PostgresEngine.${method}: PostgreSQL at ${url} is unavailable: ${detail}`,
      { cause: error },
    )
  }
  return new KvError('KV_IO_ERROR', `PostgresEngine.${method}: ${detail}`, { cause: error })
}

export function closedError(method: string): KvError {
  return new KvError('KV_CLOSED', `PostgresEngine.${method}: the engine is closed`)
}
