export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js'
export type { EnqueueItem } from './enqueue.js'
export { TaskError, type TaskErrorCode } from './errors.js'
export { MAX_PRIORITY } from './keys.js'
export type { Runner } from './runner.js'
export { Tasks, type TasksOptions } from './tasks.js'
export {
  type Backoff,
  type EnqueueOptions,
  type Handler,
  type HandlerContext,
  type Handlers,
  type ListOptions,
  type RunnerEvent,
  type RunOptions,
  type Schedule,
  type ScheduleOptions,
  STATUSES,
  type Task,
  type TaskFields,
  type TaskPage,
  type TaskStatus,
} from './types.js'
