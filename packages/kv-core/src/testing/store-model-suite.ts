import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../records/json.js'
import type { Store } from '../store/store.js'
import type { Consumer } from '../stream/consumer.js'
import type { KvMutation } from '../writes/mutations.js'
import { ManualClock } from './clock.js'
import { modelValueArb, mutateStepArb, mutationArb } from './model-arbitraries.js'
import { StoreModel } from './store-model.js'
import type { ConformanceTarget } from './target.js'

const patchArb = fc.oneof(
  fc.dictionary(fc.constantFrom('p', 'q'), fc.oneof(fc.constant(null), fc.integer())),
  modelValueArb,
) as fc.Arbitrary<JsonValue>
const mutations = mutationArb({
  patch: patchArb,
  version: fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined, freq: 2 }),
  ttl: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  prefixes: ['', 'a', 'a/', 'b'],
})

type Step =
  | { kind: 'mutate'; mutations: KvMutation[] }
  | { kind: 'tick'; ms: number }
  | { kind: 'sweep' }
  | { kind: 'page'; prefix: string; limit: number; reverse: boolean }
  | { kind: 'consume'; limit: number }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: mutateStepArb(mutations, 3),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      ms: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'sweep' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('page' as const),
      prefix: fc.constantFrom('', 'a', 'a/', 'b'),
      limit: fc.integer({ min: 1, max: 3 }),
      reverse: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('consume' as const),
      limit: fc.integer({ min: 1, max: 4 }),
    }),
  },
)

interface Run {
  store: Store
  model: StoreModel
  clock: ManualClock
  consumer: Consumer
  /** The consumer's committed position, as the model has it. */
  position: number
}

async function mutate(run: Run, mutations: KvMutation[]): Promise<void> {
  const expected = run.model.mutate(mutations, run.clock.now)
  try {
    const rows = await run.store.mutate(mutations)
    expect(expected).toEqual(rows)
  } catch (error) {
    if ((error as { code?: string }).code !== 'KV_VERSION_CONFLICT') throw error
    expect((error as { index?: number }).index).toBe(
      (expected as { conflictAt: number }).conflictAt,
    )
  }
}

/** Walks every page with the cursor: together they are the live records, in order, once. */
async function pages(run: Run, prefix: string, limit: number, reverse: boolean): Promise<void> {
  const keys: string[] = []
  let cursor: string | undefined
  do {
    const page = await run.store.getPrefix(prefix, {
      limit,
      reverse,
      ...(cursor ? { cursor } : {}),
    })
    expect(page.records.length).toBeLessThanOrEqual(limit)
    keys.push(...page.records.map((r) => r.key))
    cursor = page.cursor
  } while (cursor !== undefined)
  const expected = run.model.live(run.clock.now, prefix).map(([key]) => key)
  expect(keys).toEqual(reverse ? expected.reverse() : expected)
}

/** A consumer reads what the stream holds after its position, and keeps what it commits. */
async function consume(run: Run, limit: number): Promise<void> {
  const entries = await run.consumer.next(limit)
  expect(entries).toEqual(await run.store.stream({ from: run.position + 1, limit }))
  const last = entries.at(-1)
  if (last) {
    await run.consumer.commit(last.seq)
    run.position = last.seq
  }
  expect((await run.consumer.status()).position).toBe(run.position)
}

/** The end of a run: reads, counts and the stream all agree with the model. */
async function agrees(run: Run): Promise<void> {
  const { store, model, clock } = run
  const live = model.live(clock.now)
  const records = (await store.list({ limit: 1000 })).records
  expect(records.map((r) => [r.key, { version: r.version, type: r.type, value: r.value }])).toEqual(
    live.map(([key, r]) => [key, { version: r.version, type: r.type, value: r.value }]),
  )
  expect(await store.count()).toBe(live.length)
  for (const [key, record] of model.records) {
    const got = await store.get(key)
    expect(got?.version).toBe(model.isLive(record, clock.now) ? record.version : undefined)
  }
  // The stream, replayed, is every stored record (expired ones until swept), with no gap.
  const entries = await store.stream({ limit: 100_000 })
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1))
  const replayed = new Map<string, { version: number; value: JsonValue }>()
  for (const e of entries) {
    if (e.action === 'create' || e.action === 'update')
      replayed.set(e.key, { version: e.version, value: e.value })
    else replayed.delete(e.key)
  }
  const stored = new Map(
    [...model.records].map(([key, r]) => [key, { version: r.version, value: r.value }]),
  )
  expect(replayed).toEqual(stored)
  expect(run.position).toBeLessThanOrEqual(await store.streamSeq())
}

export interface StoreModelOptions {
  runs?: number
  /** Longest command sequence of a run (shorter on a server engine keeps the run modest). */
  maxSteps?: number
}

/**
 * Model-based test of the whole store: records, checks, patches, TTLs on an injected clock with
 * sweeps, pages walked with cursors, the change stream and a consumer, against StoreModel.
 */
export function storeModelSuite(target: ConformanceTarget, options: StoreModelOptions = {}): void {
  const { runs = 1000, maxSteps = 10 } = options
  describe(`${target.name}: the whole store agrees with a model`, () => {
    it(`over ${runs} random command sequences (records, cursors, TTL, stream, consumers)`, async () => {
      const clock = new ManualClock()
      const root = await target.open({ clock: clock.read, sweepIntervalMs: 0 })
      let n = 0
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.array(stepArb, { minLength: 1, maxLength: maxSteps }),
            async (steps) => {
              // Records of earlier runs may expire meanwhile: sweep them out of the way first.
              await root.sweepExpired()
              const store = root.namespace(`model-${n++}`)
              const consumer = store.consumer('c')
              const run: Run = { store, model: new StoreModel(), clock, consumer, position: 0 }
              for (const step of steps) {
                if (step.kind === 'mutate') await mutate(run, step.mutations)
                else if (step.kind === 'tick') clock.advance(step.ms)
                else if (step.kind === 'sweep') {
                  await store.sweepExpired()
                  run.model.sweep(clock.now)
                } else if (step.kind === 'page')
                  await pages(run, step.prefix, step.limit, step.reverse)
                else await consume(run, step.limit)
              }
              await agrees(run)
            },
          ),
          { numRuns: runs },
        )
      } finally {
        await (target.dispose ? target.dispose(root) : root.close())
      }
    })
  })
}
