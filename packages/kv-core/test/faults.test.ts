import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type JsonValue, KvError, openStore, type Store } from '@kvgraph/core'
import { seededRandom } from '@kvgraph/core/random'
import {
  expectGapFree,
  type FaultPlan,
  injectFaults,
  rejectsWithCode,
  replay,
} from '@kvgraph/core/testing'
import { ClassicLevel } from 'classic-level'
import { MemoryLevel } from 'memory-level'
import { afterAll, describe, expect, it } from 'vitest'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const engines = {
  'memory-level': () => new MemoryLevel<string, string>(),
  'classic-level': () => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-faults-'))
    dirs.push(dir)
    return new ClassicLevel<string, string>(join(dir, 'db'))
  },
}

/** Random faults, but never three failed writes in a row (that refuses writes: tested below). */
function randomFaults(random: () => number): FaultPlan {
  let failedInARow = 0
  return {
    write: () => {
      const roll = random()
      if (roll < 0.2 && failedInARow < 2) {
        failedInARow++
        return roll < 0.1 ? 'fail' : { delayMs: 2, fail: true }
      }
      failedInARow = 0
      return roll < 0.3 ? { delayMs: 1 } : undefined
    },
    read: () => (random() < 0.05 ? 'fail' : undefined),
  }
}

interface Tally {
  ok: number
  ioErrors: number
  conflicts: number
}

/** Runs `call`; a rejection must be a KvError with an expected code. */
async function attempt<T>(tally: Tally, call: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await call()
    tally.ok++
    return result
  } catch (error) {
    if (!(error instanceof KvError)) throw error
    if (error.code === 'KV_IO_ERROR') tally.ioErrors++
    else if (error.code === 'KV_VERSION_CONFLICT') tally.conflicts++
    else throw error
    return undefined
  }
}

type Model = Map<string, { version: number; value: JsonValue }>

/** One client: sequential writes to keys it alone owns, so the model is exact. */
async function ownedWrites(store: Store, client: number, steps: number, random: () => number) {
  const model: Model = new Map()
  const tally: Tally = { ok: 0, ioErrors: 0, conflicts: 0 }
  for (let step = 0; step < steps; step++) {
    const key = `own/${client}/${Math.floor(random() * 4)}`
    const known = model.get(key)
    const roll = random()
    if (roll < 0.5) {
      const value = { step, client }
      const version = random() < 0.5 ? (known?.version ?? 0) : undefined
      const record = await attempt(tally, () => store.put(key, value, { version }))
      if (record) model.set(key, { version: record.version, value })
    } else if (roll < 0.7) {
      const record = await attempt(tally, () => store.patch(key, { patched: step }))
      if (record) model.set(key, { version: record.version, value: record.value })
    } else if (roll < 0.85) {
      if ((await attempt(tally, () => store.delete(key))) !== undefined) model.delete(key)
    } else {
      // Two keys in one mutate: both or neither.
      const pair = `pair/${client}/${step}`
      const done = await attempt(tally, () =>
        store.mutate([
          { op: 'put', key: `${pair}/a`, value: step },
          { op: 'put', key: `${pair}/b`, value: step },
        ]),
      )
      if (done) {
        model.set(`${pair}/a`, { version: 1, value: step })
        model.set(`${pair}/b`, { version: 1, value: step })
      }
    }
    // Reads under faults: a typed error or a right answer.
    if (random() < 0.2) await attempt(tally, () => store.getPrefix(`own/${client}/`))
  }
  return { model, tally }
}

async function allRecords(
  store: Store,
): Promise<Map<string, { version: number; value: JsonValue }>> {
  const records = new Map<string, { version: number; value: JsonValue }>()
  for await (const record of store.entries({ prefix: '' }))
    records.set(record.key, { version: record.version, value: record.value })
  return records
}

for (const [name, open] of Object.entries(engines)) {
  describe(`${name} under injected faults`, () => {
    it('callers get KV_IO_ERROR, nothing is half-applied, the stream has no gap, and the store keeps working', async () => {
      const db = open()
      const faults = injectFaults(db)
      const store = await openStore(db)
      const random = seededRandom(24)
      faults.plan = randomFaults(random)
      const clients = await Promise.all(
        Array.from({ length: 6 }, (_, client) =>
          ownedWrites(store, client, 60, seededRandom(100 + client)),
        ),
      )
      faults.plan = {}
      const ioErrors = clients.reduce((sum, c) => sum + c.tally.ioErrors, 0)
      const ok = clients.reduce((sum, c) => sum + c.tally.ok, 0)
      expect(faults.counts.failedWrites).toBeGreaterThan(5)
      expect(faults.counts.failedReads).toBeGreaterThan(0)
      expect(ioErrors).toBeGreaterThan(5)
      expect(ok).toBeGreaterThan(100)

      const expected: Model = new Map()
      for (const { model } of clients) for (const [key, state] of model) expected.set(key, state)
      const stored = await allRecords(store)
      expect(stored).toEqual(expected)

      const entries = await store.stream({ limit: 100_000 })
      expectGapFree(entries)
      expect(replay(entries)).toEqual(new Map([...stored].map(([key, r]) => [key, r.value])))

      // The faults were transient: the store works as before.
      const after = await store.put('after', 1)
      expect(after.version).toBe(1)
      expect((await store.stream({ from: entries.length + 1 })).map((e) => e.key)).toEqual([
        'after',
      ])
      console.log(
        `${name} faults: ${faults.counts.writes} writes (${faults.counts.failedWrites} failed), ` +
          `${faults.counts.reads} reads (${faults.counts.failedReads} failed); ` +
          `calls: ${ok} ok, ${ioErrors} KV_IO_ERROR`,
      )
      await store.close()
    })

    it('a persistent fault refuses writes with a clear error and keeps the data', async () => {
      const db = open()
      const faults = injectFaults(db)
      const store = await openStore(db)
      await store.put('kept', 1)
      faults.plan = { write: () => 'fail' }
      for (let i = 0; i < 3; i++) await rejectsWithCode(store.put('k', i), 'KV_IO_ERROR')
      const refused = await rejectsWithCode(store.put('k', 3), 'KV_CLOSED')
      expect(refused.message).toContain('refuses writes after 3 failed writes in a row')
      expect((await store.get('kept'))?.value).toBe(1)
      await store.close()
      faults.plan = {}
      const again = await openStore(db)
      expect(await allRecords(again)).toEqual(new Map([['kept', { version: 1, value: 1 }]]))
      expectGapFree(await again.stream())
      await again.close()
    })
  })
}
