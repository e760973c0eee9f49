/**
 * Compact timestamps for stored headers: epoch milliseconds in base 36 (8 characters until the
 * year 2059, 9 after), about a third of an ISO-8601 string. The public API keeps ISO strings.
 */

// The records of one transaction share its time: a one-entry memo saves a base-36 conversion
// per record (Number#toString(36) costs about as much as the rest of the header).
let stampMs = Number.NaN
let stamp = ''

/** Epoch ms as stored; truncated like `new Date(ms)` truncates, so both agree on the instant. */
export function toStamp(ms: number): string {
  if (ms !== stampMs) {
    stamp = Math.trunc(ms).toString(36)
    stampMs = ms
  }
  return stamp
}

/**
 * Epoch ms from a stored stamp. Stores written before the compact header kept ISO strings
 * (24+ characters; a base-36 stamp never exceeds 11), so those are still read.
 */
export function fromStamp(stamp: string): number {
  return stamp.length > 12 ? Date.parse(stamp) : Number.parseInt(stamp, 36)
}

const DAY = 86_400_000
/** Year 10000: from there on (and before 1970) toISOString's extended years take over. */
const SIMPLE_END = 253_402_300_800_000
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))

// Date#toISOString costs about 1 µs, more than decoding the rest of a record: the date part is
// memoized per day and the time of day is formatted by hand (same output, to the millisecond).
let memoDay = Number.NaN
let memoDate = ''

/** Epoch ms as ISO-8601 UTC, exactly as `new Date(ms).toISOString()`. */
export function isoOf(ms: number): string {
  const t = Math.trunc(ms)
  if (!(t >= 0 && t < SIMPLE_END)) return new Date(ms).toISOString()
  const day = Math.floor(t / DAY)
  if (day !== memoDay) {
    memoDate = new Date(day * DAY).toISOString().slice(0, 11) // 'YYYY-MM-DDT'
    memoDay = day
  }
  let rest = t - day * DAY
  const millis = rest % 1000
  rest = (rest - millis) / 1000
  const seconds = rest % 60
  rest = (rest - seconds) / 60
  return `${memoDate}${TWO[(rest / 60) | 0]}:${TWO[rest % 60]}:${TWO[seconds]}.${THREE[millis]}Z`
}
