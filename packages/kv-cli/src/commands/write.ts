import type { PatchOptions, PutOptions } from '@kvgraph/core'
import type { Command } from 'commander'
import { act } from '../action.js'
import { duration, versionNumber } from '../io/parse.js'
import { recordMeta } from '../io/records.js'
import { requiredJson } from '../io/stdin-json.js'

const VERSION_HELP = 'expected stored version: -1 no check, 0 must not exist, N must be N'

export function registerWrite(program: Command): void {
  program
    .command('put')
    .description('write a JSON value (from stdin or --value); prints the record without its value')
    .argument('<key>')
    .option('--value <json>', 'the value, instead of reading stdin')
    .option('--version <n>', VERSION_HELP, versionNumber)
    .option('--type <type>', "record type (default: the key's first /-separated segment)")
    .option('--ttl <duration>', 'time to live: 500, 500ms, 30s, 5m, 2h, 1d', duration)
    .addHelpText(
      'after',
      '\nExamples:\n  echo \'{"name":"Alice"}\' | kv put user/alice\n  kv put counter --value 0 --version 0',
    )
    .action(
      act<{ value?: string; version?: number; type?: string; ttl?: number }, [string]>(
        async (ctx, opts, key) => {
          const value = await requiredJson(opts.value, '--value')
          const options: PutOptions = {}
          if (opts.version !== undefined) options.version = opts.version
          if (opts.type !== undefined) options.type = opts.type
          if (opts.ttl !== undefined) options.ttl = opts.ttl
          const record = await (await ctx.store()).put(key, value, options)
          await ctx.out.json(recordMeta(record))
        },
      ),
    )

  program
    .command('patch')
    .description(
      'apply an RFC 7396 JSON merge patch (from stdin or --value); creates a missing key',
    )
    .argument('<key>')
    .option('--value <json>', 'the patch, instead of reading stdin')
    .option('--version <n>', VERSION_HELP, versionNumber)
    .addHelpText('after', '\nExample:\n  echo \'{"age":31,"nickname":null}\' | kv patch user/alice')
    .action(
      act<{ value?: string; version?: number }, [string]>(async (ctx, opts, key) => {
        const patch = await requiredJson(opts.value, '--value')
        const options: PatchOptions = {}
        if (opts.version !== undefined) options.version = opts.version
        const record = await (await ctx.store()).patch(key, patch, options)
        await ctx.out.json(recordMeta(record))
      }),
    )
}
