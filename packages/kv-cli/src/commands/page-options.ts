import type { ScanOptions } from '@kvgraph/core'
import type { Command } from 'commander'
import { nonNegativeInt, positiveInt } from '../io/parse.js'

export interface PageFlags {
  limit?: number
  cursor?: string
  reverse?: boolean
  offset?: number
}

/** Adds --limit, --cursor, --reverse and --offset to a listing command. */
export function withPageOptions(command: Command): Command {
  return command
    .option('--limit <n>', 'records per page (default 1000)', positiveInt)
    .option('--cursor <cursor>', 'resume after a previous page (its cursor is printed on stderr)')
    .option('--reverse', 'descending key order')
    .option('--offset <n>', 'records to skip first (prefer --cursor)', nonNegativeInt)
}

export function scanOptions(flags: PageFlags): ScanOptions {
  const options: ScanOptions = {}
  if (flags.limit !== undefined) options.limit = flags.limit
  if (flags.cursor !== undefined) options.cursor = flags.cursor
  if (flags.reverse) options.reverse = true
  if (flags.offset !== undefined) options.offset = flags.offset
  return options
}
