import type { Command } from 'commander'
import { act } from '../action.js'
import { integer } from '../io/parse.js'

export function registerSeq(program: Command): void {
  program
    .command('seq')
    .description('increment the named atomic counter and print its new value')
    .argument('<name>')
    .option('--increment <n>', 'amount to add (default 1)', integer)
    .action(
      act<{ increment?: number }, [string]>(async (ctx, opts, name) => {
        await ctx.out.json(await (await ctx.store()).seq(name, opts.increment ?? 1))
      }),
    )
}
