import type { Command } from 'commander'
import { act } from '../action.js'

export function registerCount(program: Command): void {
  const count = program.command('count').description('count records (without reading values)')

  count
    .command('all')
    .description('count every record')
    .action(
      act(async (ctx) => {
        await ctx.out.json(await (await ctx.store()).count())
      }),
    )

  count
    .command('prefix')
    .description('count the records whose key starts with <prefix>')
    .argument('<prefix>')
    .action(
      act<object, [string]>(async (ctx, _opts, prefix) => {
        await ctx.out.json(await (await ctx.store()).countPrefix(prefix))
      }),
    )

  count
    .command('range')
    .description('count the records with <from> <= key < <to>')
    .argument('<from>')
    .argument('<to>')
    .action(
      act<object, [string, string]>(async (ctx, _opts, from, to) => {
        await ctx.out.json(await (await ctx.store()).countRange(from, to))
      }),
    )
}
