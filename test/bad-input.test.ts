import { type JsonValue, KvError, openStore, type Store } from '@kvgraph/core'
import { mergePatch } from '@kvgraph/core/testing'
import { Graph, GraphError } from '@kvgraph/graph'
import fc from 'fast-check'
import { expect, it } from 'vitest'

// Bad input through the public API, from a dictionary of hostile keys, values, patches, limits
// and options combined by fast-check. Every call either succeeds correctly (a write reads back as
// JSON would keep it) or fails with a typed error naming the argument, and a failed call leaves
// the stored data as it was.

const cycle: Record<string, unknown> = { a: 1 }
cycle.self = cycle
let deep: unknown = 1
for (let i = 0; i < 20_000; i++) deep = [deep]
// Over the 1 MiB value limit; the 50 MB value is tried once on its own (each try takes seconds).
const overLimit = { blob: 'x'.repeat(2 * 1024 * 1024) }

const keys: unknown[] = [
  '',
  'x'.repeat(1024 * 1024),
  '/',
  'a\0b',
  '\0',
  '\xff',
  'ÿ/ÿ',
  '\ud800',
  'a\udfffb',
  '😀',
  'k/😀',
  'ok',
  42,
  null,
  undefined,
  {},
  ['k'],
]
const values: unknown[] = [
  undefined,
  () => 1,
  10n,
  cycle,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  new Date(0),
  overLimit,
  deep,
  Symbol('s'),
  { ok: true },
  [1, 'two', null],
  '',
  -0,
  { nested: { undefinedMember: undefined } },
  new Map(),
  Object.create(null),
]
const patches: unknown[] = [
  JSON.parse('{"__proto__": {"polluted": 1}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}'),
  { prototype: { polluted: 1 } },
  JSON.parse('{"a": {"__proto__": null}}'),
  { a: null },
  null,
  [1],
  undefined,
  () => 1,
]
const limits: unknown[] = [
  -1,
  0,
  1,
  2.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1e9,
  2 ** 53,
  -0,
  '3',
  null,
  {},
]
const options: unknown[] = [
  undefined,
  {},
  { version: 'x' },
  { version: -2 },
  { version: 1.5 },
  { version: 2 ** 60 },
  { ttl: -1 },
  { ttl: 0 },
  { ttl: Number.NaN },
  { ttl: '5' },
  { type: 5 },
  { type: '' },
  { limit: -1 },
  { limit: Number.NaN },
  { limit: '3' },
  { cursor: 5 },
  { cursor: 'garbage' },
  { bogus: true },
  // Options that are no object (issue 24, defect 11).
  'abc',
  null,
  5,
  { reverse: 'yes' },
  { ttl: 100.5 },
  { ttl: 1e16 },
]

type Outcome = 'accepted' | 'typed'

/** Options that are no options object, or hold a field of the wrong type: must be refused. */
function wrongOptions(options: unknown): boolean {
  if (options === undefined) return false
  if (typeof options !== 'object' || options === null) return true
  const o = options as Record<string, unknown>
  return (
    (o.version !== undefined && !Number.isSafeInteger(o.version)) ||
    // A fractional TTL may be accepted (defect 4 allows encoding it properly); past the Date range not.
    (o.ttl !== undefined && !(typeof o.ttl === 'number' && o.ttl > 0 && o.ttl < 8.64e15)) ||
    (o.type !== undefined && (typeof o.type !== 'string' || o.type === ''))
  )
}

async function snapshot(store: Store) {
  const records: [string, number, JsonValue][] = []
  for await (const r of store.entries({ prefix: '' })) records.push([r.key, r.version, r.value])
  return { records, seq: await store.streamSeq() }
}

/** Rejected with a typed error whose message names an argument; anything else fails the test. */
function typed(error: unknown, call: string): Outcome {
  const isTyped = error instanceof KvError || error instanceof GraphError
  if (!isTyped) throw new Error(`${call}: untyped ${String(error)}`, { cause: error })
  expect(error.message, call).toMatch(
    /key|value|patch|options|prefix|limit|depth|maxNodes|maxDepth|props|node|type|start|from|to|id/,
  )
  return 'typed'
}

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as JsonValue

/** A rejection by the API (as opposed to a failed check of this test). */
class Rejected {
  constructor(readonly error: unknown) {}
}
async function api<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw new Rejected(error)
  }
}

const callArb = fc.oneof(
  fc.record({
    method: fc.constant('put'),
    key: fc.constantFrom(...keys),
    value: fc.constantFrom(...values),
    options: fc.constantFrom(...options),
  }),
  fc.record({
    method: fc.constant('patch'),
    key: fc.constantFrom(...keys),
    patch: fc.constantFrom(...patches, ...values),
  }),
  fc.record({ method: fc.constant('get'), key: fc.constantFrom(...keys) }),
  fc.record({
    method: fc.constant('delete'),
    key: fc.constantFrom(...keys),
    options: fc.constantFrom(...options),
  }),
  fc.record({
    method: fc.constant('getPrefix'),
    key: fc.constantFrom(...keys),
    options: fc.constantFrom(...options),
  }),
  fc.record({
    method: fc.constant('mutate'),
    key: fc.constantFrom(...keys),
    value: fc.constantFrom(...values),
  }),
  fc.record({
    method: fc.constant('bfs'),
    maxDepth: fc.constantFrom(...limits),
    maxNodes: fc.constantFrom(...limits),
  }),
  fc.record({ method: fc.constant('neighborhood'), depth: fc.constantFrom(...limits) }),
  fc.record({
    method: fc.constant('addEdge'),
    key: fc.constantFrom(...keys),
    value: fc.constantFrom(...values),
  }),
)
type Call = Record<string, unknown> & { method: string }

/** Runs one call; checks an accepted write reads back right. */
async function attempt(store: Store, graph: Graph, c: Call): Promise<Outcome> {
  const key = c.key as string
  switch (c.method) {
    case 'put': {
      const record = await api(() => store.put(key, c.value as JsonValue, c.options as never))
      expect(wrongOptions(c.options), 'options of the wrong type were accepted').toBe(false)
      expect((await store.get(key))?.value).toEqual(roundTrip(c.value))
      expect(record.key).toBe(key)
      return 'accepted'
    }
    case 'patch': {
      // The key may be invalid: then the patch must be refused, and there is no before.
      const before = await store.get(key).then(
        (r) => r?.value,
        () => undefined,
      )
      await api(() => store.patch(key, c.patch as JsonValue))
      expect((await store.get(key))?.value).toEqual(
        roundTrip(mergePatch(before, c.patch as JsonValue)),
      )
      return 'accepted'
    }
    case 'get':
      await api(() => store.get(key))
      return 'accepted'
    case 'delete':
      await api(() => store.delete(key, c.options as never))
      return 'accepted'
    case 'getPrefix': {
      const page = await api(() => store.getPrefix(key, c.options as never))
      for (const r of page.records) expect(r.key.startsWith(key)).toBe(true)
      return 'accepted'
    }
    case 'mutate':
      await api(() =>
        store.mutate([
          { op: 'put', key: 'mutated', value: 1 },
          { op: 'put', key, value: c.value as JsonValue },
        ]),
      )
      expect((await store.get(key))?.value).toEqual(roundTrip(c.value))
      return 'accepted'
    case 'bfs': {
      const steps = []
      const options = { maxDepth: c.maxDepth, maxNodes: c.maxNodes } as never
      await api(async () => {
        for await (const step of graph.bfs({ type: 'N', id: '0' }, options)) steps.push(step)
      })
      expect(steps.length).toBeLessThanOrEqual(10)
      return 'accepted'
    }
    case 'neighborhood':
      await api(() => graph.neighborhood({ type: 'N', id: '0' }, { depth: c.depth as number }))
      return 'accepted'
    default: {
      await api(() =>
        graph.addEdge({ type: 'N', id: key }, 'e', { type: 'N', id: '0' }, c.value as never),
      )
      const edge = await graph.getEdge({ type: 'N', id: key }, 'e', { type: 'N', id: '0' })
      expect(edge?.props).toEqual(c.value === undefined ? {} : roundTrip(c.value))
      return 'accepted'
    }
  }
}

it('bad input through the public API: a typed error or a correct result, and no damage', async () => {
  // A still clock and no sweeps: records put with a TTL must not expire between two snapshots.
  const now = Date.now()
  const store = await openStore(':memory:', { clock: () => now, sweepIntervalMs: 0 })
  const graph = new Graph(store)
  for (let i = 0; i < 10; i++)
    await graph.addEdge({ type: 'N', id: String(i) }, 'e', { type: 'N', id: String((i + 1) % 10) })
  await store.put('kept', { v: 1 })
  const counts = { tried: 0, typed: 0, accepted: 0 }
  await fc.assert(
    fc.asyncProperty(callArb, async (c) => {
      const before = await snapshot(store)
      const call = `${c.method}(${Object.keys(c)
        .filter((k) => k !== 'method')
        .map((k) => `${k}: ${describeArg((c as Call)[k])}`)
        .join(', ')})`
      let outcome: Outcome
      try {
        outcome = await attempt(store, graph, c as Call)
      } catch (rejected) {
        if (!(rejected instanceof Rejected)) throw rejected
        outcome = typed(rejected.error, call)
        expect(await snapshot(store), `${call} changed the data`).toEqual(before)
      }
      counts.tried++
      counts[outcome]++
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    }),
    { numRuns: 1000, seed: 24 },
  )
  // A 50 MB JSON value, once: refused, nothing stored.
  const before = await snapshot(store)
  const refused = await api(() => store.put('huge', { blob: 'x'.repeat(50 * 1024 * 1024) })).catch(
    (rejected: Rejected) => rejected.error,
  )
  typed(refused, 'put(50 MB value)')
  expect((refused as KvError).code).toBe('KV_INVALID_VALUE')
  expect(await snapshot(store)).toEqual(before)
  counts.tried++
  counts.typed++
  console.log(
    `bad input: ${counts.tried} calls tried, ${counts.typed} typed errors, ${counts.accepted} accepted`,
  )
  expect(counts.typed).toBeGreaterThan(100)
  expect(counts.accepted).toBeGreaterThan(50)
  await store.close()
})

function describeArg(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 20 ? `string(${value.length})` : JSON.stringify(value)
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function')
    return typeof value
  try {
    const json = JSON.stringify(value)
    return json === undefined ? String(value) : json.length > 40 ? `${json.slice(0, 40)}…` : json
  } catch {
    return 'unserializable'
  }
}
