import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareKeys, prefixUpperBound } from '../src/records/keys.js'
import { childSpace } from '../src/records/keyspace.js'

const utf8Compare = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b))
const sign = (n: number) => Math.sign(n)

describe('key order and prefix bounds', () => {
  it('compareKeys agrees with UTF-8 byte order', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-composite' }),
        fc.string({ unit: 'binary' }),
        (a, b) => {
          fc.pre(a.isWellFormed() && b.isWellFormed())
          expect(sign(compareKeys(a, b))).toBe(sign(utf8Compare(a, b)))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('the upper bound of a prefix is above every extension and below every later key', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1 }),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary', minLength: 1 }),
        (prefix, tail, other) => {
          fc.pre(prefix.isWellFormed() && tail.isWellFormed() && other.isWellFormed())
          const upper = prefixUpperBound(prefix)
          if (upper === undefined) return
          expect(utf8Compare(prefix + tail, upper)).toBeLessThan(0)
          if (!other.startsWith(prefix) && utf8Compare(other, prefix) > 0) {
            expect(utf8Compare(other, upper)).toBeGreaterThanOrEqual(0)
          }
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('handles the edges of the code point space', () => {
    expect(prefixUpperBound('a')).toBe('b')
    expect(prefixUpperBound('a\ud7ff')).toBe('a\ue000')
    expect(prefixUpperBound('a\u{10ffff}')).toBe('b')
    expect(prefixUpperBound('\u{10ffff}\u{10ffff}')).toBeUndefined()
    expect(prefixUpperBound('😀')).toBe('😁')
  })

  it('namespace spaces are prefix-free', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.string(),
        (a, b, key) => {
          fc.pre(a !== b)
          const spaceA = childSpace('', a)
          const spaceB = childSpace('', b)
          // No record or nested space of A can start with B's space prefix.
          expect(`${spaceA}\0d${key}`.startsWith(spaceB)).toBe(false)
          expect(childSpace(spaceA, key || 'x').startsWith(spaceB)).toBe(false)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
