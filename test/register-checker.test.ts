import { describe, expect, it } from 'vitest'
import { type HistoryOp, isLinearizable } from './linearizability/register-checker.js'

const INF = Number.POSITIVE_INFINITY
const read = (
  p: number,
  invoke: number,
  complete: number,
  version: number,
  value: string | null,
): HistoryOp => ({
  kind: 'read',
  result: { version, value },
  process: p,
  invoke,
  complete,
})
const cas = (
  p: number,
  invoke: number,
  complete: number,
  expected: number,
  value: string,
  ok?: boolean,
): HistoryOp => ({ kind: 'cas', expected, value, ok, process: p, invoke, complete })
const write = (
  p: number,
  invoke: number,
  complete: number,
  value: string,
  version?: number,
): HistoryOp => ({
  kind: 'write',
  value,
  version,
  process: p,
  invoke,
  complete,
})

describe('register linearizability checker', () => {
  it('accepts sequential histories that follow the rules', () => {
    expect(isLinearizable([])).toBe(true)
    expect(
      isLinearizable([
        write(1, 0, 1, 'a', 1),
        read(2, 2, 3, 1, 'a'),
        cas(1, 4, 5, 1, 'b', true),
        read(2, 6, 7, 2, 'b'),
      ]),
    ).toBe(true)
    expect(isLinearizable([cas(1, 0, 1, 0, 'a', true), cas(2, 2, 3, 0, 'b', false)])).toBe(true)
  })

  it('rejects sequential histories that break them', () => {
    // A read of a value never written.
    expect(isLinearizable([read(1, 0, 1, 1, 'a')])).toBe(false)
    // A stale read after a completed write.
    expect(isLinearizable([write(1, 0, 1, 'a', 1), read(2, 2, 3, 0, null)])).toBe(false)
    // Two CAS from version 0 that both succeed, one after the other.
    expect(isLinearizable([cas(1, 0, 1, 0, 'a', true), cas(2, 2, 3, 0, 'b', true)])).toBe(false)
    // A failed CAS whose check should have passed.
    expect(isLinearizable([cas(1, 0, 1, 0, 'a', false)])).toBe(false)
  })

  it('orders overlapping operations any way that works', () => {
    // The read overlaps the write: it may see either side.
    expect(isLinearizable([write(1, 0, 10, 'a', 1), read(2, 1, 2, 0, null)])).toBe(true)
    expect(isLinearizable([write(1, 0, 10, 'a', 1), read(2, 1, 2, 1, 'a')])).toBe(true)
    // Two overlapping CAS from version 0: one wins, the other fails.
    expect(
      isLinearizable([
        cas(1, 0, 5, 0, 'a', true),
        cas(2, 1, 6, 0, 'b', false),
        read(3, 7, 8, 1, 'a'),
      ]),
    ).toBe(true)
    expect(
      isLinearizable([
        cas(1, 0, 5, 0, 'a', true),
        cas(2, 1, 6, 0, 'b', false),
        read(3, 7, 8, 1, 'b'),
      ]),
    ).toBe(false)
  })

  it('rejects a read that goes back in time (new value, then old, both after the write began)', () => {
    const history = [write(1, 0, 10, 'a', 1), read(2, 1, 2, 1, 'a'), read(3, 3, 4, 0, null)]
    expect(isLinearizable(history)).toBe(false)
  })

  it('lets an operation of unknown outcome take effect late or never', () => {
    expect(
      isLinearizable([cas(1, 0, INF, 0, 'a'), read(2, 5, 6, 0, null), read(2, 7, 8, 1, 'a')]),
    ).toBe(true)
    expect(isLinearizable([write(1, 0, INF, 'a'), read(2, 5, 6, 0, null)])).toBe(true)
    // But not before it began.
    expect(isLinearizable([read(2, 0, 1, 1, 'a'), write(1, 2, INF, 'a')])).toBe(false)
  })
})
