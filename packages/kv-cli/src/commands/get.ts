import type { Command } from 'commander'
import { act, printFromStore } from '../action.js'
import { found, notFound } from '../errors.js'
import { printPage } from '../io/records.js'
import { type PageFlags, scanOptions, withPageOptions } from './page-options.js'

export function registerGet(program: Command): void {
  const get = program.command('get').description('read records')

  get
    .command('key')
    .description('print one record; a missing key prints nothing and exits 1')
    .argument('<key>')
    .action(
      printFromStore<[string]>(async (store, key) =>
        found(await store.get(key), `key ${JSON.stringify(key)} not found`),
      ),
    )

  get
    .command('many')
    .description('print several records, read from one snapshot (exits 1 if any is missing)')
    .argument('<keys...>')
    .action(
      act<object, [string[]]>(async (ctx, _opts, keys) => {
        const records = await (await ctx.store()).getMany(keys)
        const missing: string[] = []
        for (const [i, record] of records.entries()) {
          if (record) await ctx.out.json(record)
          else missing.push(keys[i]!)
        }
        if (missing.length > 0) {
          const list = missing.map((key) => JSON.stringify(key)).join(', ')
          throw notFound(`${missing.length} of ${keys.length} keys not found: ${list}`)
        }
      }),
    )

  withPageOptions(
    get
      .command('prefix')
      .description('print the records whose key starts with <prefix>, one per line')
      .argument('<prefix>'),
  ).action(
    act<PageFlags, [string]>(async (ctx, opts, prefix) => {
      await printPage(ctx, await (await ctx.store()).getPrefix(prefix, scanOptions(opts)))
    }),
  )

  withPageOptions(
    get
      .command('range')
      .description('print the records with <from> <= key < <to>, one per line')
      .argument('<from>')
      .argument('<to>'),
  ).action(
    act<PageFlags, [string, string]>(async (ctx, opts, from, to) => {
      await printPage(ctx, await (await ctx.store()).getRange(from, to, scanOptions(opts)))
    }),
  )

  withPageOptions(
    program
      .command('list')
      .description('print every record (or those of one --type), one per line')
      .option('--type <type>', 'only records of this type'),
  ).action(
    act<PageFlags & { type?: string }, []>(async (ctx, opts) => {
      const store = await ctx.store()
      const options = scanOptions(opts)
      await printPage(
        ctx,
        opts.type === undefined
          ? await store.list(options)
          : await store.getType(opts.type, options),
      )
    }),
  )
}
