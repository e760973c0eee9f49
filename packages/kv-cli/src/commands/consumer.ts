import type { ConsumerOptions, Store } from '@kvgraph/core'
import type { Command } from 'commander'
import { act } from '../action.js'
import { nonNegativeInt, positiveInt } from '../io/parse.js'

interface ConsumerFlags {
  type?: string
  prefix?: string
  limit?: number
}

/**
 * A consumer handle for one command. Each `kv` run is a new handle with a new lease owner, so the
 * lease only has to cover the call itself: a 1 ms lease lets the next `kv consumer ...` take the
 * name at once. (On PostgreSQL, a lease held by a long-running process still blocks the call.)
 */
function consumerOf(store: Store, name: string, filter: ConsumerFlags = {}) {
  const options: ConsumerOptions = { leaseMs: 1 }
  if (filter.type !== undefined) options.type = filter.type
  if (filter.prefix !== undefined) options.prefix = filter.prefix
  return store.consumer(name, options)
}

export function registerConsumer(program: Command): void {
  const consumer = program
    .command('consumer')
    .description('named stream consumers that remember their position (at-least-once delivery)')

  consumer
    .command('get')
    .description(
      'print the stream entries after the committed position, one per line (commit to advance)',
    )
    .argument('<name>')
    .option('--type <type>', 'only entries of records of this type (remembered by a new consumer)')
    .option('--prefix <prefix>', 'only entries of keys with this prefix (remembered likewise)')
    .option('--limit <n>', 'entries to read (default 100)', positiveInt)
    .action(
      act<ConsumerFlags, [string]>(async (ctx, opts, name) => {
        const store = await ctx.store()
        // Without flags, read with the filter the consumer was created with.
        const filter =
          opts.type === undefined && opts.prefix === undefined
            ? await consumerOf(store, name).status()
            : opts
        const entries = await consumerOf(store, name, filter).next(opts.limit ?? 100)
        for (const entry of entries) await ctx.out.json(entry)
      }),
    )

  consumer
    .command('commit')
    .description('record that the consumer has processed every entry up to <seq>')
    .argument('<name>')
    .argument('<seq>', 'sequence number', nonNegativeInt)
    .action(
      act<object, [string, number]>(async (ctx, _opts, name, seq) => {
        const handle = consumerOf(await ctx.store(), name)
        await handle.commit(seq)
        await ctx.out.json(await handle.status())
      }),
    )

  consumer
    .command('status')
    .description("print the consumer's committed position (0 for a new consumer) and filters")
    .argument('<name>')
    .action(
      act<object, [string]>(async (ctx, _opts, name) => {
        await ctx.out.json(await consumerOf(await ctx.store(), name).status())
      }),
    )

  consumer
    .command('delete')
    .description('forget the consumer and its position; prints {"deleted": true|false}')
    .argument('<name>')
    .action(
      act<object, [string]>(async (ctx, _opts, name) => {
        const deleted = await consumerOf(await ctx.store(), name).delete()
        await ctx.out.json({ deleted })
      }),
    )
}
