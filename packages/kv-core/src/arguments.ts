import { invalidArgument } from './errors.js'

// The checks of option values every room shares: one place decides what a boolean, a size or a
// duration may be, so no option is silently ignored or allowed to crash the process.

/** Largest batch an engine is asked for at once (larger ones abort classic-level: bad_alloc). */
export const MAX_BATCH_SIZE = 100_000

/** Largest page or read limit: a bound on what one call holds in memory. */
export const MAX_LIMIT = 1_000_000

/**
 * Longest duration (TTL, lock, lease) in ms: about 31,700 years. Any clock before the year
 * 240,000 plus this stays inside the Date range (8.64e15 ms), so expiry times always render.
 */
export const MAX_DURATION_MS = 1e15

/** Largest value a counter may reach: past 2^53 integers lose precision. */
export const MAX_COUNTER = Number.MAX_SAFE_INTEGER

/** An optional boolean option; `undefined` gives `fallback`. */
export function checkBoolean(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw invalidArgument(name, 'a boolean', value)
  return value
}

/** An options argument: undefined (no options) or a plain object. */
export function checkOptions<T extends object>(value: T | undefined, name: string): T {
  if (value === undefined) return {} as T
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidArgument(name, 'an object', value)
  return value
}

/** An optional positive integer of at most `max`; `undefined` gives `fallback`. */
export function checkSize(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > max)
    throw invalidArgument(name, `a positive integer of at most ${max.toLocaleString('en')}`, value)
  return value
}

/**
 * A duration in ms, positive and at most MAX_DURATION_MS; fractions round up to the next whole
 * ms (stored times are whole ms: a fraction would sort the expiry index wrong).
 */
export function checkDuration(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_DURATION_MS)
    throw invalidArgument(name, 'a positive number of milliseconds of at most 1e15', value)
  return Math.ceil(value)
}
