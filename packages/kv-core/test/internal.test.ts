import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, Store } from '@kvgraph/core'
import {
  isPlainObject,
  isStore,
  keyBatches,
  onCommit,
  prefixGroups,
  rawKeyBatches,
  scanValues,
} from '@kvgraph/core/internal'
import { rejectsWithCode } from '@kvgraph/core/testing'
import { afterAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'kv-internal-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('@kvgraph/core/internal', () => {
  it('isStore recognises stores and namespaces by brand, not by shape', async () => {
    const store = await openStore(':memory:')
    expect(isStore(store)).toBe(true)
    expect(isStore(store.namespace('a').namespace('b'))).toBe(true)
    const lookalike = Object.create(Store.prototype)
    expect(isStore(lookalike)).toBe(false)
    expect(isStore({ ...store, prefixGroups: () => {} })).toBe(false)
    for (const value of [undefined, null, 1, 'store', {}]) expect(isStore(value)).toBe(false)
    await store.close()
    expect(isStore(store)).toBe(true) // still a Store, closed
  })

  it('the internal reads are no Store methods, and refuse what is not a Store', async () => {
    const store = await openStore(':memory:')
    for (const name of ['scanValues', 'keyBatches', 'rawKeyBatches', 'prefixGroups', 'onCommit'])
      expect(name in store).toBe(false)
    const fake = {} as Store
    expect(() => scanValues(fake, { prefix: '' })).toThrow('scanValues: store must be a Store')
    expect(() => keyBatches(fake, { prefix: '' })).toThrow('keyBatches: store must be a Store')
    expect(() => rawKeyBatches(fake, { prefix: '' })).toThrow('rawKeyBatches: store')
    expect(() => prefixGroups(fake, [])).toThrow('prefixGroups: store must be a Store')
    expect(() => onCommit(fake, () => {})).toThrow('onCommit: store must be a Store')
    await store.close()
  })

  it('name the function in their errors and see the namespace they are given', async () => {
    const store = await openStore(join(dir, 'db'))
    const inner = store.namespace('inner')
    await store.put('a/1', 1)
    await inner.put('a/2', 2)
    expect((await scanValues(inner, { prefix: 'a/' })).values).toEqual([2])
    const batches = []
    for await (const batch of keyBatches(inner, { prefix: '' })) batches.push(batch)
    expect(batches).toEqual([['a/2']])
    const groups = []
    for await (const group of prefixGroups(store, ['a/'], { values: false })) groups.push(group)
    expect(groups).toEqual([{ prefix: 'a/', keys: ['a/1'], records: [] }])
    const error = await rejectsWithCode(
      rawKeyBatches(store, { prefix: '' }, { batchSize: 0 }).next(),
      'KV_INVALID_ARGUMENT',
    )
    expect(error.message).toBe(
      'rawKeyBatches: options.batchSize must be a positive integer of at most 100,000: received 0',
    )
    expect(() => prefixGroups(store, ['ok', ''])).toThrow('prefixGroups: prefixes[1] must be')
    await store.close()
    expect(() => onCommit(store, () => {})).toThrow('onCommit: the store is closed')
  })

  it('isPlainObject is true for objects only', () => {
    expect(isPlainObject({ a: 1 })).toBe(true)
    expect(isPlainObject([])).toBe(false)
    expect(isPlainObject(null)).toBe(false)
    expect(isPlainObject('x')).toBe(false)
  })
})
