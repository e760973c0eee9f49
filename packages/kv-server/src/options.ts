import type { Store } from '@kvgraph/core'

/** Bounds the server enforces whatever a request asks for. */
export interface ServerLimits {
  /** Largest `limit` a paged route accepts (records, edges, stream entries, tasks). Default 1,000. */
  maxPageSize: number
  /** Largest `maxNodes` of a traversal, and the default. Default 10,000. */
  maxNodes: number
  /** Largest `maxDepth` of a traversal. Default 10. */
  maxDepth: number
  /** A request's deadline: traversals abort after it. Default 30 s. */
  requestTimeoutMs: number
  /** Lines one `POST /graph/import` may carry. Default 100,000. */
  maxImportLines: number
}

export interface RateLimit {
  /** Requests per window per client address. */
  max: number
  timeWindowMs: number
}

export interface ServerOptions {
  /** The store to serve; the server never closes it unless `closeStore` is true. */
  store: Store
  /** The Bearer token every route but /healthz and the page asks for; generated when omitted. */
  token?: string
  /** Default 127.0.0.1; any other address prints a warning (the token is then all that guards it). */
  host?: string
  /** Default 7070; 0 picks a free port. */
  port?: number
  /** An origin allowed to call the API from a browser (CORS); none by default. */
  cors?: string
  /** Largest request body in bytes, or a size like '1mb'. Default 1 MiB. */
  bodyLimit?: number | string
  /** Default 1,000 requests per minute per address; false turns it off. */
  rateLimit?: RateLimit | false
  limits?: Partial<ServerLimits>
  /** How long a graceful stop waits for requests in flight. Default 10 s. */
  graceMs?: number
  /** Close the store when the server closes (what `kv serve` wants). Default false. */
  closeStore?: boolean
  /** Where the explorer page's built files are; default the package's `dist/web`. */
  webRoot?: string
  /** Write a line (warnings, the generated token); default stderr. */
  log?: (line: string) => void
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxPageSize: 1000,
  maxNodes: 10_000,
  maxDepth: 10,
  requestTimeoutMs: 30_000,
  maxImportLines: 100_000,
}

export const DEFAULT_PORT = 7070
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_BODY_LIMIT = 1024 * 1024
export const DEFAULT_RATE_LIMIT: RateLimit = { max: 1000, timeWindowMs: 60_000 }

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }

/** Bytes of a size like 1048576, '512kb' or '1mb'; undefined when it is not one. */
export function parseSize(size: number | string): number | undefined {
  if (typeof size === 'number') return Number.isSafeInteger(size) && size > 0 ? size : undefined
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(size.trim())
  if (!match) return undefined
  const bytes = Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]!)
  return bytes > 0 ? bytes : undefined
}

/** Whether a host is a loopback address (binding there needs no warning). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}
