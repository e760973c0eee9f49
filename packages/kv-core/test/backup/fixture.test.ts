// A backup written by format version 1 (test/fixtures/v1.kvbackup, committed; made with a fixed
// clock) must restore in every later version, to exactly these contents.
import { fileURLToPath } from 'node:url'
import { openStore, verifyBackup } from '@kvgraph/core'
import { describe, expect, it } from 'vitest'

const FIXTURE = fileURLToPath(new URL('../fixtures/v1.kvbackup', import.meta.url))

describe('the format version 1 fixture', () => {
  it('verifies', async () => {
    expect(await verifyBackup(FIXTURE)).toEqual({
      entries: 13,
      records: 4,
      streamEntries: 5,
      batches: 1,
      seq: 4,
      engine: 'memory-level',
      createdAt: '2026-12-01T10:01:00.000Z',
    })
  })

  it('restores exactly what it holds', async () => {
    const now = Date.parse('2026-12-08T00:00:00Z')
    const store = await openStore(':memory:', { clock: () => now, sweepIntervalMs: 0 })
    try {
      expect(await store.restore(FIXTURE)).toEqual({
        records: 4,
        entries: 13,
        streamEntries: 5,
        seq: 4,
      })
      const first = '2026-12-01T10:00:00.000Z'
      const later = '2026-12-01T10:01:00.000Z'
      expect((await store.list()).records).toEqual([
        {
          key: 'doc/1',
          version: 1,
          type: 'Document',
          created: later,
          updated: later,
          value: { title: 'One' },
        },
        {
          key: 'session/x',
          version: 1,
          type: 'session',
          created: later,
          updated: later,
          value: 'token',
          expires: new Date(4_000_000_000_000).toISOString(),
        },
        {
          key: 'user/ann',
          version: 2,
          type: 'user',
          created: first,
          updated: later,
          value: { name: 'Ann B', tags: ['a', 'b'] },
        },
      ])
      expect((await store.getType('Document')).records.map((record) => record.key)).toEqual([
        'doc/1',
      ])
      expect(await store.namespace('tenant').get('k')).toMatchObject({
        version: 1,
        value: [1, 2, 3],
      })
      expect(await store.seq('ids', 0)).toBe(41)
      expect(await store.consumer('mailer').status()).toEqual({ name: 'mailer', position: 2 })
      const stream = await store.stream({ from: 0 })
      expect(stream.map((entry) => [entry.seq, entry.action, entry.key, entry.version])).toEqual([
        [1, 'create', 'user/ann', 1],
        [2, 'create', 'doc/1', 1],
        [3, 'update', 'user/ann', 2],
        [4, 'create', 'session/x', 1],
      ])
      await store.put('next', 1)
      expect(await store.streamSeq()).toBe(5)
    } finally {
      await store.close()
    }
  })
})
