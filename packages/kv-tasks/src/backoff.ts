import type { Backoff } from './types.js'

export const DEFAULT_BACKOFF: Backoff = {
  initialMs: 1000,
  maxMs: 3_600_000,
  factor: 2,
  jitter: true,
}

/**
 * The delay after failed attempt `attempt` (1-based): `initialMs * factor^(attempt-1)` capped at
 * `maxMs`; with jitter, drawn uniformly between half and all of it, so retries of many tasks
 * that failed together spread out instead of striking again at once.
 */
export function backoffDelay(backoff: Backoff, attempt: number, random = Math.random): number {
  const full = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** (attempt - 1))
  return Math.round(backoff.jitter ? full / 2 + random() * (full / 2) : full)
}
