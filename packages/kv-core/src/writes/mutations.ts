import { checkDuration } from '../arguments.js'
import { describe, invalidArgument, KvError } from '../errors.js'
import { encodeJson, type JsonValue, tryEncodeJson } from '../records/json.js'
import { assertKey, assertPrefix, isValidKey } from '../records/keys.js'
import { boundsOf, type KeyBounds } from '../scan/selector.js'

/** One step of an atomic `mutate`; each step sees the effects of the steps before it. */
export type KvMutation =
  | { op: 'put'; key: string; value: JsonValue; version?: number; type?: string; ttl?: number }
  | { op: 'patch'; key: string; patch: JsonValue; version?: number }
  | { op: 'delete'; key: string; version?: number }
  | { op: 'deletePrefix'; prefix: string }
  | { op: 'deleteRange'; start: string; end: string }
  /** A version precondition only: 0 means the key must be absent. */
  | { op: 'check'; key: string; version: number }

/** A mutation after validation, with its value already serialized. */
export type PreparedMutation =
  | {
      op: 'put'
      key: string
      json: string
      value: JsonValue
      version?: number
      type?: string
      ttl?: number
    }
  | { op: 'patch'; key: string; patch: JsonValue; version?: number }
  | { op: 'delete'; key: string; version?: number }
  | { op: 'deleteBounds'; bounds: KeyBounds }
  | { op: 'check'; key: string; version: number }

export interface Limits {
  maxValueBytes: number
}

/**
 * Where a mutation came from, for error messages: the method ('put') or its index in a `mutate`
 * batch. Names are built only when an error needs one: a large batch would otherwise build
 * several strings per mutation.
 */
export type MutationAt = string | number

/** The fields of a single-key method that come from its `options` argument. */
const OPTION_FIELDS = new Set(['version', 'type', 'ttl'])

/** 'put: key', 'put: options.version', 'mutate: mutations[2].key'. */
function nameOf(at: MutationAt, field?: string): string {
  if (typeof at === 'number') {
    return field === undefined ? `mutate: mutations[${at}]` : `mutate: mutations[${at}].${field}`
  }
  if (field === undefined) return `${at}: mutation`
  return OPTION_FIELDS.has(field) ? `${at}: options.${field}` : `${at}: ${field}`
}

/**
 * Validates a mutation at the public edge, so nothing invalid ever reaches a transaction.
 * `previous` is the mutation prepared just before in the same batch: a put of the very same
 * value object reuses its JSON (a graph edge puts one props object under two keys).
 */
export function prepareMutation(
  mutation: KvMutation,
  limits: Limits,
  at: MutationAt = 'mutation',
  previous?: PreparedMutation,
): PreparedMutation {
  if (typeof mutation !== 'object' || mutation === null) {
    throw invalidArgument(nameOf(at), 'a mutation object', mutation)
  }
  switch (mutation.op) {
    case 'put': {
      checkKeyAt(mutation.key, at)
      const prepared: PreparedMutation = {
        op: 'put',
        key: mutation.key,
        json:
          previous?.op === 'put' && previous.value === mutation.value
            ? previous.json
            : jsonAt(mutation.value, limits, at, 'value'),
        value: mutation.value,
      }
      assignVersion(prepared, mutation.version, at)
      if (mutation.type !== undefined) prepared.type = assertType(mutation.type, nameOf(at, 'type'))
      if (mutation.ttl !== undefined) prepared.ttl = assertTtl(mutation.ttl, nameOf(at, 'ttl'))
      return prepared
    }
    case 'patch': {
      checkKeyAt(mutation.key, at)
      jsonAt(mutation.patch, limits, at, 'patch')
      const prepared: PreparedMutation = { op: 'patch', key: mutation.key, patch: mutation.patch }
      assignVersion(prepared, mutation.version, at)
      return prepared
    }
    case 'delete': {
      checkKeyAt(mutation.key, at)
      const prepared: PreparedMutation = { op: 'delete', key: mutation.key }
      assignVersion(prepared, mutation.version, at)
      return prepared
    }
    case 'deletePrefix':
      assertPrefix(mutation.prefix, nameOf(at, 'prefix'))
      return { op: 'deleteBounds', bounds: boundsOf({ prefix: mutation.prefix }) }
    case 'deleteRange':
      assertKey(mutation.start, nameOf(at, 'start'))
      assertKey(mutation.end, nameOf(at, 'end'))
      return {
        op: 'deleteBounds',
        bounds: boundsOf({ start: mutation.start, end: mutation.end }),
      }
    case 'check': {
      checkKeyAt(mutation.key, at)
      const version = assertVersion(mutation.version, nameOf(at, 'version'))
      if (version === undefined || version === -1) {
        throw invalidArgument(
          nameOf(at, 'version'),
          '0 (absent) or a positive integer',
          mutation.version,
        )
      }
      return { op: 'check', key: mutation.key, version }
    }
    default:
      throw invalidArgument(
        nameOf(at, 'op'),
        "one of 'put', 'patch', 'delete', 'deletePrefix', 'deleteRange', 'check'",
        (mutation as { op: unknown }).op,
      )
  }
}

function assignVersion(target: { version?: number }, version: unknown, at: MutationAt): void {
  if (version === undefined) return
  const checked = assertVersion(version, nameOf(at, 'version'))
  if (checked !== undefined && checked !== -1) target.version = checked
}

/** Checks a mutation's key; its name is built only when it is invalid. */
function checkKeyAt(key: unknown, at: MutationAt): asserts key is string {
  if (!isValidKey(key)) assertKey(key, nameOf(at, 'key'))
}

/**
 * A mutation's value (or patch) as JSON; its name is built only when it is not valid JSON. In a
 * `mutate` batch the error's `index` names the mutation (a caller maps it back to its input).
 */
function jsonAt(value: JsonValue, limits: Limits, at: MutationAt, field: string): string {
  const json = tryEncodeJson(value, limits.maxValueBytes)
  if (json !== undefined) return json
  try {
    return encodeJson(value, limits.maxValueBytes, nameOf(at, field))
  } catch (error) {
    if (typeof at !== 'number' || !(error instanceof KvError)) throw error
    throw new KvError(error.code, error.message, { index: at })
  }
}

/** -1 or undefined: no check; 0: must not exist; N > 0: the stored version must be N. */
export function assertVersion(version: unknown, name = 'version'): number | undefined {
  if (version === undefined) return undefined
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < -1) {
    throw invalidArgument(name, '-1, 0 or a positive integer', version)
  }
  return version
}

export function assertType(type: unknown, name = 'type'): string {
  if (typeof type !== 'string' || type === '' || !type.isWellFormed() || type.length > 256) {
    throw invalidArgument(name, 'a non-empty well-formed string of at most 256 characters', type)
  }
  return type
}

/** A TTL in whole ms (a fraction rounds up), inside the Date range: see checkDuration. */
export function assertTtl(ttl: unknown, name = 'ttl'): number {
  return checkDuration(ttl, name)
}

export function versionConflict(
  op: string,
  key: string,
  expected: number,
  found: number | undefined,
  index?: number,
): KvError {
  const where =
    index === undefined ? `${op}(${describe(key)})` : `mutations[${index}] (${op} ${describe(key)})`
  const wanted = expected === 0 ? 'the key to be absent' : `version ${expected}`
  const actual = found === undefined ? 'it is absent' : `found version ${found}`
  const options = index === undefined ? { key } : { key, index }
  return new KvError('KV_VERSION_CONFLICT', `${where}: expected ${wanted}, but ${actual}`, options)
}
