import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { writeFailure } from '../src/engine/level/write-failure.js'
import { decodeBase64url, encodeBase64url } from '../src/records/base64url.js'
import { randomOwnerId } from '../src/stream/owner-id.js'

// Cursors were Buffer's base64url before the store ran in browsers: the pure codec must agree.
describe('base64url without Buffer', () => {
  it('encodes every well-formed string exactly as Buffer does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(encodeBase64url(text)).toBe(Buffer.from(text).toString('base64url'))
      }),
    )
  })

  it('decodes what Buffer encoded (cursors issued before keep working)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(decodeBase64url(Buffer.from(text).toString('base64url'))).toBe(text)
      }),
    )
  })

  it('rejects characters outside the alphabet, truncated input and bad UTF-8', () => {
    expect(() => decodeBase64url('ab$c')).toThrow(/not a base64url character/)
    expect(() => decodeBase64url('abcde')).toThrow(/truncated/)
    expect(() => decodeBase64url(Buffer.from([0xff, 0xfe]).toString('base64url'))).toThrow()
  })
})

describe('write failures', () => {
  it("a browser's QuotaExceededError, even as a cause, becomes KV_QUOTA", () => {
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' })
    expect(writeFailure(quota).code).toBe('KV_QUOTA')
    expect(writeFailure(new Error('wrapped', { cause: quota })).code).toBe('KV_QUOTA')
    expect(writeFailure(new Error('disk')).code).toBe('KV_IO_ERROR')
  })
})

describe('consumer owner ids', () => {
  it('are version 4 UUIDs, different each time', () => {
    const ids = new Set(Array.from({ length: 100 }, randomOwnerId))
    expect(ids.size).toBe(100)
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
