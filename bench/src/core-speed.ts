// Core speed vs raw classic-level on the same machine, in one run.
// Usage: npx tsx bench/src/core-speed.ts [--n 1000000]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '@kvgraph/core'
import { ClassicLevel } from 'classic-level'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? fallback : Number(process.argv[i + 1])
}
const N = arg('n', 1_000_000)
const READS = Math.min(N, arg('reads', 200_000))
const MUTATES = arg('mutates', 200)

const key = (i: number) => `user/${String(i).padStart(9, '0')}`
// ~70 bytes of key + JSON value, like a small user record.
const value = (i: number) => ({ name: `user ${i}`, age: i % 97, city: 'Oslo' })
const keys = Array.from({ length: N }, (_, i) => key(i))
const values = keys.map((_, i) => value(i))
const texts = values.map((v) => JSON.stringify(v))

function shuffled(count: number, seed = 42): number[] {
  let s = seed
  const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  return Array.from({ length: count }, () => Math.floor(rand() * N))
}

async function time(label: string, ops: number, fn: () => Promise<void>) {
  const start = performance.now()
  await fn()
  const seconds = (performance.now() - start) / 1000
  return { label, ops, seconds, rate: ops / seconds }
}

async function inFlight(count: number, width: number, op: (i: number) => Promise<unknown>) {
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await op(next++)
    }),
  )
}

const dir = mkdtempSync(join(tmpdir(), 'kv-core-bench-'))
const raw = new ClassicLevel<string, string>(join(dir, 'raw'))
await raw.open()
const store = await openStore(join(dir, 'kv'))
const reads = shuffled(READS)
const rows: Array<{ what: string; raw: number; kv: number }> = []
const record = (what: string, r: { rate: number }, k: { rate: number }) => {
  rows.push({ what, raw: r.rate, kv: k.rate })
  console.error(
    `${what}: raw ${r.rate.toFixed(0)}/s, kvgraph ${k.rate.toFixed(0)}/s (${((k.rate / r.rate) * 100).toFixed(0)}%)`,
  )
}

record(
  `put, 1 at a time (${N} keys)`,
  await time('raw', N, async () => {
    for (let i = 0; i < N; i++) await raw.put(keys[i]!, texts[i]!)
  }),
  await time('kv', N, async () => {
    for (let i = 0; i < N; i++) await store.put(keys[i]!, values[i]!)
  }),
)
record(
  'put, 64 in flight (updates)',
  await time('raw', READS, () => inFlight(READS, 64, (i) => raw.put(keys[reads[i]!]!, texts[i]!))),
  await time('kv', READS, () =>
    inFlight(READS, 64, (i) => store.put(keys[reads[i]!]!, values[i]!)),
  ),
)
record(
  'get, 1 at a time (random)',
  await time('raw', READS, async () => {
    for (const i of reads) JSON.parse((await raw.get(keys[i]!))!)
  }),
  await time('kv', READS, async () => {
    for (const i of reads) await store.get(keys[i]!)
  }),
)
record(
  'get, 8 in flight (random)',
  await time('raw', READS, () =>
    inFlight(READS, 8, async (i) => JSON.parse((await raw.get(keys[reads[i]!]!))!)),
  ),
  await time('kv', READS, () => inFlight(READS, 8, (i) => store.get(keys[reads[i]!]!))),
)
record(
  `mutate of 1,000 puts (x${MUTATES}), per key`,
  await time('raw', MUTATES * 1000, async () => {
    for (let b = 0; b < MUTATES; b++) {
      const ops = []
      for (let j = 0; j < 1000; j++)
        ops.push({ type: 'put' as const, key: keys[(b * 1000 + j) % N]!, value: texts[j]! })
      await raw.batch(ops)
    }
  }),
  await time('kv', MUTATES * 1000, async () => {
    for (let b = 0; b < MUTATES; b++) {
      const ops = []
      for (let j = 0; j < 1000; j++)
        ops.push({ op: 'put' as const, key: keys[(b * 1000 + j) % N]!, value: values[j]! })
      await store.mutate(ops)
    }
  }),
)

await raw.close()
await store.close()

// The same without the change stream (openStore(path, { stream: false })), for the README.
const quiet = await openStore(join(dir, 'kv-nostream'), { stream: false })
const streamOff = await time('kv', Math.min(N, 200_000), async () => {
  for (let i = 0; i < Math.min(N, 200_000); i++) await quiet.put(keys[i]!, values[i]!)
})
await quiet.close()
rmSync(dir, { recursive: true, force: true })

console.log(
  `\n| operation (${N} keys of ~70 bytes) | raw classic-level ops/s | kvgraph ops/s | ratio |`,
)
console.log('| --- | ---: | ---: | ---: |')
for (const row of rows) {
  console.log(
    `| ${row.what} | ${row.raw.toFixed(0)} | ${row.kv.toFixed(0)} | ${((row.kv / row.raw) * 100).toFixed(0)}% |`,
  )
}
console.log(
  `\nput 1 at a time with the change stream off: ${streamOff.rate.toFixed(0)} ops/s (first ${streamOff.ops} keys)`,
)
