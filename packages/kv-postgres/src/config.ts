import { describeValue, KvError } from '@kvgraph/core'

/** Options of `PostgresEngine.open`; each wins over the URL parameter of the same meaning. */
export interface PostgresEngineOptions {
  /** The store's table (URL `?table=`); default `kvgraph`. Lowercase letters, digits, `_`. */
  table?: string
  /** Connections in the pool (URL `?pool_size=`); default 10. */
  poolSize?: number
  /** Server-side limit per statement, in ms (URL `?statement_timeout=`, ms); default none. */
  statementTimeoutMs?: number
  /** Limit to establish a connection, in ms (URL `?connect_timeout=`, seconds as in libpq); default 10 s. */
  connectTimeoutMs?: number
  /**
   * Limit a call waits for a free pool connection, in ms; default 30 s. Turns a starved pool (for
   * one, `work` calling the engine outside its `txn` while every connection is in a transaction)
   * into KV_UNAVAILABLE instead of a hang.
   */
  queueTimeoutMs?: number
  /**
   * How long a call waits for a primary, in ms (URL `?primary_wait=`, ms); default 30 s. While
   * no host answers as a writable primary (a crash, a failover), reads and transactions that
   * never reached COMMIT are tried again, with jittered backoff; after this, KV_UNAVAILABLE.
   * 0 fails at once.
   */
  primaryWaitMs?: number
  /** Retries of a transaction after a serialization failure (40001/40P01); default 30. */
  maxRetries?: number
  /**
   * Transactions queue for the table's lock before they start (default true; never on
   * CockroachDB): a store's transactions all rewrite a stream head, and without the queue a
   * process writing without pause starves the others. Off, they run optimistically and retry.
   */
  queueTransactions?: boolean
}

/** What the engine needs, parsed and checked. */
export interface PostgresConfig {
  /** The URL for the driver, without the parameters this package consumes. */
  driverUrl: string
  /** The URL as given, with the password masked: safe for messages and logs. */
  maskedUrl: string
  table: string
  poolSize: number
  statementTimeoutMs: number | undefined
  connectTimeoutMs: number
  queueTimeoutMs: number
  primaryWaitMs: number
  maxRetries: number
  queueTransactions: boolean
}

export const DEFAULT_TABLE = 'kvgraph'
/** Holds the schema version of every store table in a database. */
export const META_TABLE = 'kvgraph_meta'
const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/
const OURS = ['table', 'pool_size', 'statement_timeout', 'connect_timeout', 'primary_wait'] as const
/** `target_session_attrs` the store accepts: it writes, so it connects to a primary for any. */
const SESSION_ATTRS = new Set(['read-write', 'primary', 'any'])

/** Replaces the password of a libpq-style URL (and any `password=` parameter) with `***`. */
export function maskUrl(url: string): string {
  const scheme = url.indexOf('://')
  let masked = url
  if (scheme !== -1) {
    const start = scheme + 3
    const end = url.slice(start).search(/[/?]/)
    const authority = end === -1 ? url.slice(start) : url.slice(start, start + end)
    // The driver splits user info at the last '@', so an unescaped '@' in a password stays hidden.
    const at = authority.lastIndexOf('@')
    const colon = authority.slice(0, Math.max(at, 0)).indexOf(':')
    if (at !== -1 && colon !== -1) {
      masked = `${url.slice(0, start + colon + 1)}***${url.slice(start + at)}`
    }
  }
  return masked.replace(/([?&]password=)[^&]*/gi, '$1***')
}

/** A finite number >= min, or undefined when not given. */
function checked(name: string, value: number | undefined, min: number): number | undefined {
  if (
    value !== undefined &&
    (typeof value !== 'number' || !Number.isFinite(value) || value < min)
  ) {
    throw invalid(`${name} must be a number >= ${min}: received ${describeValue(value)}`)
  }
  return value
}

function invalid(message: string): KvError {
  return new KvError('KV_INVALID_ARGUMENT', `PostgresEngine.open: ${message}`)
}

/**
 * Parses a libpq-style URL: `postgres://user:pass@h1:5432,h2:5432/db?param=value`. WHATWG URL
 * cannot read several hosts, so the authority is split by hand.
 */
export function parseConfig(url: unknown, options: PostgresEngineOptions = {}): PostgresConfig {
  if (typeof url !== 'string' || !/^postgres(ql)?:\/\/./.test(url)) {
    throw invalid(
      `url must be a postgres:// or postgresql:// URL: received ${describeValue(typeof url === 'string' ? maskUrl(url) : url)}`,
    )
  }
  const maskedUrl = maskUrl(url)
  const rest = url.slice(url.indexOf('://') + 3)
  const end = rest.search(/[/?]/)
  const authority = end === -1 ? rest : rest.slice(0, end)
  const hosts = authority.slice(authority.lastIndexOf('@') + 1)
  for (const host of hosts.split(',')) {
    const port = /^(?:\[[^\]]*\]|[^:]+)(?::(\d+))?$/.exec(host)
    if (!port || (port[1] !== undefined && (Number(port[1]) < 1 || Number(port[1]) > 65535))) {
      throw invalid(`url ${maskedUrl} has a malformed host ${JSON.stringify(host)}`)
    }
  }
  const queryAt = url.indexOf('?')
  const params = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1))
  const table = options.table ?? params.get('table') ?? DEFAULT_TABLE
  if (typeof table !== 'string' || !TABLE_NAME.test(table) || table === META_TABLE) {
    throw invalid(
      `table must be a lowercase SQL name (letters, digits, _; at most 63; not ${META_TABLE}): received ${describeValue(table)}`,
    )
  }
  const fromUrl = (name: (typeof OURS)[number]) => {
    const raw = params.get(name)
    return raw === null ? undefined : Number(raw)
  }
  const poolSize = checked('poolSize', options.poolSize ?? fromUrl('pool_size'), 1) ?? 10
  const statementTimeoutMs = checked(
    'statementTimeoutMs',
    options.statementTimeoutMs ?? fromUrl('statement_timeout'),
    0,
  )
  // libpq's connect_timeout is in seconds; 0 means none there, a 10 s default here.
  const connectSeconds = checked('connect_timeout', fromUrl('connect_timeout'), 0)
  const connectTimeoutMs =
    checked('connectTimeoutMs', options.connectTimeoutMs, 1) ??
    (connectSeconds ? connectSeconds * 1000 : 10_000)
  const queueTimeoutMs = checked('queueTimeoutMs', options.queueTimeoutMs, 1) ?? 30_000
  const primaryWaitMs =
    checked('primaryWaitMs', options.primaryWaitMs ?? fromUrl('primary_wait'), 0) ?? 30_000
  const sessionAttrs = params.get('target_session_attrs')
  if (sessionAttrs !== null && !SESSION_ATTRS.has(sessionAttrs)) {
    throw invalid(
      `url ${maskedUrl} has target_session_attrs=${sessionAttrs}: the store writes, so it accepts read-write, primary or any`,
    )
  }
  // The store writes, so whatever the URL says (`any` too, libpq's default, for URLs shared
  // with other tools) the driver connects only to a primary. Its `primary` checks in_hot_standby;
  // its `read-write` checks only default_transaction_read_only, which a standby passes (4.2).
  // One host and no parameter: nothing to choose, and no probe for servers that report no
  // in_hot_standby (before 14, CockroachDB).
  if (sessionAttrs !== null || hosts.includes(',')) params.set('target_session_attrs', 'primary')
  const maxRetries = checked('maxRetries', options.maxRetries, 0) ?? 30
  const queueTransactions = options.queueTransactions ?? true
  if (typeof queueTransactions !== 'boolean') {
    throw invalid(
      `options.queueTransactions must be a boolean: received ${describeValue(queueTransactions)}`,
    )
  }
  for (const name of OURS) params.delete(name)
  const query = params.toString()
  const driverUrl = (queryAt === -1 ? url : url.slice(0, queryAt)) + (query ? `?${query}` : '')
  return {
    driverUrl,
    maskedUrl,
    table,
    poolSize: Math.floor(poolSize),
    statementTimeoutMs,
    connectTimeoutMs,
    queueTimeoutMs,
    primaryWaitMs,
    maxRetries: Math.floor(maxRetries),
    queueTransactions,
  }
}
