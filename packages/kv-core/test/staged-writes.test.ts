import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DELETED,
  type Staged,
  StagedWrites,
  type Writes,
} from '../src/engine/level/staged-writes.js'

type Step =
  | { kind: 'stage'; writes: Array<[string, Staged]> }
  | { kind: 'take' }
  | { kind: 'release' }

const KEYS = ['a', 'b', 'c', 'd']
const write = fc.tuple(fc.constantFrom(...KEYS), fc.oneof(fc.string(), fc.constant(DELETED)))
// Small transactions share a layer, large ones (64 writes or more) are layers of their own.
const padding = Array.from({ length: 70 }, (_, i): [string, Staged] => [`pad${i}`, 'x'])
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('stage' as const),
    writes: fc
      .tuple(fc.array(write, { maxLength: 4 }), fc.boolean())
      .map(([w, large]) => (large ? [...padding, ...w] : w)),
  }),
  fc.constant({ kind: 'take' as const }),
  fc.constant({ kind: 'release' as const }),
)

describe('StagedWrites', () => {
  it('reads the latest staged value and forgets exactly what a finished flush wrote', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const staged = new StagedWrites()
        // The model: every staged transaction in order, and how many a flush has taken.
        let pending: Writes[] = []
        let taken = -1
        for (const s of steps) {
          if (s.kind === 'stage') {
            const writes: Writes = new Map(s.writes)
            staged.add(writes)
            pending.push(new Map(writes))
          } else if (s.kind === 'take' && taken === -1) {
            const layers = staged.take()
            taken = pending.length
            const flushed = new Map<string, Staged>()
            for (const layer of layers) for (const [k, v] of layer) flushed.set(k, v)
            const expected = new Map<string, Staged>()
            for (const w of pending) for (const [k, v] of w) expected.set(k, v)
            expect(flushed).toEqual(expected)
          } else if (s.kind === 'release' && taken !== -1) {
            staged.release()
            pending = pending.slice(taken)
            taken = -1
          }
          for (const key of [...KEYS, 'pad0', 'never']) {
            let latest: Staged | undefined
            for (const w of pending) if (w.has(key)) latest = w.get(key)
            expect(staged.get(key)).toBe(latest)
          }
          expect(staged.pending).toBe(pending.length > Math.max(taken, 0))
          const all = new Map<string, Staged>()
          for (const [k, v] of staged.entries()) all.set(k, v)
          const expected = new Map<string, Staged>()
          for (const w of pending) for (const [k, v] of w) expected.set(k, v)
          expect(all).toEqual(expected)
        }
      }),
      { numRuns: 500 },
    )
  })
})
