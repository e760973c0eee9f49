import fc from 'fast-check'
import type { JsonValue } from '../records/json.js'
import type { KvMutation } from '../writes/mutations.js'

/** Keys that share prefixes, sort around each other and hold NUL, emoji and accents. */
export const modelKeyArb = fc.constantFrom('a', 'a/1', 'a/2', 'a/1/x', 'b', 'b/😀', 'é', 'a\0', 'z')
export const modelValueArb = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>

export interface MutationShape {
  patch: fc.Arbitrary<JsonValue>
  version: fc.Arbitrary<number | undefined>
  /** TTLs for puts; none when left out. */
  ttl?: fc.Arbitrary<number | undefined>
  /** What deletePrefix deletes. */
  prefixes: string[]
}

/** Every kind of mutation over the model's keys, for the model-based suites. */
export function mutationArb(shape: MutationShape): fc.Arbitrary<KvMutation> {
  const put = shape.ttl
    ? {
        op: fc.constant('put' as const),
        key: modelKeyArb,
        value: modelValueArb,
        version: shape.version,
        ttl: shape.ttl,
      }
    : {
        op: fc.constant('put' as const),
        key: modelKeyArb,
        value: modelValueArb,
        version: shape.version,
      }
  return fc.oneof(
    fc.record(put, { requiredKeys: ['op', 'key', 'value'] }),
    fc.record(
      {
        op: fc.constant('patch' as const),
        key: modelKeyArb,
        patch: shape.patch,
        version: shape.version,
      },
      { requiredKeys: ['op', 'key', 'patch'] },
    ),
    fc.record(
      { op: fc.constant('delete' as const), key: modelKeyArb, version: shape.version },
      { requiredKeys: ['op', 'key'] },
    ),
    fc.record({
      op: fc.constant('deletePrefix' as const),
      prefix: fc.constantFrom(...shape.prefixes),
    }),
    fc.record({ op: fc.constant('deleteRange' as const), start: modelKeyArb, end: modelKeyArb }),
    fc.record({
      op: fc.constant('check' as const),
      key: modelKeyArb,
      version: fc.integer({ min: 0, max: 3 }),
    }),
  ) as fc.Arbitrary<KvMutation>
}

/** A `mutate` step: one to `max` mutations in one atomic call. */
export function mutateStepArb(mutations: fc.Arbitrary<KvMutation>, max: number) {
  return fc
    .array(mutations, { minLength: 1, maxLength: max })
    .map((batch) => ({ kind: 'mutate' as const, mutations: batch }))
}
