import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store } from '@kvgraph/core'
import type { Context } from '../context.js'

/** Where a benchmark runs, and how to clean up after it. */
export interface BenchTarget {
  store: Store
  description: string
  dispose(): Promise<void>
}

/**
 * A fresh temporary database (removed afterwards), or, when --db / $KV_DB is given, a fresh
 * namespace of that database (deleted afterwards), so a benchmark never touches existing data.
 */
export async function benchTarget(ctx: Context): Promise<BenchTarget> {
  if (ctx.globals.dbGiven) {
    const root = await ctx.store()
    const name = `kv-benchmark-${process.pid}-${Date.now()}`
    const store = root.namespace(name)
    return {
      store,
      description: `namespace ${name} of ${ctx.dbLabel}`,
      dispose: async () => {
        await store.deletePrefix('')
        await store.streamTrim(await store.streamSeq()) // its change stream, deletions included
      },
    }
  }
  const { openStore } = await import('@kvgraph/core')
  const dir = await mkdtemp(join(tmpdir(), 'kv-benchmark-'))
  const store = await openStore(join(dir, 'db'))
  return {
    store,
    description: 'a temporary database',
    dispose: async () => {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
