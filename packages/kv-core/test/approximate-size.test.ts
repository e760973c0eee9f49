import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { afterEach, expect, it } from 'vitest'

// approximateSize is LevelDB's own estimate of the bytes a range takes in its table files.
// Oracle: ranges holding known numbers of same-sized records, once reopening has flushed them
// from the write buffer into tables.

const dirs: string[] = []
const stores: Store[] = []
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

async function writeAndReopen(counts: Record<string, number>): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'kv-size-'))
  dirs.push(dir)
  const path = join(dir, 'db')
  const first = await openStore(path, { stream: false })
  for (const [prefix, count] of Object.entries(counts)) {
    const value = 'x'.repeat(100)
    for (let at = 0; at < count; at += 5000) {
      const keys = Array.from({ length: Math.min(5000, count - at) }, (_, i) => at + i)
      // Values differ so compression cannot fold them away.
      await first.mutate(
        keys.map((i) => ({
          op: 'put' as const,
          key: `${prefix}${i}`,
          value: `${value}${i * 7919}`,
        })),
      )
    }
  }
  await first.close()
  // Opening replays the log into a table: the records now count.
  const store = await openStore(path)
  stores.push(store)
  return store
}

it('LevelDB: sizes ranges in proportion to the records they hold', async () => {
  const store = await writeAndReopen({ 'a/': 20_000, 'b/': 5_000 })
  const a = await store.approximateSize({ prefix: 'a/' })
  const b = await store.approximateSize({ prefix: 'b/' })
  expect(b).toBeGreaterThan(64 * 1024)
  expect(a / b).toBeGreaterThan(2.5)
  expect(a / b).toBeLessThan(6)
  const all = await store.approximateSize({ prefix: '' })
  expect(all).toBeGreaterThanOrEqual(a + b - 8192)
  expect(await store.approximateSize({ prefix: 'c/' })).toBe(0)
  expect(await store.approximateSize({ start: 'b/', end: 'a/' })).toBe(0)
})

it('memory-level cannot tell, and says 0', async () => {
  const store = await openStore(':memory:')
  stores.push(store)
  await store.mutate(
    Array.from({ length: 100 }, (_, i) => ({ op: 'put' as const, key: `a/${i}`, value: i })),
  )
  expect(await store.approximateSize({ prefix: 'a/' })).toBe(0)
})

it('rejects a selector that is not one', async () => {
  const store = await openStore(':memory:')
  stores.push(store)
  await expect(store.approximateSize({ prefix: 5 as unknown as string })).rejects.toMatchObject({
    code: 'KV_INVALID_KEY',
    message: expect.stringContaining('selector.prefix'),
  })
})
