import type { KvPage, KvRecord } from '@kvgraph/core'
import type { Context } from '../context.js'
import { printCursor } from './cursor.js'

/** A record without its value: what `put` and `patch` print. */
export function recordMeta(record: KvRecord): Omit<KvRecord, 'value'> {
  const { value: _value, ...meta } = record
  return meta
}

/** Prints a page one record per line, then its next cursor (if any) on standard error. */
export async function printPage(ctx: Context, page: KvPage): Promise<void> {
  for (const record of page.records) await ctx.out.json(record)
  await ctx.out.flush()
  printCursor(page.cursor)
}
