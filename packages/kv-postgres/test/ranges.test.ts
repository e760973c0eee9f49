import type { EngineRange } from '@kvgraph/core'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PostgresEngine } from '../src/index.js'
import { byBytes, drain, engines, postgresUrl, putAll, uniqueTable } from './helpers.js'

const keys = Array.from({ length: 50 }, (_, i) => `k${String(i).padStart(2, '0')}`)

/** The keys a range selects, computed in JS. */
function expected(range: EngineRange): string[] {
  const selected = keys.filter(
    (k) =>
      (range.gt === undefined || byBytes(k, range.gt) > 0) &&
      (range.gte === undefined || byBytes(k, range.gte) >= 0) &&
      (range.lt === undefined || byBytes(k, range.lt) < 0) &&
      (range.lte === undefined || byBytes(k, range.lte) <= 0),
  )
  return range.reverse ? selected.reverse() : selected
}

describe('ranges', () => {
  const pool = engines()
  let engine: PostgresEngine

  beforeAll(async () => {
    engine = await pool.open(uniqueTable('ranges'))
    await putAll(
      engine,
      keys.map((k) => [k, `value of ${k}`]),
    )
  })
  afterAll(() => pool.cleanup())

  const lowers: EngineRange[] = [{}, { gt: 'k10' }, { gte: 'k10' }, { gt: 'k105' }, { gte: 'a' }]
  const uppers: EngineRange[] = [{}, { lt: 'k40' }, { lte: 'k40' }, { lt: 'k405' }, { lte: 'z' }]
  const cases = lowers.flatMap((lower) =>
    uppers.flatMap((upper) => [false, true].map((reverse) => ({ ...lower, ...upper, reverse }))),
  )

  it.each(cases)('%o selects the same keys as a JS filter, in order', async (range) => {
    const want = expected(range)
    expect(await drain(engine.keys(range), 7)).toEqual(want)
    const entries = await drain(engine.iterator(range), 1000)
    expect(entries).toEqual(want.map((k) => [k, `value of ${k}`]))
  })

  it('nextv returns at most n per call and [] at the end, then again []', async () => {
    const iterator = engine.iterator({ gte: 'k00', lt: 'k10' })
    expect((await iterator.nextv(4)).map(([k]) => k)).toEqual(['k00', 'k01', 'k02', 'k03'])
    expect((await iterator.nextv(4)).map(([k]) => k)).toEqual(['k04', 'k05', 'k06', 'k07'])
    expect((await iterator.nextv(4)).map(([k]) => k)).toEqual(['k08', 'k09'])
    expect(await iterator.nextv(4)).toEqual([])
    expect(await iterator.nextv(4)).toEqual([])
    iterator.seek('k00')
    expect((await iterator.nextv(0)).map(([k]) => k)).toEqual(['k00']) // as abstract-level: one
    await expect(iterator.nextv(1.5)).rejects.toMatchObject({ code: 'KV_INVALID_ARGUMENT' })
    await iterator.close()
    await expect(iterator.nextv(1)).rejects.toMatchObject({ code: 'KV_CLOSED' })
  })

  it('an empty range yields nothing', async () => {
    expect(await drain(engine.iterator({ gt: 'k20', lt: 'k21' }), 10)).toEqual([])
    expect(await drain(engine.keys({ gte: 'k30', lte: 'k29' }), 10)).toEqual([])
  })

  it('seeks forward and back, within the range', async () => {
    const iterator = engine.keys({ gte: 'k10', lt: 'k40' })
    expect(await iterator.nextv(2)).toEqual(['k10', 'k11'])
    iterator.seek('k205') // between keys: the next one at or after it
    expect(await iterator.nextv(2)).toEqual(['k21', 'k22'])
    iterator.seek('k15') // backwards
    expect(await iterator.nextv(1)).toEqual(['k15'])
    iterator.seek('k00') // before the range: stays inside it
    expect(await iterator.nextv(1)).toEqual(['k10'])
    iterator.seek('k39')
    expect(await iterator.nextv(5)).toEqual(['k39'])
    expect(await iterator.nextv(5)).toEqual([])
    iterator.seek('k38') // a seek after the end starts over
    expect(await iterator.nextv(5)).toEqual(['k38', 'k39'])
    await iterator.close()
  })

  it('seeks in reverse: the first key at or before the target', async () => {
    const iterator = engine.iterator({ gt: 'k10', lte: 'k40', reverse: true })
    expect((await iterator.nextv(2)).map(([k]) => k)).toEqual(['k40', 'k39'])
    iterator.seek('k205')
    expect((await iterator.nextv(2)).map(([k]) => k)).toEqual(['k20', 'k19'])
    iterator.seek('k30')
    expect((await iterator.nextv(1)).map(([k]) => k)).toEqual(['k30'])
    iterator.seek('k99')
    expect((await iterator.nextv(1)).map(([k]) => k)).toEqual(['k40'])
    iterator.seek('k12')
    expect((await iterator.nextv(5)).map(([k]) => k)).toEqual(['k12', 'k11'])
    await iterator.close()
  })

  it('get and getMany read committed values; missing keys are undefined, in place', async () => {
    expect(await engine.get('k07')).toBe('value of k07')
    expect(await engine.get('nope')).toBeUndefined()
    expect(await engine.getMany(['k03', 'missing', 'k49', 'k03', ''])).toEqual([
      'value of k03',
      undefined,
      'value of k49',
      'value of k03',
      undefined,
    ])
    expect(await engine.getMany([])).toEqual([])
  })

  it('approximateSize estimates from the statistics: more for a wider range', async () => {
    const sql = postgres(postgresUrl(), { max: 1, onnotice: () => {} })
    await sql.unsafe(`ANALYZE "${engine.table}"`)
    await sql.end()
    const all = await engine.approximateSize({})
    const some = await engine.approximateSize({ gte: 'k10', lt: 'k12' })
    expect(all).toBeGreaterThan(0)
    expect(some).toBeGreaterThanOrEqual(0)
    expect(some).toBeLessThan(all)
  })
})
