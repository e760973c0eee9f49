import { CodedError, describeValue } from '@kvgraph/core'

/** Stable error codes: they never change between versions; messages may. */
export type TaskErrorCode =
  | 'TASK_INVALID_ARGUMENT'
  | 'TASK_INVALID_PAYLOAD'
  | 'TASK_INVALID_CRON'
  | 'TASK_UNKNOWN_NAME'
  | 'TASK_KEY_TAKEN'
  /** Abort reasons a handler's signal carries. */
  | 'TASK_TIMEOUT'
  | 'TASK_CANCELLED'
  | 'TASK_LEASE_LOST'

/** The one error class of @kvgraph/tasks; branch on `code`, not on the message. */
export class TaskError extends CodedError<TaskErrorCode> {
  override readonly name = 'TaskError'
}

/** `tasks.enqueue: options.delayMs must be a non-negative number: received -1`. */
export function invalidArgument(method: string, name: string, expected: string, received: unknown) {
  return new TaskError(
    'TASK_INVALID_ARGUMENT',
    `${method}: ${name} must be ${expected}: received ${describeValue(received)}`,
  )
}

export function isVersionConflict(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'KV_VERSION_CONFLICT'
}
