import { describe, KvError } from '../errors.js'
import { utf8Length } from './utf8.js'

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
  const text = tryEncodeJson(value, maxBytes)
  if (text !== undefined) return text
  const problem = jsonProblem(value, name)
  if (problem) {
    throw new KvError(
      'KV_INVALID_VALUE',
      `${problem.path} must be ${problem.expected}: received ${describe(problem.value)}`,
    )
  }
  throw new KvError(
    'KV_INVALID_VALUE',
    `${name} must be at most ${maxBytes} bytes of JSON: received ${utf8Length(JSON.stringify(value))} bytes`,
  )
}

/**
 * The JSON of a plain-JSON value within `maxBytes`, or undefined (encodeJson then says why).
 * For hot paths that would otherwise build an argument name per value.
 */
export function tryEncodeJson(value: unknown, maxBytes: number): string | undefined {
  if (!isPlainJson(value, 0)) return undefined
  const text = JSON.stringify(value)
  return text.length > maxBytes / 3 && utf8Length(text) > maxBytes ? undefined : text
}

/** Where a value stops being plain JSON: the path of the first offending part and what it must be. */
export interface JsonProblem {
  path: string
  expected: string
  value: unknown
}

/**
 * The first part of `value` that is not plain JSON (a non-finite number, undefined, a function,
 * a class instance, a cycle, nesting deeper than 512), or undefined when it is all JSON. Shared
 * by the store and the layers above it, which report the problem with their own error types.
 */
export function jsonProblem(value: unknown, path: string): JsonProblem | undefined {
  // The common case, plain JSON, is answered without building a path string per member.
  return isPlainJson(value, 0) ? undefined : problemIn(value, path, [])
}

/** True when `value` is plain JSON; cycles show up as nesting beyond the depth limit. */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return Number.isFinite(value)
    case 'object': {
      if (value === null) return true
      if (depth >= MAX_DEPTH) return false
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], depth + 1)) return false
        return true
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) return false
      for (const key in value) {
        if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false
      }
      return true
    }
    default:
      return false
  }
}

function problemIn(value: unknown, path: string, ancestors: object[]): JsonProblem | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined
    case 'number':
      return Number.isFinite(value) ? undefined : { path, expected: 'a finite number', value }
    case 'object': {
      if (value === null) return undefined
      if (ancestors.includes(value))
        return { path, expected: 'acyclic (it refers to itself)', value }
      if (ancestors.length >= MAX_DEPTH)
        return { path, expected: `nested at most ${MAX_DEPTH} deep`, value }
      ancestors.push(value)
      let problem: JsonProblem | undefined
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length && !problem; i++)
          problem = problemIn(value[i], `${path}[${i}]`, ancestors)
      } else {
        const proto = Object.getPrototypeOf(value)
        if (proto !== Object.prototype && proto !== null) {
          return { path, expected: 'a plain object, array or primitive', value }
        }
        for (const key in value) {
          problem = problemIn((value as Record<string, unknown>)[key], `${path}.${key}`, ancestors)
          if (problem) break
        }
      }
      ancestors.pop()
      return problem
    }
    default:
      return { path, expected: 'a JSON value', value }
  }
}

export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** A JSON-quoted string (from JSON.stringify), parsed only when it has escapes. */
export function parseQuoted(json: string): string {
  return json.includes('\\') ? (JSON.parse(json) as string) : json.slice(1, -1)
}
