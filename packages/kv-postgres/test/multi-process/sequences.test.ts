import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresUrl, uniqueTable } from '../helpers.js'
import { type Child, cleanup, startChildren } from './children.js'

// A named counter bumped from 4 processes at once hands out every value exactly once.
describe('sequences across processes', () => {
  const table = uniqueTable('mp_seq')
  let children: Child[] = []

  beforeAll(async () => {
    children = await startChildren(postgresUrl(), table, 4)
  })
  afterAll(() => cleanup(postgresUrl(), table, children))

  it('store.seq from 4 processes x 60: unique and gap-free, increasing in each process', async () => {
    const perChild = await Promise.all(
      children.map((child) => child.call<number[]>('seqs', 'ids', 60)),
    )
    for (const values of perChild) {
      expect(values).toHaveLength(60)
      expect(values).toEqual([...values].sort((a, b) => a - b))
    }
    const all = perChild.flat().sort((a, b) => a - b)
    expect(all).toEqual(Array.from({ length: 240 }, (_, i) => i + 1))
    expect(await children[0]!.call('seq', 'ids', 0)).toBe(240)
  })
})
