import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { ClassicLevel } from 'classic-level'
import type { Checks } from './check.js'
import { key, value } from './core-data.js'
import { coreReads } from './core-reads.js'
import { compare, type Measured } from './measure.js'
import { comparedRow, type Row, type Section } from './report.js'
import type { RssSampler } from './rss.js'
import type { Scale } from './scale.js'

const RAW = 'raw classic-level'

/**
 * kv-core against raw classic-level doing the same operations on the same keys and values: the
 * raw side stores the value's JSON (stringified in the timed loop) and parses it on reads;
 * kvgraph adds its record header (version, times, type) and, by default, a change-stream entry
 * per write.
 */
export async function coreSection(
  scale: Scale,
  dir: string,
  sampler: RssSampler,
  checks: Checks,
  log: (message: string) => void,
): Promise<Section> {
  const { runs } = scale
  const c = scale.core
  const N = c.keys
  // Both sides get the same value objects; serializing them is part of the work measured.
  const values = Array.from({ length: N }, (_, i) => value(i))
  const rows: Row[] = []
  const row = (
    operation: string,
    unit: string,
    m: Record<'kv' | 'raw', Measured>,
    target?: number,
  ) => rows.push(comparedRow(operation, RAW, unit, m, target))

  const raw = new ClassicLevel<string, string>(join(dir, 'raw'))
  await raw.open()
  let store: Store = await openStore(join(dir, 'kv'))

  // Loading the keys is the mutate measurement: each run writes its slice, 1,000 keys a call.
  log(`core: mutate of ${c.mutateSize} puts, loading ${N} keys`)
  const slice = Math.ceil(N / runs)
  const mutateRun = async (r: number, write: (from: number, to: number) => Promise<unknown>) => {
    const end = Math.min(N, (r + 1) * slice)
    for (let at = r * slice; at < end; at += c.mutateSize) {
      await write(at, Math.min(end, at + c.mutateSize))
    }
    return end - r * slice
  }
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, j) => from + j)
  const loaded = await compare(
    runs,
    {
      raw: {
        ops: slice,
        run: (r) =>
          mutateRun(r, (from, to) =>
            raw.batch(
              range(from, to).map((i) => ({
                type: 'put',
                key: key(i),
                value: JSON.stringify(values[i]),
              })),
            ),
          ),
      },
      kv: {
        ops: slice,
        run: (r) =>
          mutateRun(r, (from, to) =>
            store.mutate(
              range(from, to).map((i) => ({ op: 'put', key: key(i), value: values[i]! })),
            ),
          ),
      },
    },
    sampler,
  )
  row(
    `mutate of ${c.mutateSize.toLocaleString('en-US')} puts (loading ${N.toLocaleString('en-US')} keys)`,
    'keys/s',
    loaded,
    0.5,
  )

  // Awaited puts of fresh keys, after the loaded ones.
  let nextFresh = N
  const putRuns = () => {
    const base = nextFresh
    nextFresh += runs * c.puts
    const at = (r: number, j: number) => base + r * c.puts + j
    return {
      raw: {
        ops: c.puts,
        run: async (r: number) => {
          for (let j = 0; j < c.puts; j++)
            await raw.put(key(at(r, j)), JSON.stringify(value(at(r, j))))
        },
      },
      kv: {
        ops: c.puts,
        run: async (r: number) => {
          for (let j = 0; j < c.puts; j++) await store.put(key(at(r, j)), value(at(r, j)))
        },
      },
    }
  }
  log(`core: put, 1 at a time (${c.puts} per run)`)
  row('put, 1 at a time (new keys)', 'ops/s', await compare(runs, putRuns(), sampler), 0.5)

  for (const read of await coreReads(scale, { raw, store }, sampler, checks, log)) {
    row(read.operation, read.unit, read.measured, read.target)
  }

  // The bulk-load mode: the same store reopened without the change stream.
  await store.close()
  store = await openStore(join(dir, 'kv'), { stream: false })
  log(`core: put, 1 at a time, stream off (${c.puts} per run)`)
  row('put, 1 at a time, change stream off', 'ops/s', await compare(runs, putRuns(), sampler), 0.5)

  const total = nextFresh
  checks.equal('core: records in kvgraph', await store.count(), total)
  let rawCount = 0
  for await (const _ of raw.keys()) rawCount++
  checks.equal('core: keys in raw classic-level', rawCount, total)
  checks.note(
    `core: ${total.toLocaleString('en-US')} keys in both stores; gets, getMany and prefix scans read the same values (age checksums) and counts`,
  )
  await store.close()
  await raw.close()

  return {
    title: `Core: kv-core vs raw classic-level (${N.toLocaleString('en-US')} keys of ~70 bytes)`,
    method:
      'Each figure is the median of the runs (min-max), raw and kvgraph runs interleaved. kvgraph uses the default store (change stream on) unless the row says otherwise; raw classic-level writes the same keys with the value JSON and parses it on reads. Mutate loads the keys in calls of 1,000 puts (raw: `batch` of 1,000); puts write new keys.',
    rows,
  }
}
