import type { Command } from 'commander'
import { act } from '../action.js'
import { usageError } from '../errors.js'
import { versionNumber } from '../io/parse.js'

export function registerDelete(program: Command): void {
  program
    .command('delete')
    .description('delete keys; prints {"deleted": n} (missing keys are not an error)')
    .argument('<keys...>')
    .option('--version <n>', 'expected stored version (with a single key)', versionNumber)
    .action(
      act<{ version?: number }, [string[]]>(async (ctx, opts, keys) => {
        if (opts.version !== undefined && keys.length !== 1) {
          throw usageError('--version needs exactly one key')
        }
        const store = await ctx.store()
        const deleted =
          opts.version === undefined
            ? await store.delete(keys)
            : await store.delete(keys[0]!, { version: opts.version })
        await ctx.out.json({ deleted })
      }),
    )

  program
    .command('delete-prefix')
    .description('delete every record whose key starts with <prefix>; prints {"deleted": n}')
    .argument('<prefix>')
    .action(
      act<object, [string]>(async (ctx, _opts, prefix) => {
        if (prefix === '')
          throw usageError('the prefix must not be empty (it would delete every record)')
        await ctx.out.json({ deleted: await (await ctx.store()).deletePrefix(prefix) })
      }),
    )

  program
    .command('delete-range')
    .description('delete every record with <from> <= key < <to>; prints {"deleted": n}')
    .argument('<from>')
    .argument('<to>')
    .action(
      act<object, [string, string]>(async (ctx, _opts, from, to) => {
        await ctx.out.json({ deleted: await (await ctx.store()).deleteRange(from, to) })
      }),
    )
}
