import { CodedError, KvError } from '@kvgraph/core'
import { describe, expect, it } from 'vitest'

describe('error classes', () => {
  it('KvError is a CodedError: code, name and cause, for one catch across packages', () => {
    const cause = new Error('disk')
    const error = new KvError('KV_IO_ERROR', 'put: write failed', { cause, key: 'a' })
    expect(error).toBeInstanceOf(CodedError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ code: 'KV_IO_ERROR', name: 'KvError', key: 'a', cause })
    expect(String(error)).toBe('KvError: put: write failed')
  })

  it('a CodedError without a cause has no cause property', () => {
    expect('cause' in new CodedError('X', 'm')).toBe(false)
  })
})
