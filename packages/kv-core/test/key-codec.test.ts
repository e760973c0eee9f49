import {
  componentEnd,
  decodeTuple,
  encodeComponent,
  TERMINATOR,
  unescapeComponent,
  utf8Length,
} from '@kvgraph/core/internal'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareKeys } from '../src/records/keys.js'
import { childSpace, typeIndexPrefix } from '../src/records/keyspace.js'

const text = fc.string({ unit: fc.constantFrom('\0', '\x01', 'a', 'z', 'é', '😀', '/') })

describe('key codec', () => {
  it('escapes NUL and appends the terminator', () => {
    expect(TERMINATOR).toBe('\0\0')
    expect(encodeComponent('ab')).toBe('ab\0\0')
    expect(encodeComponent('a\0b')).toBe('a\0\x01b\0\0')
    expect(unescapeComponent('a\0\x01b')).toBe('a\0b')
    expect(componentEnd('ab\0\0cd\0\0', 0)).toBe(4)
    expect(componentEnd('ab\0\0cd\0\0', 4)).toBe(8)
    expect(componentEnd('ab', 0)).toBe(-1)
    expect(decodeTuple('a\0\x01\0\0\0\0')).toEqual(['a\0', ''])
    expect(decodeTuple('a\0\0b')).toBeUndefined()
  })

  it('round-trips tuples, is prefix-free and keeps their order', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4 }), fc.array(text, { maxLength: 4 }), (a, b) => {
        const ea = a.map(encodeComponent).join('')
        const eb = b.map(encodeComponent).join('')
        expect(decodeTuple(ea)).toEqual(a)
        const same = a.length === b.length && a.every((part, i) => part === b[i])
        if (!same && a.length <= b.length && b.slice(0, a.length).every((p, i) => p === a[i])) {
          expect(eb.startsWith(ea)).toBe(true) // a tuple prefix is an encoded prefix
        } else if (!same) {
          expect(eb.startsWith(ea)).toBe(false)
        }
        // Tuples sort component by component.
        let expected = 0
        for (let i = 0; i < Math.min(a.length, b.length) && expected === 0; i++)
          expected = Math.sign(compareKeys(a[i]!, b[i]!))
        if (expected === 0) expected = Math.sign(a.length - b.length)
        expect(Math.sign(compareKeys(ea, eb))).toBe(expected)
      }),
    )
  })

  it('is what the store key layout uses for namespaces and types', () => {
    expect(childSpace('', 'a\0b')).toBe(encodeComponent('a\0b'))
    expect(childSpace(encodeComponent('x'), 'y')).toBe(encodeComponent('x') + encodeComponent('y'))
    expect(typeIndexPrefix('', 'user\0')).toBe(`\0t${encodeComponent('user\0')}`)
  })
})

describe('utf8Length', () => {
  it('equals the UTF-8 byte count, also for lone surrogates and long strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (value) => {
        expect(utf8Length(value)).toBe(Buffer.byteLength(value))
      }),
    )
    for (const value of ['', 'a', 'é', '€', '😀', '\ud800', '\udc00', '\ud800a', 'x\udbff']) {
      expect(utf8Length(value)).toBe(Buffer.byteLength(value))
    }
    const long = 'aé€😀'.repeat(100_000)
    expect(utf8Length(long)).toBe(Buffer.byteLength(long))
  })
})
