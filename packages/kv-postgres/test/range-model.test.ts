import type { EngineRange } from '@kvgraph/core'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PostgresEngine } from '../src/index.js'
import { byBytes, engines, putAll, uniqueTable } from './helpers.js'

// Random ranges, batch sizes and seeks against a model: the stored keys sorted by UTF-8 bytes.
const alphabet = ['a', 'b', '\0', '\x01', '\u00ff', '\u0100', '\uffff', '\u{1f600}']
const keyArb = fc
  .array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: 4 })
  .map((units) => units.join(''))

const inRange = (key: string, range: EngineRange) =>
  (range.gt === undefined || byBytes(key, range.gt) > 0) &&
  (range.gte === undefined || byBytes(key, range.gte) >= 0) &&
  (range.lt === undefined || byBytes(key, range.lt) < 0) &&
  (range.lte === undefined || byBytes(key, range.lte) <= 0)

describe('ranges against a model', () => {
  const pool = engines()
  let engine: PostgresEngine
  let stored: string[]

  beforeAll(async () => {
    engine = await pool.open(uniqueTable('model'))
    stored = [...new Set(fc.sample(keyArb, { numRuns: 300, seed: 11 }))].sort(byBytes)
    await putAll(
      engine,
      stored.map((k) => [k, `=${k}`]),
    )
  })
  afterAll(() => pool.cleanup())

  it('iterator and keys give the model’s keys, with any batch sizes and one seek', async () => {
    const rangeArb = fc.record(
      {
        gt: keyArb,
        gte: keyArb,
        lt: keyArb,
        lte: keyArb,
        reverse: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    const plan = fc.record({
      range: rangeArb.map((r) => {
        // At most one lower and one upper end, as callers pass them.
        const range: EngineRange = { reverse: r.reverse === true }
        if (r.gt !== undefined) range.gt = r.gt
        else if (r.gte !== undefined) range.gte = r.gte
        if (r.lt !== undefined) range.lt = r.lt
        else if (r.lte !== undefined) range.lte = r.lte
        return range
      }),
      sizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
      seekAfter: fc.integer({ min: 0, max: 3 }),
      seekTo: keyArb,
      keysOnly: fc.boolean(),
    })
    await fc.assert(
      fc.asyncProperty(plan, async ({ range, sizes, seekAfter, seekTo, keysOnly }) => {
        const selected = stored.filter((k) => inRange(k, range))
        if (range.reverse) selected.reverse()
        const iterator = keysOnly ? engine.keys(range) : engine.iterator(range)
        const got: string[] = []
        const want: string[] = []
        let position = 0 // index into `selected` of the model's next key
        for (let call = 0; call < sizes.length + 1; call++) {
          if (call === seekAfter) {
            iterator.seek(seekTo)
            const past = (k: string) =>
              range.reverse ? byBytes(k, seekTo) <= 0 : byBytes(k, seekTo) >= 0
            position = selected.findIndex(past)
            if (position === -1) position = selected.length
          }
          const size = sizes[call % sizes.length]!
          const batch = await iterator.nextv(size)
          const keys = keysOnly
            ? (batch as string[])
            : (batch as Array<[string, string]>).map(([k, v]) => {
                expect(v).toBe(`=${k}`)
                return k
              })
          got.push(...keys)
          want.push(...selected.slice(position, position + size))
          position = Math.min(position + size, selected.length)
        }
        await iterator.close()
        expect(got).toEqual(want)
      }),
      { numRuns: 150, seed: 3 },
    )
  })
})
