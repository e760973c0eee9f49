import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { act } from '../action.js'

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create the database directory (if missing) and print its path')
    .action(
      act(async (ctx) => {
        const existed = existsSync(ctx.dbPath)
        const store = await ctx.store()
        await ctx.out.json({ path: ctx.dbPath, engine: store.engine, created: !existed })
      }),
    )
}
