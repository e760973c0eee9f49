import type { Store } from '@kvgraph/core'
import { seededRandom } from '@kvgraph/core/random'
import type { ClassicLevel } from 'classic-level'
import type { Checks } from './check.js'
import { key, prefixEnd, type Value } from './core-data.js'
import { compare, inFlight, type Measured } from './measure.js'
import type { RssSampler } from './rss.js'
import type { Scale } from './scale.js'

export interface CoreRead {
  operation: string
  unit: string
  measured: Record<'kv' | 'raw', Measured>
  /** Minimum ratio to raw, when the issue sets one. */
  target?: number
}

/**
 * Reads of the loaded keys: every run reads the same random keys, and a checksum of the ages
 * read proves both sides read the same data.
 */
export async function coreReads(
  scale: Scale,
  { raw, store }: { raw: ClassicLevel<string, string>; store: Store },
  sampler: RssSampler,
  checks: Checks,
  log: (message: string) => void,
): Promise<CoreRead[]> {
  const { runs } = scale
  const c = scale.core
  const random = seededRandom(scale.seed + 10)
  const picks = Array.from({ length: c.gets }, () => Math.floor(random() * c.keys))
  const rows: CoreRead[] = []
  let rawAges = 0
  let kvAges = 0
  // Read first, then add: `sum += await x` would lose updates when reads are in flight together.
  const getOne = {
    raw: async (i: number) => {
      const text = await raw.get(key(i))
      rawAges += (JSON.parse(text!) as Value).age
    },
    kv: async (i: number) => {
      const record = await store.get<Value>(key(i))
      kvAges += (record!.value as Value).age
    },
  }
  // Both sides do their `one` for every item, one after the other.
  const inTurn = <T>(items: T[], one: Record<'raw' | 'kv', (item: T) => Promise<void>>) =>
    compare(
      runs,
      {
        raw: {
          ops: items.length,
          run: async () => {
            for (const item of items) await one.raw(item)
          },
        },
        kv: {
          ops: items.length,
          run: async () => {
            for (const item of items) await one.kv(item)
          },
        },
      },
      sampler,
    )

  log(`core: get, 1 at a time (${c.gets} per run)`)
  const gets = await inTurn(picks, getOne)
  checks.equal('core get: sum of ages read', kvAges, rawAges)
  rows.push({
    operation: 'get, 1 at a time (random keys)',
    unit: 'ops/s',
    measured: gets,
    target: 0.8,
  })

  log(`core: get, 8 in flight (${c.gets} per run)`)
  rawAges = kvAges = 0
  const gets8 = await compare(
    runs,
    {
      raw: { ops: c.gets, run: () => inFlight(c.gets, 8, (j) => getOne.raw(picks[j]!)) },
      kv: { ops: c.gets, run: () => inFlight(c.gets, 8, (j) => getOne.kv(picks[j]!)) },
    },
    sampler,
  )
  checks.equal('core get x8: sum of ages read', kvAges, rawAges)
  rows.push({
    operation: 'get, 8 in flight (random keys)',
    unit: 'ops/s',
    measured: gets8,
    target: 0.8,
  })

  log(`core: getMany of ${c.getManySize} keys (${c.getManyCalls} per run)`)
  const manyKeys = Array.from({ length: c.getManyCalls }, (_, j) =>
    Array.from({ length: c.getManySize }, (_, k) =>
      key(picks[(j * c.getManySize + k) % picks.length]!),
    ),
  )
  rawAges = kvAges = 0
  const many = await inTurn(manyKeys, {
    raw: async (keys) => {
      for (const text of await raw.getMany(keys)) rawAges += (JSON.parse(text!) as Value).age
    },
    kv: async (keys) => {
      for (const record of await store.getMany<Value>(keys)) kvAges += (record!.value as Value).age
    },
  })
  checks.equal('core getMany: sum of ages read', kvAges, rawAges)
  rows.push({
    operation: `getMany of ${c.getManySize} random keys`,
    unit: 'calls/s',
    measured: many,
  })

  // Prefixes of 10 keys: 'user/00001234' holds user/000012340 .. user/000012349.
  log(`core: prefix scan of 10 keys (${c.prefixScans} per run)`)
  const prefixes = Array.from({ length: c.prefixScans }, (_, j) =>
    key(picks[j % picks.length]!).slice(0, -1),
  )
  let rawSeen = 0
  let kvSeen = 0
  const scans = await inTurn(prefixes, {
    raw: async (prefix) => {
      for (const [, text] of await raw.iterator({ gte: prefix, lt: prefixEnd(prefix) }).all()) {
        JSON.parse(text)
        rawSeen++
      }
    },
    kv: async (prefix) => {
      kvSeen += (await store.getPrefix(prefix)).records.length
    },
  })
  checks.equal('core prefix scan: records seen', kvSeen, rawSeen)
  checks.equal('core prefix scan: 10 keys a prefix', kvSeen, 10 * runs * c.prefixScans)
  rows.push({ operation: 'prefix scan of 10 keys', unit: 'scans/s', measured: scans })

  return rows
}
