import type { EngineRange } from '../engine/engine.js'
import { describe, invalidArgument, KvError } from '../errors.js'
import { decodeBase64url, encodeBase64url } from '../records/base64url.js'
import {
  assertKey,
  assertPrefix,
  compareKeys,
  isValidKey,
  prefixUpperBound,
} from '../records/keys.js'

/** Which keys a scan covers: every key with a prefix, or the half-open range [start, end). */
export type KvSelector = { prefix: string } | { start?: string; end?: string }

/** A selector resolved to user-key bounds: `lower` inclusive, `upper` exclusive (undefined = open). */
export interface KeyBounds {
  lower?: string
  upper?: string
}

/** A selector's bounds; `name` (e.g. 'scan: selector') names it in errors. */
export function boundsOf(selector: KvSelector, name = 'selector'): KeyBounds {
  if (typeof selector !== 'object' || selector === null) {
    throw invalidArgument(name, 'an object { prefix } or { start?, end? }', selector)
  }
  if ('prefix' in selector) {
    // The name is built only for an invalid prefix: scans are frequent, their errors rare.
    if (selector.prefix !== '' && !isValidKey(selector.prefix))
      assertPrefix(selector.prefix, `${name}.prefix`)
    if (selector.prefix === '') return {}
    const upper = prefixUpperBound(selector.prefix)
    return upper === undefined ? { lower: selector.prefix } : { lower: selector.prefix, upper }
  }
  const { start, end } = selector as { start?: string; end?: string }
  if (start !== undefined) assertKey(start, `${name}.start`)
  if (end !== undefined) assertKey(end, `${name}.end`)
  return { lower: start, upper: end }
}

/** The engine range of user-key bounds inside the family of keys starting with `base`. */
export function engineRange(base: string, bounds: KeyBounds, reverse = false): EngineRange {
  const range: EngineRange = { gte: base + (bounds.lower ?? '') }
  const upper = bounds.upper === undefined ? prefixUpperBound(base) : base + bounds.upper
  if (upper !== undefined) range.lt = upper
  if (reverse) range.reverse = true
  return range
}

export function contains(bounds: KeyBounds, key: string): boolean {
  if (bounds.lower !== undefined && compareKeys(key, bounds.lower) < 0) return false
  if (bounds.upper !== undefined && compareKeys(key, bounds.upper) >= 0) return false
  return true
}

/** True when the bounds are empty (start >= end): such scans return nothing. */
export function isEmpty(bounds: KeyBounds): boolean {
  return (
    bounds.lower !== undefined &&
    bounds.upper !== undefined &&
    compareKeys(bounds.lower, bounds.upper) >= 0
  )
}

/**
 * Cursors are opaque to callers: the last key returned plus the direction, base64url-encoded.
 * Resuming strictly after a key (not at an offset) is what keeps a cursor exact while other
 * writes happen: no key that existed throughout is skipped or repeated.
 */
export function encodeCursor(lastKey: string, reverse: boolean): string {
  return encodeBase64url(JSON.stringify([reverse ? 1 : 0, lastKey]))
}

/** The key a cursor resumes after; `method` names the caller in errors. */
export function decodeCursor(
  cursor: unknown,
  reverse: boolean,
  bounds: KeyBounds,
  method: string,
): string {
  if (typeof cursor !== 'string' || cursor === '') {
    throw new KvError(
      'KV_INVALID_CURSOR',
      `${method}: options.cursor must be a non-empty string: received ${describe(cursor)}`,
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(decodeBase64url(cursor))
  } catch {
    parsed = undefined
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[1] !== 'string' ||
    parsed[1] === ''
  ) {
    throw new KvError(
      'KV_INVALID_CURSOR',
      `${method}: options.cursor is not a cursor this store issued: received ${describe(cursor)}`,
    )
  }
  if ((parsed[0] === 1) !== reverse) {
    throw new KvError(
      'KV_INVALID_CURSOR',
      `${method}: options.cursor was issued for a ${parsed[0] === 1 ? 'reverse' : 'forward'} scan: received reverse ${reverse}`,
    )
  }
  const key = parsed[1] as string
  if (!key.isWellFormed() || !contains(bounds, key)) {
    throw new KvError(
      'KV_INVALID_CURSOR',
      `${method}: options.cursor does not belong to this scan's range: received ${describe(cursor)}`,
    )
  }
  return key
}
