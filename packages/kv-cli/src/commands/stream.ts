import type { StreamQuery } from '@kvgraph/core'
import type { Command } from 'commander'
import { act, printFromStore } from '../action.js'
import { printCursor } from '../io/cursor.js'
import { nonNegativeInt, positiveInt } from '../io/parse.js'

interface StreamFlags {
  from?: number
  type?: string
  prefix?: string
  limit?: number
}

export function registerStream(program: Command): void {
  const stream = program
    .command('stream')
    .description('the change stream: every create, update, delete and expiry, in order')

  stream
    .command('get')
    .description('print stream entries one per line; the next --from is printed on stderr')
    .option('--from <seq>', 'first sequence number to read (inclusive; default 1)', nonNegativeInt)
    .option('--type <type>', 'only entries of records of this type')
    .option('--prefix <prefix>', 'only entries of keys with this prefix')
    .option('--limit <n>', 'entries to read (default 1000)', positiveInt)
    .action(
      act<StreamFlags>(async (ctx, opts) => {
        const store = await ctx.store()
        const options: StreamQuery = { limit: opts.limit ?? 1000 }
        if (opts.from !== undefined) options.from = opts.from
        if (opts.type !== undefined) options.type = opts.type
        if (opts.prefix !== undefined) options.prefix = opts.prefix
        const entries = await store.stream(options)
        for (const entry of entries) await ctx.out.json(entry)
        await ctx.out.flush()
        const last = entries.at(-1)
        if (last && entries.length === options.limit) printCursor(String(last.seq + 1))
      }),
    )

  stream
    .command('seq')
    .description('print the latest sequence number of the stream')
    .action(printFromStore((store) => store.streamSeq()))

  stream
    .command('trim')
    .description('delete the stream entries up to and including <seq>; prints {"trimmed": n}')
    .argument('<seq>', 'sequence number', nonNegativeInt)
    .action(
      printFromStore<[number]>(async (store, seq) => ({ trimmed: await store.streamTrim(seq) })),
    )
}
