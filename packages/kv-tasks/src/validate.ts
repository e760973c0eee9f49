import { describeValue, type JsonValue, jsonProblem } from '@kvgraph/core'
import { DEFAULT_BACKOFF } from './backoff.js'
import { invalidArgument, TaskError } from './errors.js'
import { MAX_PRIORITY } from './keys.js'
import type { Backoff, EnqueueOptions } from './types.js'

/** The latest instant a task may be due: keys hold 15 decimal digits of epoch ms. */
const MAX_TIME = 999_999_999_999_999
const MAX_NAME = 512

export function assertTaskName(method: string, name: unknown, argName = 'name'): string {
  if (typeof name !== 'string' || name === '' || !name.isWellFormed() || name.length > MAX_NAME)
    throw invalidArgument(
      method,
      argName,
      `a non-empty string of at most ${MAX_NAME} characters`,
      name,
    )
  return name
}

export function assertPayload(method: string, payload: unknown): JsonValue {
  const problem = jsonProblem(payload, 'payload')
  if (problem) {
    throw new TaskError(
      'TASK_INVALID_PAYLOAD',
      `${method}: payload is not JSON: ${problem.path} must be ${problem.expected}, received ${describeValue(problem.value)}`,
    )
  }
  return payload as JsonValue
}

export function assertObject(method: string, name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value)))
    throw invalidArgument(method, name, 'an object', value)
}

function nonNegative(method: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw invalidArgument(method, name, 'a non-negative number of milliseconds', value)
  return value
}

function positive(method: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw invalidArgument(method, name, 'a positive number of milliseconds', value)
  return value
}

function positiveInteger(method: string, name: string, value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    throw invalidArgument(method, name, 'a positive integer', value)
  return value as number
}

export function assertPriority(method: string, name: string, value: unknown): number {
  if (!Number.isSafeInteger(value) || Math.abs(value as number) > MAX_PRIORITY)
    throw invalidArgument(
      method,
      name,
      `an integer between -${MAX_PRIORITY} and ${MAX_PRIORITY}`,
      value,
    )
  return value as number
}

export function assertTimeout(method: string, name: string, value: unknown): number {
  return positive(method, name, value)
}

export function assertMaxAttempts(method: string, name: string, value: unknown): number {
  return positiveInteger(method, name, value)
}

function instant(method: string, value: unknown): number {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string'
        ? Date.parse(value)
        : typeof value === 'number'
          ? value
          : Number.NaN
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_TIME)
    throw invalidArgument(method, 'options.runAt', 'a Date, an ISO-8601 string or epoch ms', value)
  return ms
}

/** Enqueue options checked and filled in; nothing is written before this passes. */
export interface CheckedEnqueue {
  runAt: number
  priority: number
  key?: string
  maxAttempts: number
  backoff: Backoff
  timeoutMs?: number
}

export function checkEnqueueOptions(
  method: string,
  options: EnqueueOptions,
  now: number,
): CheckedEnqueue {
  assertObject(method, 'options', options)
  const { delayMs, runAt, priority = 0, key, maxAttempts = 5, backoff, timeoutMs } = options
  if (delayMs !== undefined && runAt !== undefined)
    throw invalidArgument(method, 'options', 'either delayMs or runAt, not both', options)
  let at = now
  if (delayMs !== undefined) at = now + nonNegative(method, 'options.delayMs', delayMs)
  if (runAt !== undefined) at = instant(method, runAt)
  const checked: CheckedEnqueue = {
    runAt: Math.ceil(at),
    priority: assertPriority(method, 'options.priority', priority),
    maxAttempts: positiveInteger(method, 'options.maxAttempts', maxAttempts),
    backoff: checkBackoff(method, backoff),
  }
  if (key !== undefined) checked.key = assertTaskName(method, key, 'options.key')
  if (timeoutMs !== undefined) checked.timeoutMs = positive(method, 'options.timeoutMs', timeoutMs)
  return checked
}

function checkBackoff(method: string, backoff: Partial<Backoff> | undefined): Backoff {
  assertObject(method, 'options.backoff', backoff)
  const merged = { ...DEFAULT_BACKOFF, ...backoff }
  nonNegative(method, 'options.backoff.initialMs', merged.initialMs)
  nonNegative(method, 'options.backoff.maxMs', merged.maxMs)
  if (typeof merged.factor !== 'number' || !Number.isFinite(merged.factor) || merged.factor < 1)
    throw invalidArgument(method, 'options.backoff.factor', 'a number >= 1', merged.factor)
  if (typeof merged.jitter !== 'boolean')
    throw invalidArgument(method, 'options.backoff.jitter', 'a boolean', merged.jitter)
  return merged
}
