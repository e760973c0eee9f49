// Round trips between engines: a backup file restored, and copyStore, from each source engine to
// each target engine. After each the target's contents (contents.ts) equal the source's.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { copyStore, type OpenStoreOptions, type Store } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { contents, fill, manualClock } from './contents.js'

export interface EngineUnderTest {
  name: string
  /** A new, empty store on this engine (a fresh directory or table each call). */
  open(options: OpenStoreOptions): Promise<Store>
}

export function levelEngine(): EngineUnderTest {
  const dir = mkdtempSync(join(tmpdir(), 'kv-backup-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  let n = 0
  return {
    name: 'LevelDB',
    open: (options) =>
      import('@kvgraph/core').then(({ openStore }) => openStore(join(dir, `db${n++}`), options)),
  }
}

export const memoryEngine: EngineUnderTest = {
  name: 'memory',
  open: (options) =>
    import('@kvgraph/core').then(({ openStore }) => openStore(':memory:', options)),
}

export function roundTripSuite(sources: EngineUnderTest[], targets: EngineUnderTest[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'kv-backup-files-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const open: Store[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()))
  })
  let files = 0

  for (const from of sources) {
    for (const to of targets) {
      describe(`${from.name} -> ${to.name}`, () => {
        it('a backup file restores every record, index, namespace, stream entry, consumer position, counter and graph edge', async () => {
          const clock = manualClock()
          const options = { clock: clock.read, sweepIntervalMs: 0 }
          const source = await from.open(options)
          const target = await to.open(options)
          open.push(source, target)
          await fill(source, clock)
          const file = join(dir, `b${files++}.kvbackup`)
          const info = await source.backup(file)
          expect(info.seq).toBe(await source.streamSeq())
          expect(info.records).toBeGreaterThan(90)
          expect(info.sha256).toMatch(/^[0-9a-f]{64}$/)
          clock.now += 2_000 // ttl/soon has expired by restore time: it is not restored
          const restored = await target.restore(file)
          expect(restored.seq).toBe(info.seq)
          expect(restored.records).toBe(info.records - 3) // ttl/soon of each namespace
          expect(await contents(target)).toEqual(await contents(source))
          expect(await target.get('ttl/soon')).toBeUndefined()
          // Locks and leases stay behind; the consumer's position came along.
          expect(await target.lockStatus('the-lock')).toBeUndefined()
          expect((await target.consumer('reader').status()).lease).toBeUndefined()
          expect((await source.consumer('reader').status()).lease).toBeDefined()
          // Seqs never restart, and TTLs still expire on the target.
          await target.put('after', 1)
          expect(await target.streamSeq()).toBe(info.seq + 1)
          clock.now += 600_000
          expect(await target.sweepExpired()).toBe(3)
          expect(await target.getType('Temp')).toEqual({ records: [] })
          // The graph reads its records as they are: no rebuild.
          const path = await new Graph(target).shortestPath(
            { type: 'person', id: 'ann' },
            { type: 'person', id: 'cy' },
          )
          expect(path?.nodes.map((node) => node.id)).toEqual(['ann', 'bob', 'cy'])
        })

        it('copyStore with { stream: false } leaves the stream behind and continues above its head', async () => {
          const clock = manualClock()
          const options = { clock: clock.read, sweepIntervalMs: 0 }
          const source = await from.open(options)
          const target = await to.open(options)
          open.push(source, target)
          await fill(source, clock)
          const head = await source.streamSeq()
          const copied = await copyStore(source, target, { stream: false })
          expect(copied.seq).toBe(head)
          expect(copied.streamEntries).toBe(0)
          const before = await contents(source)
          const after = await contents(target)
          expect(after.spaces.map((space) => space.records)).toEqual(
            before.spaces.map((space) => space.records),
          )
          expect(after.edges).toEqual(before.edges)
          for (const [i, space] of after.spaces.entries()) {
            expect(space.stream).toEqual([])
            expect(space.streamSeq).toBe(before.spaces[i]!.streamSeq)
            expect(space.counter).toBe(7)
          }
          expect(after.readerPosition).toBe(head)
          await target.put('after', 1)
          expect((await target.stream({ from: 0 })).map((entry) => entry.seq)).toEqual([head + 1])
        })
      })
    }
  }
}
