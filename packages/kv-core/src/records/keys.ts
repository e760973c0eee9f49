import { describe, KvError } from '../errors.js'
import { utf8Length } from './utf8.js'

/** Keys are limited to 1 KiB of UTF-8, like LevelDB-backed stores usually are. */
export const MAX_KEY_BYTES = 1024

/** True for a valid user key (see assertKey), without building any error text. */
export function isValidKey(key: unknown): key is string {
  return (
    typeof key === 'string' &&
    key.length > 0 &&
    key.isWellFormed() &&
    (key.length * 3 <= MAX_KEY_BYTES || utf8Length(key) <= MAX_KEY_BYTES)
  )
}

/** Validates a user key: a non-empty, well-formed UTF-16 string of at most 1 KiB of UTF-8. */
export function assertKey(key: unknown, name = 'key'): asserts key is string {
  if (isValidKey(key)) return
  if (typeof key !== 'string' || key.length === 0) {
    throw new KvError(
      'KV_INVALID_KEY',
      `${name} must be a non-empty string: received ${describe(key)}`,
    )
  }
  // Lone surrogates would be stored as U+FFFD and silently alias another key.
  if (!key.isWellFormed()) {
    throw new KvError(
      'KV_INVALID_KEY',
      `${name} must be a well-formed string (no lone surrogates): received ${describe(key)}`,
    )
  }
  if (key.length * 3 > MAX_KEY_BYTES && utf8Length(key) > MAX_KEY_BYTES) {
    throw new KvError(
      'KV_INVALID_KEY',
      `${name} must be at most ${MAX_KEY_BYTES} bytes of UTF-8: received ${utf8Length(key)} bytes`,
    )
  }
}

/** Like assertKey, but also accepts the empty string (a prefix of every key). */
export function assertPrefix(prefix: unknown, name = 'prefix'): asserts prefix is string {
  if (prefix === '') return
  assertKey(prefix, name)
}

/** The default record type: the key's first `/`-separated segment (`user/alice` -> `user`). */
export function defaultType(key: string): string {
  const slash = key.indexOf('/')
  return slash <= 0 ? key : key.slice(0, slash)
}

/** `type === defaultType(key)`, without slicing the key (the stream asks this per entry). */
export function isDefaultType(key: string, type: string): boolean {
  const slash = key.indexOf('/')
  return slash <= 0 ? key === type : slash === type.length && key.startsWith(type)
}

const MAX_CODE_POINT = 0x10ffff

/**
 * The smallest string greater, in UTF-8 byte order, than every string that starts with `prefix`;
 * undefined when no such string exists (every code point of the prefix is U+10FFFF).
 * UTF-8 byte order equals code point order, so incrementing the last code point is exact,
 * unlike the common `prefix + '\xff'` which misses everything above U+00FF.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  // Fast path (every scan asks): a last code point in the BMP, below U+FFFF and not next to the
  // surrogate block, is one code unit that increments in place.
  const lastUnit = prefix.charCodeAt(prefix.length - 1)
  if (lastUnit < 0xd7ff || (lastUnit >= 0xe000 && lastUnit < 0xffff)) {
    return prefix.slice(0, -1) + String.fromCharCode(lastUnit + 1)
  }
  const points = Array.from(prefix)
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!
    if (last < MAX_CODE_POINT) {
      // Skip the surrogate block: those code points cannot appear in a well-formed string.
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1
      return points.join('') + String.fromCodePoint(next)
    }
  }
  return undefined
}

/** Compares two strings in UTF-8 byte order (JS `<` compares UTF-16 code units instead). */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    // Surrogates (astral code points) sort above U+E000..U+FFFF in UTF-8.
    const xs = x >= 0xd800 && x <= 0xdfff
    const ys = y >= 0xd800 && y <= 0xdfff
    if (xs !== ys) return xs ? 1 : -1
    return x < y ? -1 : 1
  }
  return a.length - b.length
}
