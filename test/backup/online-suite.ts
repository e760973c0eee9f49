// A backup or copy taken while 4 writers run holds the state at one commit: writers `mutate`
// pairs of keys to equal values, so every pair in the copy must be equal.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Writable } from 'node:stream'
import { copyStore, openStore, type Store } from '@kvgraph/core'
import { afterAll, describe, expect, it } from 'vitest'
import type { EngineUnderTest } from './round-trip-suite.js'

const PAIRS = 50

async function writers(store: Store, stop: { done: boolean }): Promise<number> {
  let writes = 0
  await Promise.all(
    [0, 1, 2, 3].map(async (writer) => {
      for (let n = 0; !stop.done; n++) {
        const pair = (writer * 7 + n * 13) % PAIRS
        const value = `${writer}:${n}`
        await store.mutate([
          { op: 'put', key: `pair/${pair}/a`, value },
          { op: 'put', key: `pair/${pair}/b`, value },
        ])
        writes++
        // memory-level's writes never leave the microtask queue: without a turn of the event
        // loop now and then, nothing else (the backup's file writes) would ever run.
        if (n % 4 === 3) await new Promise((resolve) => setImmediate(resolve))
      }
    }),
  )
  return writes
}

async function expectEqualPairs(store: Store): Promise<void> {
  const page = await store.getPrefix('pair/', { limit: 1000 })
  expect(new Set(page.records.map((record) => record.value)).size).toBeGreaterThan(1)
  expect(page.records).toHaveLength(PAIRS * 2)
  for (let i = 0; i < PAIRS; i++) {
    const a = await store.get(`pair/${i}/a`)
    const b = await store.get(`pair/${i}/b`)
    expect(b?.value, `pair ${i}`).toEqual(a?.value)
    expect(b?.version).toBe(a?.version)
  }
  // The stream holds exactly the commits up to the snapshot's seq: two entries per mutate.
  const seq = await store.streamSeq()
  const last = await store.stream({ from: seq - 1 })
  expect(last.map((entry) => entry.key.slice(-1))).toEqual(['a', 'b'])
}

export function onlineSuite(engine: EngineUnderTest): void {
  describe(`online on ${engine.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-online-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('a write completes while a backup holds its snapshot open', async () => {
      const source = await engine.open({})
      try {
        await source.mutate(
          Array.from({ length: 3000 }, (_, i) => ({ op: 'put' as const, key: `k/${i}`, value: i })),
        )
        // A destination that takes nothing until told: the backup waits, its snapshot open.
        const chunks: Buffer[] = []
        let release!: () => void
        const released = new Promise<void>((resolve) => {
          release = resolve
        })
        const slow = new Writable({
          highWaterMark: 1,
          write(chunk: Buffer, _encoding, done) {
            chunks.push(chunk)
            released.then(() => done())
          },
        })
        let progressed = 0
        const backup = source.backup(slow, { gzip: false, onProgress: () => progressed++ })
        while (progressed === 0) await new Promise((resolve) => setTimeout(resolve, 5))
        const written = await source.put('during', 'the backup')
        expect(written.version).toBe(1)
        expect(await source.get('during')).toMatchObject({ value: 'the backup' })
        release()
        const info = await backup
        expect(info.records).toBe(3000) // the snapshot predates the write
        const target = await openStore(':memory:')
        await target.restore(Readable.from(chunks))
        expect(await target.get('during')).toBeUndefined()
        expect(await target.count()).toBe(3000)
        await target.close()
      } finally {
        await source.close()
      }
    })

    for (const mode of ['backup', 'copyStore'] as const) {
      it(`${mode} while 4 writers mutate pairs holds only equal pairs`, async () => {
        const source = await engine.open({})
        const target = await openStore(':memory:')
        try {
          for (let i = 0; i < PAIRS; i++) {
            await source.mutate([
              { op: 'put', key: `pair/${i}/a`, value: 'start' },
              { op: 'put', key: `pair/${i}/b`, value: 'start' },
            ])
          }
          // Enough other records that reading them takes a while, the writers going on.
          for (let i = 0; i < 20; i++) {
            await source.mutate(
              Array.from({ length: 500 }, (_, j) => ({
                op: 'put' as const,
                key: `filler/${i}/${j}`,
                value: { i, j },
              })),
            )
          }
          // A write awaited before the backup starts is in it.
          await source.put('awaited', 1)
          const stop = { done: false }
          const running = writers(source, stop)
          await new Promise((resolve) => setTimeout(resolve, 30))
          if (mode === 'backup') {
            const file = join(dir, `${Date.now()}.kvbackup`)
            await source.backup(file)
            await target.restore(file)
          } else await copyStore(source, target)
          stop.done = true
          const writes = await running
          expect(writes).toBeGreaterThan(0)
          expect(await target.get('awaited')).toMatchObject({ value: 1 })
          await expectEqualPairs(target)
        } finally {
          await source.close()
          await target.close()
        }
      })
    }
  })
}
