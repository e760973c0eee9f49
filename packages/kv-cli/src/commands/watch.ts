import type { Command } from 'commander'
import { act } from '../action.js'
import { nonNegativeInt, positiveInt } from '../io/parse.js'

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('print changes as they happen, one event per line, until Ctrl-C')
    .argument('<target>', "a prefix ending in '/', one exact key, or '' for every key")
    .option(
      '--from <seq>',
      'replay the change stream from this seq first (inclusive)',
      nonNegativeInt,
    )
    .option('--limit <n>', 'stop after this many events', positiveInt)
    .addHelpText(
      'after',
      `
LevelDB admits one process at a time: while kv watch runs, other kv commands on the same
database get KV_LOCKED, and live events are those of this process (TTL expiries, swept every
second). On PostgreSQL (--db postgres://...) other processes keep writing, and their changes
arrive within a poll (250 ms). --from replays everything recorded since a seq, e.g.
kv watch user/ --from 1.`,
    )
    .action(
      act<{ from?: number; limit?: number }, [string]>(async (ctx, opts, target) => {
        const store = await ctx.store()
        const controller = new AbortController()
        let closing: Promise<void> | undefined
        const stop = () => {
          controller.abort()
          // Closing wakes a watcher that waits for the next change even if the abort came while
          // it was reading (core's watch only listens for an abort while it waits).
          closing ??= store.close()
        }
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
        // Waiting for the next change holds no handle: keep the process alive meanwhile.
        const keepAlive = setInterval(() => {}, 1 << 30)
        let seen = 0
        try {
          const options: { from?: number; signal: AbortSignal } = { signal: controller.signal }
          if (opts.from !== undefined) options.from = opts.from
          for await (const batch of store.watch(target, options)) {
            for (const event of batch) {
              await ctx.out.json(event)
              if (opts.limit !== undefined && ++seen >= opts.limit) controller.abort()
              if (controller.signal.aborted) break
            }
            await ctx.out.flush()
            if (controller.signal.aborted) break
          }
        } catch (error) {
          if (!controller.signal.aborted) throw error
        } finally {
          clearInterval(keepAlive)
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
        }
        await closing
      }),
    )
}
