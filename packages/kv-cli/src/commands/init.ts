import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { act } from '../action.js'

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'create the database directory (or, for a postgres:// URL, its table) if missing and print where it is',
    )
    .action(
      act(async (ctx) => {
        if (ctx.dbIsUrl) {
          // Opening creates the table when missing; whether it did is the server's to know.
          const info = await (await ctx.store()).engineInfo()
          return ctx.out.json({ url: ctx.dbLabel, table: info.table, engine: info.engine })
        }
        const existed = existsSync(ctx.dbLocation)
        const store = await ctx.store()
        await ctx.out.json({ path: ctx.dbLocation, engine: store.engine, created: !existed })
      }),
    )
}
