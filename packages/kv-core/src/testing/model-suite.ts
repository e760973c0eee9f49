import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../records/json.js'
import { compareKeys, defaultType } from '../records/keys.js'
import type { Store } from '../store/store.js'
import type { KvMutation } from '../writes/mutations.js'
import { modelValueArb, mutateStepArb, mutationArb } from './model-arbitraries.js'
import { mergePatch, roundTrip } from './store-model.js'
import type { ConformanceTarget } from './target.js'

/** The plain in-memory model the store must agree with. */
type Model = Map<string, { version: number; type: string; value: JsonValue }>

const valueArb = modelValueArb
const patchArb: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.dictionary(
    fc.constantFrom('p', 'q', 'r'),
    fc.oneof(
      fc.constant(null),
      fc.integer(),
      fc.dictionary(fc.constantFrom('p', 's'), fc.oneof(fc.constant(null), fc.integer())),
    ),
  ),
  valueArb,
) as fc.Arbitrary<JsonValue>
const mutations = mutationArb({
  patch: patchArb,
  version: fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined }),
  prefixes: ['', 'a', 'a/', 'b/', 'q'],
})

type Step =
  | { kind: 'single'; mutation: KvMutation }
  | { kind: 'mutate'; mutations: KvMutation[] }
  | { kind: 'scan'; prefix: string; limit: number; reverse: boolean }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: mutations.map((mutation) => ({ kind: 'single' as const, mutation })) },
  {
    weight: 2,
    arbitrary: mutateStepArb(mutations, 4),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('scan' as const),
      prefix: fc.constantFrom('', 'a', 'a/', 'b'),
      limit: fc.integer({ min: 1, max: 4 }),
      reverse: fc.boolean(),
    }),
  },
)

/** Applies one mutation to the model; returns rows affected, or the conflict. */
function applyToModel(model: Model, m: KvMutation): number | 'conflict' {
  const current = 'key' in m ? model.get(m.key) : undefined
  const version = 'version' in m ? m.version : undefined
  if (version !== undefined && version !== -1) {
    if (version === 0 ? current !== undefined : current?.version !== version) return 'conflict'
  }
  switch (m.op) {
    case 'put':
      model.set(m.key, {
        version: (current?.version ?? 0) + 1,
        type: defaultType(m.key),
        value: roundTrip(m.value),
      })
      return 1
    case 'patch':
      model.set(m.key, {
        version: (current?.version ?? 0) + 1,
        type: current?.type ?? defaultType(m.key),
        value: roundTrip(mergePatch(current?.value, m.patch)),
      })
      return 1
    case 'delete':
      return model.delete(m.key) ? 1 : 0
    case 'deletePrefix':
    case 'deleteRange': {
      let rows = 0
      for (const key of [...model.keys()]) {
        const inside =
          m.op === 'deletePrefix'
            ? key.startsWith(m.prefix)
            : compareKeys(key, m.start) >= 0 && compareKeys(key, m.end) < 0
        if (inside && model.delete(key)) rows++
      }
      return rows
    }
    case 'check':
      return 0
  }
}

/** What JSON keeps of a value (-0 becomes 0). */
async function run(store: Store, model: Model, step: Step): Promise<void> {
  if (step.kind === 'scan') {
    const page = await store.getPrefix(step.prefix, { limit: step.limit, reverse: step.reverse })
    const keys = [...model.keys()].filter((key) => key.startsWith(step.prefix)).sort(compareKeys)
    if (step.reverse) keys.reverse()
    expect(page.records.map((r) => r.key)).toEqual(keys.slice(0, step.limit))
    expect(page.cursor !== undefined).toBe(keys.length > step.limit)
    return
  }
  const mutations = step.kind === 'single' ? [step.mutation] : step.mutations
  const scratch: Model = new Map(model)
  const expected: number[] = []
  let conflictAt = -1
  for (const [i, m] of mutations.entries()) {
    const rows = applyToModel(scratch, m)
    if (rows === 'conflict') {
      conflictAt = i
      break
    }
    expected.push(rows)
  }
  try {
    const rows = await store.mutate(mutations)
    expect(conflictAt).toBe(-1)
    expect(rows).toEqual(expected)
    for (const [key, entry] of scratch) model.set(key, entry)
    for (const key of [...model.keys()]) if (!scratch.has(key)) model.delete(key)
  } catch (error) {
    if ((error as { code?: string }).code !== 'KV_VERSION_CONFLICT') throw error
    expect((error as { index?: number }).index).toBe(conflictAt)
  }
}

/** Model-based property test: random put/patch/delete/scan/mutate sequences against a plain Map. */
export function modelSuite(target: ConformanceTarget, numRuns = 1000): void {
  describe(`${target.name}: agrees with a plain in-memory model`, () => {
    it(`over ${numRuns} random operation sequences`, async () => {
      const root = await target.open()
      let run_ = 0
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 12 }), async (steps) => {
            const store = root.namespace(`run-${run_++}`)
            const model: Model = new Map()
            for (const step of steps) await run(store, model, step)
            const records = (await store.list()).records
            const keys = [...model.keys()].sort(compareKeys)
            expect(records.map((r) => r.key)).toEqual(keys)
            for (const record of records) {
              const entry = model.get(record.key)!
              expect({ version: record.version, type: record.type, value: record.value }).toEqual(
                entry,
              )
            }
            expect(await store.count()).toBe(keys.length)
          }),
          { numRuns },
        )
      } finally {
        await (target.dispose ? target.dispose(root) : root.close())
      }
    })
  })
}
