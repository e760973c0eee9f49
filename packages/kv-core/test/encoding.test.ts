import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '@kvgraph/core'
import { expectGapFree, ManualClock } from '@kvgraph/core/testing'
import { ClassicLevel } from 'classic-level'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Change } from '../src/records/changes.js'
import { defaultType, isDefaultType } from '../src/records/keys.js'
import { decodeHeader, decodeRecord, encodeRecord, isExpired } from '../src/records/record.js'
import { fromStamp, isoOf, toStamp } from '../src/records/stamp.js'
import { ChunkCursor, chunkCount, dropEntries, encodeChunk } from '../src/stream/stream-chunk.js'

const ODD_KEYS = [
  'user/alice',
  'plain',
  '/leading-slash',
  'a"quote/b',
  'new\nline/x',
  'comma,key/1',
  'nul\0byte/\0',
  'emoji😀/🎉',
  'back\\slash/\\',
  'sep\u2028line/y',
]
const ODD_TYPES = [
  undefined,
  'user',
  'with"quote',
  'new\nline',
  'a,b',
  '\0',
  '😀',
  '\\',
  '{"json":1}',
]

// Instants with every millisecond digit exercised, before and after 2059 (9 base-36 digits).
const INSTANTS = [Date.UTC(2026, 10, 21, 22, 33, 42, 924), Date.UTC(2099, 0, 1, 0, 0, 0, 1), 1, 0]

describe('stamps', () => {
  it('convert to the same ISO-8601 text as Date#toISOString, to the millisecond', () => {
    const edges = [0, 1, 999, 86_399_999, 86_400_000, 951_868_799_999, 253_402_300_799_999]
    const extended = [253_402_300_800_000, -1, -86_400_001, 1.5, -1.5, 8.64e15]
    const random = Array.from({ length: 20_000 }, () => Math.floor(Math.random() * 4e12))
    for (const ms of [...edges, ...extended, ...random]) {
      expect(isoOf(ms)).toBe(new Date(ms).toISOString())
      expect(isoOf(fromStamp(toStamp(ms)))).toBe(new Date(ms).toISOString())
    }
  })
})

describe('record header', () => {
  it('round-trips odd keys and types, versions, times to the millisecond and expiry', () => {
    for (const key of ODD_KEYS) {
      const natural = defaultType(key)
      for (const explicit of ODD_TYPES) {
        const type = explicit ?? natural
        for (const created of INSTANTS) {
          for (const updated of [created, created + 1, created + 86_400_123]) {
            for (const expiresAt of [0, updated + 1500]) {
              const header = { version: 42, created, updated, expiresAt, type }
              const value = { key, list: [1, 'a\nb', null] }
              const raw = encodeRecord(
                42,
                created,
                updated,
                expiresAt,
                type,
                natural,
                JSON.stringify(value),
              )
              const decoded = decodeHeader(key, raw)
              expect(decoded).toMatchObject(header)
              expect(raw.slice(decoded.bodyStart)).toBe(JSON.stringify(value))
              const record = decodeRecord(key, raw)
              expect(record).toEqual({
                key,
                version: 42,
                type,
                created: new Date(created).toISOString(),
                updated: new Date(updated).toISOString(),
                ...(expiresAt ? { expires: new Date(expiresAt).toISOString() } : {}),
                value,
              })
              expect(isExpired(raw, expiresAt || Number.MAX_SAFE_INTEGER)).toBe(expiresAt !== 0)
              if (expiresAt) expect(isExpired(raw, expiresAt - 1)).toBe(false)
            }
          }
        }
      }
    }
  })

  it('decodes the times of each record when consecutive records share or differ in their stamps', () => {
    const t = Date.UTC(2026, 10, 21, 22, 33, 42, 924)
    // Same-length stamps one character apart, a repeat, an ISO header and back.
    const times = [t, t, t + 1, t, t + 35, t + 36, t + 86_400_000, t + 1]
    const raws = times.map((created, i) => encodeRecord(1, created, created + i, 0, 'k', 'k', '1'))
    raws.splice(3, 0, '3,2026-11-21T22:33:42.925Z,,,\n1')
    const expected = times.map((created, i) => [created, created + i])
    expected.splice(3, 0, [t + 1, t + 1])
    for (let round = 0; round < 2; round++) {
      raws.forEach((raw, i) => {
        const record = decodeRecord('k', raw)
        expect([record.created, record.updated]).toEqual(
          expected[i]!.map((ms) => new Date(ms).toISOString()),
        )
      })
    }
  })

  it('isDefaultType agrees with defaultType', () => {
    const types = [...ODD_TYPES.filter((t) => t !== undefined), 'user/alice', 'us', 'plai', '']
    for (const key of ODD_KEYS) {
      for (const type of [...types, defaultType(key), `${defaultType(key)}/`]) {
        expect(isDefaultType(key, type), `${key} / ${type}`).toBe(defaultType(key) === type)
      }
    }
  })

  it('is compact: default type and unchanged update time are omitted', () => {
    const t = Date.UTC(2026, 0, 1)
    const raw = encodeRecord(1, t, t, 0, 'user', 'user', '{}')
    expect(raw).toBe(`1,${toStamp(t)},,,\n{}`)
    expect(raw.length - 2).toBe(14) // the header, for a record written before 2059
  })

  it('still reads headers written with ISO times', () => {
    const raw = '3,2026-11-21T22:33:42.924Z,2026-11-21T22:40:00.001Z,,"user"\n{"a":1}'
    expect(decodeRecord('user/a', raw)).toEqual({
      key: 'user/a',
      version: 3,
      type: 'user',
      created: '2026-11-21T22:33:42.924Z',
      updated: '2026-11-21T22:40:00.001Z',
      value: { a: 1 },
    })
  })
})

describe('stream chunk', () => {
  const changes: Change[] = ODD_KEYS.flatMap((key, i) =>
    ODD_TYPES.map((type, j) => ({
      action: (['create', 'update', 'delete', 'expire'] as const)[(i + j) % 4]!,
      key,
      version: i * 10 + j + 1,
      type: type ?? defaultType(key),
      valueJson: JSON.stringify({ s: `v\n${i},${j}"` }),
    })),
  )
  const at = Date.UTC(2026, 10, 21, 22, 33, 42, 924)

  function decodeAll(first: number, raw: string) {
    const cursor = new ChunkCursor(first, raw)
    return Array.from({ length: cursor.count }, () => cursor.value(cursor.next()))
  }

  it('round-trips every field of every entry', () => {
    const [raw, next] = encodeChunk(changes, 0, toStamp(at))
    expect(next).toBe(changes.length)
    expect(chunkCount(raw)).toBe(changes.length)
    expect(decodeAll(7, raw)).toEqual(
      changes.map((c, i) => ({
        seq: 7 + i,
        action: c.action,
        key: c.key,
        version: c.version,
        type: c.type,
        at: new Date(at).toISOString(),
        value: JSON.parse(c.valueJson),
      })),
    )
  })

  it('skips and drops entries without decoding them', () => {
    const [raw] = encodeChunk(changes, 0, toStamp(at))
    const all = decodeAll(1, raw)
    const rest = dropEntries(raw, 5)
    expect(chunkCount(rest)).toBe(changes.length - 5)
    expect(decodeAll(6, rest)).toEqual(all.slice(5))
  })

  it('splits large transactions into several chunks', () => {
    const many: Change[] = Array.from({ length: 2500 }, (_, i) => ({
      action: 'create',
      key: `k/${i}`,
      version: 1,
      type: 'k',
      valueJson: String(i),
    }))
    const counts: number[] = []
    for (let i = 0; i < many.length; ) {
      const [raw, next] = encodeChunk(many, i, toStamp(at))
      counts.push(chunkCount(raw))
      i = next
    }
    expect(counts).toEqual([1024, 1024, 452])
  })

  it('still reads entries stored as JSON objects', () => {
    const entry = {
      seq: 3,
      action: 'create',
      key: 'a',
      version: 1,
      type: 'a',
      at: '2026-11-21T22:33:42.924Z',
      value: { x: 1 },
    }
    expect(chunkCount(JSON.stringify(entry))).toBe(1)
    expect(decodeAll(3, JSON.stringify(entry))).toEqual([entry])
  })
})

describe('stream chunks in a store', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kv-encoding-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('reads from, trims inside and resumes after a chunk, across a restart', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 21, 22, 33, 42, 924))
    const path = join(dir, 'db')
    let store = await openStore(path, { clock: clock.read, sweepIntervalMs: 0 })
    const keys = ODD_KEYS.slice(0, 6)
    await store.mutate(keys.map((key, i) => ({ op: 'put', key, value: i, type: ODD_TYPES[i] })))
    clock.advance(1)
    await store.put('after', 'x')
    expect((await store.stream({ from: 3, limit: 2 })).map((e) => e.key)).toEqual(keys.slice(2, 4))
    expect(await store.streamTrim(4)).toBe(4)
    const left = await store.stream()
    expectGapFree(left, 5)
    expect(left.map((e) => [e.key, e.type, e.value, e.at])).toEqual([
      [keys[4], ODD_TYPES[4] ?? defaultType(keys[4]!), 4, '2026-11-21T22:33:42.924Z'],
      [keys[5], ODD_TYPES[5] ?? defaultType(keys[5]!), 5, '2026-11-21T22:33:42.924Z'],
      ['after', 'after', 'x', '2026-11-21T22:33:42.925Z'],
    ])
    await store.close()

    store = await openStore(path, { clock: clock.read, sweepIntervalMs: 0 })
    expect(await store.streamSeq()).toBe(7)
    await store.put(keys[0]!, 'again')
    const entries = await store.stream({ from: 6 })
    expectGapFree(entries, 6)
    expect(entries.at(-1)).toMatchObject({ seq: 8, action: 'update', key: keys[0], version: 2 })
    const record = await store.get(keys[0]!)
    expect(record).toMatchObject({
      version: 2,
      created: '2026-11-21T22:33:42.924Z',
      updated: '2026-11-21T22:33:42.925Z',
    })
    await store.close()
  })

  it('stores about 30 bytes per put beyond the key and value', async () => {
    const path = join(dir, 'db')
    const store = await openStore(path)
    const value = { name: 'user 1', email: 'user1@example.com', age: 1 }
    await store.mutate(
      Array.from({ length: 100 }, (_, i) => ({ op: 'put' as const, key: `user/${i}`, value })),
    )
    await store.close()
    const db = new ClassicLevel<string, string>(path)
    let bytes = 0
    for await (const [key, raw] of db.iterator()) bytes += key.length + raw.length
    await db.close()
    const payload = 100 * (JSON.stringify(value).length + 'user/00'.length)
    expect((bytes - 2 * payload) / 100).toBeLessThan(40)
  })
})
