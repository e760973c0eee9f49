import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FamilyTable } from '../src/reading/family-table.js'

type Op =
  | { op: 'put'; id: number; length: number }
  | { op: 'drop'; id: number }
  | { op: 'get'; id: number }
  | { op: 'cover' }
  /** Lists of several nodes at once (by id, a length each; 0: none). */
  | { op: 'adopt'; lengths: number[] }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('put' as const),
      id: fc.nat(12),
      // Some lists span more than the largest chunk (65,536 entries).
      length: fc.oneof(
        { weight: 4, arbitrary: fc.nat(5) },
        { weight: 1, arbitrary: fc.nat(3000) },
        { weight: 1, arbitrary: fc.constantFrom(65_535, 65_536, 70_000) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drop' as const), id: fc.nat(12) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('get' as const), id: fc.nat(12) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'cover' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('adopt' as const),
      lengths: fc.array(fc.nat(4), { maxLength: 14 }),
    }),
  },
)

describe('FamilyTable', () => {
  it('holds what was put until dropped or reset; complete, it knows every node not dropped since; views handed out never change', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 60 }),
        fc.constantFrom(100, 5000, 200_000),
        (ops, capacity) => {
          const table = new FamilyTable(capacity)
          const model = new Map<number, number[]>()
          // Complete: a node not held has no entries, unless dropped since (stale).
          let complete = false
          const stale = new Set<number>()
          let used = 0
          const views: Array<{ view: Int32Array; expected: number[] }> = []
          let serial = 0
          for (const step of ops) {
            if (step.op === 'put') {
              const others = Array.from({ length: step.length }, () => serial++)
              const types = others.map((o) => o % 7)
              table.put(step.id, types, others)
              if (step.length > capacity) continue // never held, nothing reset
              if (used + step.length > capacity) {
                model.clear() // the table starts over
                complete = false
                stale.clear()
                used = 0
              }
              model.set(step.id, others)
              stale.delete(step.id)
              used += step.length
            } else if (step.op === 'drop') {
              table.drop(step.id)
              model.delete(step.id)
              if (complete) stale.add(step.id)
            } else if (step.op === 'adopt') {
              const start = new Int32Array(step.lengths.length + 1)
              for (const [id, length] of step.lengths.entries()) start[id + 1] = start[id]! + length
              const total = start[step.lengths.length]!
              const others = Int32Array.from({ length: total }, () => serial++)
              table.adopt(
                others.map((o) => o % 7),
                others,
                start,
              )
              if (used + total > capacity) {
                model.clear()
                complete = false
                stale.clear()
                used = 0
              }
              used += total
              for (const [id, length] of step.lengths.entries()) {
                // Nodes held already keep their lists.
                if (length === 0 || model.has(id)) continue
                model.set(id, [...others.subarray(start[id]!, start[id + 1]!)])
                stale.delete(id)
              }
            } else if (step.op === 'cover') {
              table.cover()
              complete = true
            } else {
              const held = table.get(step.id)
              const expected =
                model.get(step.id) ?? (complete && !stale.has(step.id) ? [] : undefined)
              expect(table.complete).toBe(complete)
              expect(table.has(step.id)).toBe(expected !== undefined)
              if (expected === undefined) expect(held).toBeUndefined()
              else {
                expect([...held!.nodes]).toEqual(expected)
                expect([...held!.types]).toEqual(expected.map((o) => o % 7))
                views.push({ view: held!.nodes, expected })
              }
              // visit() hands over the same entries in place, for held lists only.
              const visited: number[] = []
              const found = table.visit(step.id, (types, others, from, to) => {
                for (let i = from; i < to; i++) {
                  expect(types[i]).toBe(others[i]! % 7)
                  visited.push(others[i]!)
                }
              })
              expect(found).toBe(model.has(step.id))
              expect(visited).toEqual(model.get(step.id) ?? [])
            }
          }
          for (const { view, expected } of views) expect([...view]).toEqual(expected)
        },
      ),
      { numRuns: 200 },
    )
  })
})
