import { describe, KvError } from './errors.js'

export type JsonPrimitive = null | boolean | number | string
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue }
export type JsonObject = { [key: string]: JsonValue }

/** Default limit on a stored value's JSON text, in bytes of UTF-8. */
export const DEFAULT_MAX_VALUE_BYTES = 1024 * 1024

const MAX_DEPTH = 512

/**
 * Serializes a value after checking that it is plain JSON: JSON.stringify alone would silently
 * turn NaN into null, drop undefined members and call toJSON, so stored data would differ from
 * what the caller passed. Throws KV_INVALID_VALUE naming the offending path.
 */
export function encodeJson(value: unknown, maxBytes: number, name = 'value'): string {
  assertJson(value, name, [])
  const text = JSON.stringify(value)
  if (text.length > maxBytes / 3 && Buffer.byteLength(text) > maxBytes) {
    throw new KvError(
      'KV_INVALID_VALUE',
      `${name} must be at most ${maxBytes} bytes of JSON: received ${Buffer.byteLength(text)} bytes`,
    )
  }
  return text
}

function assertJson(value: unknown, path: string, ancestors: object[]): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return
    case 'number':
      if (Number.isFinite(value)) return
      throw invalid(path, value, 'a finite number')
    case 'object': {
      if (value === null) return
      if (ancestors.includes(value)) throw invalid(path, value, 'acyclic (it refers to itself)')
      if (ancestors.length >= MAX_DEPTH)
        throw invalid(path, value, `nested at most ${MAX_DEPTH} deep`)
      ancestors.push(value)
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) assertJson(value[i], `${path}[${i}]`, ancestors)
      } else {
        const proto = Object.getPrototypeOf(value)
        if (proto !== Object.prototype && proto !== null) {
          throw invalid(path, value, 'a plain object, array or primitive')
        }
        for (const key in value) {
          assertJson((value as Record<string, unknown>)[key], `${path}.${key}`, ancestors)
        }
      }
      ancestors.pop()
      return
    }
    default:
      throw invalid(path, value, 'a JSON value')
  }
}

function invalid(path: string, value: unknown, expected: string): KvError {
  return new KvError('KV_INVALID_VALUE', `${path} must be ${expected}: received ${describe(value)}`)
}

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSON-quoted string (from JSON.stringify), parsed only when it has escapes. */
export function parseQuoted(json: string): string {
  return json.includes('\\') ? (JSON.parse(json) as string) : json.slice(1, -1)
}
