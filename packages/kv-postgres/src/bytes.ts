import type { EngineRange } from '@kvgraph/core'
import type { Bound } from './statements.js'

/** Keys and values travel as UTF-8 bytes (`bytea`): byte order is LevelDB's, and `\0` is allowed. */
export const toBytes = (text: string): Buffer => Buffer.from(text, 'utf8')
export const fromBytes = (bytes: Buffer): string => bytes.toString('utf8')

/** An engine range as byte bounds (`gt` wins over `gte`, `lt` over `lte`, as in abstract-level). */
export function boundsOf(range: EngineRange): { lower?: Bound; upper?: Bound } {
  const bounds: { lower?: Bound; upper?: Bound } = {}
  if (range.gt !== undefined) bounds.lower = { key: toBytes(range.gt), inclusive: false }
  else if (range.gte !== undefined) bounds.lower = { key: toBytes(range.gte), inclusive: true }
  if (range.lt !== undefined) bounds.upper = { key: toBytes(range.lt), inclusive: false }
  else if (range.lte !== undefined) bounds.upper = { key: toBytes(range.lte), inclusive: true }
  return bounds
}

/** Whether `key` lies in the bounds, comparing bytes. */
export function withinBounds(key: Buffer, bounds: { lower?: Bound; upper?: Bound }): boolean {
  const { lower, upper } = bounds
  if (lower) {
    const c = Buffer.compare(key, lower.key)
    if (c < 0 || (c === 0 && !lower.inclusive)) return false
  }
  if (upper) {
    const c = Buffer.compare(key, upper.key)
    if (c > 0 || (c === 0 && !upper.inclusive)) return false
  }
  return true
}
