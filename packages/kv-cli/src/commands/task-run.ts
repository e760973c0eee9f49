import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Handler, Handlers, RunnerEvent } from '@kvgraph/tasks'
import type { Command } from 'commander'
import { act } from '../action.js'
import type { Context } from '../context.js'
import { usageError } from '../errors.js'
import { duration, positiveInt } from '../io/parse.js'
import { tasksOf } from './task-queue.js'

interface RunOptions {
  handlers?: string
  runnerId?: string
  concurrency?: number
  lease?: number
  poll?: number
  untilIdle?: boolean
}

/** The built-in handler, as in a-h/kv's example: prints the payload. */
function logHandler(ctx: Context): Handler {
  return async (payload, task) => {
    await ctx.out.json({ log: payload, id: task.id, attempt: task.attempt })
    await ctx.out.flush()
  }
}

/** The functions a handlers module exports by name (or as an object on `default`). */
async function loadHandlers(path: string): Promise<Handlers> {
  let module: Record<string, unknown>
  try {
    module = await import(pathToFileURL(resolve(path)).href)
  } catch (error) {
    throw usageError(`cannot load --handlers ${path}: ${(error as Error).message}`)
  }
  const source =
    typeof module.default === 'object' && module.default !== null
      ? (module.default as Record<string, unknown>)
      : module
  const handlers: Handlers = {}
  for (const [name, value] of Object.entries(source))
    if (typeof value === 'function' && name !== 'default') handlers[name] = value as Handler
  if (Object.keys(handlers).length === 0)
    throw usageError(`--handlers ${path} exports no handler functions`)
  return handlers
}

/** A status line on standard error, redrawn on a terminal only. */
class LiveStatus {
  readonly #counts = { running: 0, completed: 0, retried: 0, failed: 0, aborted: 0 }
  readonly #tty = process.stderr.isTTY === true

  update(event: RunnerEvent): void {
    const c = this.#counts
    const ended = {
      complete: 'completed',
      retry: 'retried',
      fail: 'failed',
      abort: 'aborted',
    } as const
    if (event.type === 'start') c.running++
    else if (event.type in ended) {
      c.running--
      c[ended[event.type as keyof typeof ended]]++
    }
    if (this.#tty) process.stderr.write(`\r${this.line()}\x1b[K`)
  }

  line(): string {
    return Object.entries(this.#counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(' | ')
  }

  end(): void {
    if (this.#tty) process.stderr.write('\n')
  }
}

export function registerTaskRun(task: Command): void {
  task
    .command('run')
    .description(
      'run tasks until Ctrl-C: one JSON line per finished task; a status line on a terminal',
    )
    .option('--handlers <module>', "an ES module exporting handlers by task name (built in: 'log')")
    .option('--runner-id <id>', 'this runner’s id (default: random)')
    .option('--concurrency <n>', 'handlers at once (default 1)', positiveInt)
    .option('--lease <duration>', 'claim length, renewed at half (default 30s)', duration)
    .option('--poll <duration>', 'longest sleep between looks at the queue (default 1s)', duration)
    .option(
      '--until-idle',
      'exit once nothing runs and no task it can run is due or waiting to retry',
    )
    .addHelpText(
      'after',
      `
The handlers module: export async function sendEmail(payload, { signal, attempt, progress }) {...}
or export default { 'send-email': async (payload, ctx) => ... }. A handler's return value is the
task's result; a throw is a failed attempt (retried with backoff).

Example:
  kv task new log --payload '{"hello":"world"}' && kv task run --until-idle`,
    )
    .action(
      act<RunOptions>(async (ctx, opts) => {
        const handlers = {
          log: logHandler(ctx),
          ...(opts.handlers ? await loadHandlers(opts.handlers) : {}),
        }
        const tasks = await tasksOf(ctx)
        const status = new LiveStatus()
        const controller = new AbortController()
        const onEvent = (event: RunnerEvent) => {
          status.update(event)
          if (event.type === 'complete' || event.type === 'fail' || event.type === 'retry') {
            const { id, name, status: state, attempts, result, lastError } = event.task
            void ctx.out.json({
              event: event.type,
              id,
              name,
              status: state,
              attempts,
              result,
              lastError,
            })
          } else if (event.type === 'error') {
            process.stderr.write(
              `kv: runner error: ${(event.error as Error)?.message ?? event.error}\n`,
            )
          }
        }
        const runner = tasks.run(handlers, {
          ...(opts.runnerId ? { runnerId: opts.runnerId } : {}),
          ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
          ...(opts.lease ? { leaseMs: opts.lease } : {}),
          ...(opts.poll ? { pollMs: opts.poll } : {}),
          signal: controller.signal,
          onEvent,
        })
        const stop = () => controller.abort()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
        try {
          if (opts.untilIdle) {
            while (!controller.signal.aborted) {
              await new Promise((r) => setTimeout(r, 50))
              if (runner.active > 0) continue
              const [pending, running] = await Promise.all([
                tasks.list({ status: 'pending', limit: 1000 }),
                tasks.list({ status: 'running', limit: 1 }),
              ])
              // Tasks of these handlers only; retries waiting out their backoff count, tasks delayed at
              // enqueue do not.
              const due = pending.tasks.some(
                (t) =>
                  Object.hasOwn(handlers, t.name) &&
                  (t.attempts > 0 || Date.parse(t.runAt) <= Date.now()),
              )
              if (!due && running.tasks.length === 0) break
            }
          } else {
            await new Promise((r) => controller.signal.addEventListener('abort', r, { once: true }))
          }
          await runner.stop()
        } finally {
          status.end()
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
        }
        await ctx.out.flush()
      }),
    )
}
