/**
 * deletePrefix on a LevelDB store against a raw classic-level `clear({ gte, lt })` of the same
 * keys, and the RSS it adds (issue 24: it held every old value in one transaction before).
 *
 *   npx tsx --expose-gc bench/src/delete-range.ts [--n 200000] [--stream off]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openStore } from '@kvgraph/core'
import { ClassicLevel } from 'classic-level'
import { collectGarbage, MB, RssSampler } from './suite/rss.js'

const { values } = parseArgs({
  options: { n: { type: 'string', default: '200000' }, stream: { type: 'string', default: 'on' } },
})
const n = Number(values.n)
const stream = values.stream !== 'off'
const LOAD = 10_000
const key = (i: number) => `k/${String(i).padStart(8, '0')}`
const value = (i: number) => ({ name: `user ${i}`, email: `user${i}@example.com`, score: i })

async function kvgraph(dir: string): Promise<{ ms: number; rssGrowth: number }> {
  const store = await openStore(join(dir, 'kv'), { stream })
  for (let i = 0; i < n; i += LOAD) {
    const mutations = []
    for (let j = i; j < Math.min(n, i + LOAD); j++)
      mutations.push({ op: 'put' as const, key: key(j), value: value(j) })
    await store.mutate(mutations)
  }
  collectGarbage()
  const sampler = new RssSampler()
  const before = sampler.start()
  const start = performance.now()
  const deleted = await store.deletePrefix('k/')
  const ms = performance.now() - start
  const peak = sampler.stop()
  if (deleted !== n) throw new Error(`deletePrefix deleted ${deleted} of ${n}`)
  await store.close()
  return { ms, rssGrowth: peak - before }
}

async function raw(dir: string): Promise<number> {
  const db = new ClassicLevel<string, string>(join(dir, 'raw'))
  await db.open()
  for (let i = 0; i < n; i += LOAD) {
    const batch = db.batch()
    for (let j = i; j < Math.min(n, i + LOAD); j++) batch.put(key(j), JSON.stringify(value(j)))
    await batch.write()
  }
  const start = performance.now()
  await db.clear({ gte: 'k/', lt: 'k0' })
  const ms = performance.now() - start
  await db.close()
  return ms
}

const dir = mkdtempSync(join(tmpdir(), 'kv-bench-delete-'))
try {
  const rawMs = await raw(dir)
  const kv = await kvgraph(dir)
  const rate = (ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en')
  process.stdout.write(
    [
      `deletePrefix of ${n.toLocaleString('en')} keys (stream ${stream ? 'on' : 'off'}), LevelDB`,
      `  raw classic-level clear({ gte, lt }): ${rawMs.toFixed(0)} ms (${rate(rawMs)} keys/s)`,
      `  kvgraph deletePrefix:                 ${kv.ms.toFixed(0)} ms (${rate(kv.ms)} keys/s)`,
      `  kvgraph / raw speed:                  ${(rawMs / kv.ms).toFixed(2)}x`,
      `  RSS growth during deletePrefix:       ${(kv.rssGrowth / MB).toFixed(0)} MB`,
      '',
    ].join('\n'),
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
