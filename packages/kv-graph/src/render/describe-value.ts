/** Renders a received value for an error message: short, and safe for any input. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value
    return JSON.stringify(shown)
  }
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value)
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'symbol') return String(value)
  if (Array.isArray(value)) return `an array of length ${value.length}`
  return 'an object'
}
