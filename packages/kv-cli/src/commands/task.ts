import type { EnqueueOptions, TaskStatus } from '@kvgraph/tasks'
import { type Command, InvalidArgumentError } from 'commander'
import { act } from '../action.js'
import { found } from '../errors.js'
import { printCursor } from '../io/cursor.js'
import { duration, integer, positiveInt } from '../io/parse.js'
import { parseJson, readStdin } from '../io/stdin-json.js'
import { tasksOf } from './task-queue.js'
import { registerTaskRun } from './task-run.js'

const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled']

function status(value: string): TaskStatus {
  if (!STATUSES.includes(value))
    throw new InvalidArgumentError(`must be one of ${STATUSES.join(', ')}`)
  return value as TaskStatus
}

function instant(value: string): string {
  if (Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('must be an ISO-8601 date-time')
  return value
}

/** The payload: --payload, else standard input when it is not a terminal; none means null. */
async function payloadOf(option: string | undefined) {
  if (option !== undefined) return parseJson(option, '--payload')
  if (process.stdin.isTTY) return null
  const text = await readStdin()
  return text.trim() === '' ? null : parseJson(text, 'stdin')
}

interface NewOptions {
  delay?: number
  at?: string
  priority?: number
  maxAttempts?: number
  key?: string
  timeout?: number
  payload?: string
}

export function registerTask(program: Command): void {
  const task = program
    .command('task')
    .description('a task queue with priorities, delays, retries and cron')

  task
    .command('new')
    .description('enqueue a task (payload JSON from --payload or stdin); prints the task')
    .argument('<name>')
    .option('--payload <json>', 'the payload, instead of reading stdin')
    .option('--delay <duration>', 'start no earlier than this from now: 30s, 10m, 2h', duration)
    .option('--at <iso>', 'start no earlier than this instant', instant)
    .option('--priority <n>', 'higher runs first (default 0)', integer)
    .option('--max-attempts <n>', 'attempts before the task fails (default 5)', positiveInt)
    .option('--key <key>', 'dedupe: while a task with this key is live, print it instead')
    .option('--timeout <duration>', 'per attempt', duration)
    .addHelpText(
      'after',
      `\nExample:\n  echo '{"to":"a@b.c"}' | kv task new send-email --delay 10m --priority 5`,
    )
    .action(
      act<NewOptions, [string]>(async (ctx, opts, name) => {
        const payload = await payloadOf(opts.payload)
        const options: EnqueueOptions = {}
        if (opts.delay !== undefined) options.delayMs = opts.delay
        if (opts.at !== undefined) options.runAt = opts.at
        if (opts.priority !== undefined) options.priority = opts.priority
        if (opts.maxAttempts !== undefined) options.maxAttempts = opts.maxAttempts
        if (opts.key !== undefined) options.key = opts.key
        if (opts.timeout !== undefined) options.timeoutMs = opts.timeout
        await ctx.out.json(await (await tasksOf(ctx)).enqueue(name, payload, options))
      }),
    )

  task
    .command('list')
    .description('print tasks, oldest first, one per line (next cursor on stderr)')
    .option('--status <status>', STATUSES.join(' | '), status)
    .option('--name <name>', 'only tasks of this name')
    .option('--limit <n>', 'tasks per page (default 100)', positiveInt)
    .option('--cursor <cursor>', 'continue after the previous page')
    .action(
      act<{ status?: TaskStatus; name?: string; limit?: number; cursor?: string }>(
        async (ctx, opts) => {
          const { status, name, limit, cursor } = opts
          const page = await (await tasksOf(ctx)).list({
            ...(status ? { status } : {}),
            ...(name ? { name } : {}),
            ...(limit ? { limit } : {}),
            ...(cursor ? { cursor } : {}),
          })
          for (const t of page.tasks) await ctx.out.json(t)
          printCursor(page.cursor)
        },
      ),
    )

  task
    .command('get')
    .description('print one task; exits 1 if there is none')
    .argument('<id>')
    .action(
      act<object, [string]>(async (ctx, _opts, id) => {
        await ctx.out.json(
          found(await (await tasksOf(ctx)).get(id), `no task ${JSON.stringify(id)}`),
        )
      }),
    )

  for (const [verb, description] of [
    ['cancel', 'cancel a pending or running task; prints {"id", "cancelled": true|false}'],
    ['retry', 'run a failed or cancelled task again; prints {"id", "retried": true|false}'],
  ] as const) {
    task
      .command(verb)
      .description(description)
      .argument('<id>')
      .action(
        act<object, [string]>(async (ctx, _opts, id) => {
          const tasks = await tasksOf(ctx)
          found(await tasks.get(id), `no task ${JSON.stringify(id)}`)
          const done = verb === 'cancel' ? await tasks.cancel(id) : await tasks.retry(id)
          await ctx.out.json(verb === 'cancel' ? { id, cancelled: done } : { id, retried: done })
        }),
      )
  }

  task
    .command('schedule')
    .description('create or replace a cron schedule that enqueues <name> on every tick')
    .argument('<name>')
    .argument('<cron>', "5 fields, or 6 with seconds first: '0 3 * * *', '*/10 * * * * *'")
    .option('--payload <json>', 'the payload of each task (default null)')
    .option('--timezone <tz>', 'IANA time zone the expression is read in (default UTC)')
    .option('--catch-up', 'enqueue every tick missed while no runner was up')
    .action(
      act<{ payload?: string; timezone?: string; catchUp?: boolean }, [string, string]>(
        async (ctx, opts, name, cron) => {
          const payload = opts.payload === undefined ? null : parseJson(opts.payload, '--payload')
          const options = {
            ...(opts.timezone ? { timezone: opts.timezone } : {}),
            ...(opts.catchUp ? { catchUp: true } : {}),
          }
          await ctx.out.json(await (await tasksOf(ctx)).schedule(name, cron, payload, options))
        },
      ),
    )

  task
    .command('schedules')
    .description('print every cron schedule, one per line')
    .action(
      act(async (ctx) => {
        for (const s of await (await tasksOf(ctx)).schedules()) await ctx.out.json(s)
      }),
    )

  task
    .command('unschedule')
    .description('remove a cron schedule; prints {"name", "removed": true|false}')
    .argument('<name>')
    .action(
      act<object, [string]>(async (ctx, _opts, name) => {
        await ctx.out.json({ name, removed: await (await tasksOf(ctx)).unschedule(name) })
      }),
    )

  registerTaskRun(task)
}
